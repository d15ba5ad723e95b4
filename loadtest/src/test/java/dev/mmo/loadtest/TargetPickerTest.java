package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetPickerTest {

    @Test
    void targetsStayInsideTheAreaAndCoverIt() {
        TargetPicker picker = new TargetPicker(1000, 5000);
        SplittableRandom random = new SplittableRandom(7);
        double minX = 0, maxX = 0, minY = 0, maxY = 0;
        for (int i = 0; i < 20_000; i++) {
            TargetPicker.Target target = picker.next(random);
            assertTrue(Math.abs(target.x()) <= 500 && Math.abs(target.y()) <= 500, target.toString());
            minX = Math.min(minX, target.x());
            maxX = Math.max(maxX, target.x());
            minY = Math.min(minY, target.y());
            maxY = Math.max(maxY, target.y());
        }
        assertTrue(minX < -490 && maxX > 490 && minY < -490 && maxY > 490, "the whole square is used");
    }

    @Test
    void spreadTargetsStayInsideTheWorld() {
        TargetPicker picker = new TargetPicker(10_000, 5000);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            TargetPicker.Target target = picker.next(random);
            assertTrue(Math.abs(target.x()) <= 5000 && Math.abs(target.y()) <= 5000);
        }
        assertEquals(5000, new TargetPicker(20_000, 5000).halfSide());
    }

    @Test
    void coordinatesAreWholeTenthsThatPrintAsTheServerWritesThem() {
        TargetPicker picker = new TargetPicker(1000, 5000);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            TargetPicker.Target target = picker.next(random);
            for (double value : new double[] {target.x(), target.y()}) {
                String text = Double.toString(value);
                assertTrue(text.matches("-?\\d+\\.\\d"), text);
                assertEquals(value, Double.parseDouble(text));
                assertTrue(Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0), "no -0.0");
            }
        }
    }

    @Test
    void theFrameAndTheMovesTailMatchTheProtocol() {
        TargetPicker.Target target = new TargetPicker.Target(12.5, -3.0);
        assertEquals("{\"type\":\"Target\",\"x\":12.5,\"y\":-3.0}", target.frame());
        assertEquals("\"tx\":12.5,\"ty\":-3.0}", target.tail());
        String entry = "{\"id\":7,\"x\":1.0,\"y\":2.0,\"tx\":12.5,\"ty\":-3.0}";
        assertTrue(entry.endsWith(target.tail()));
    }

    @Test
    void homesAreSpreadOverTheWorldAndTheSameInEveryRun() {
        int[] quadrants = new int[4];
        for (int bot = 1; bot <= 4000; bot++) {
            TargetPicker.Target home = TargetPicker.home(1, bot, 5000);
            assertTrue(Math.abs(home.x()) <= 5000 && Math.abs(home.y()) <= 5000, home.toString());
            quadrants[(home.x() < 0 ? 0 : 1) + (home.y() < 0 ? 0 : 2)]++;
        }
        for (int count : quadrants) {
            assertTrue(count > 900 && count < 1100, "uniform over the world: " + java.util.Arrays.toString(quadrants));
        }
        assertEquals(TargetPicker.home(1, 77, 5000), TargetPicker.home(1, 77, 5000));
        assertTrue(!TargetPicker.home(1, 77, 5000).equals(TargetPicker.home(2, 77, 5000)), "the seed changes them");
    }

    @Test
    void targetsNearAHomeStayInItsSquareAndInsideTheWorld() {
        SplittableRandom random = new SplittableRandom(5);
        TargetPicker.Target home = new TargetPicker.Target(1000, -2000);
        for (int i = 0; i < 5000; i++) {
            TargetPicker.Target target = TargetPicker.near(home, 1000, 5000, random);
            assertTrue(Math.abs(target.x() - 1000) <= 500 && Math.abs(target.y() + 2000) <= 500, target.toString());
            assertTrue(Double.toString(target.x()).matches("-?\\d+\\.\\d"), target.toString());
        }
        // a home in the corner: its square is moved inside the world, not cut
        TargetPicker.Target corner = new TargetPicker.Target(4990, -5000);
        double minX = 5000, maxY = -5000;
        for (int i = 0; i < 5000; i++) {
            TargetPicker.Target target = TargetPicker.near(corner, 1000, 5000, random);
            assertTrue(
                    target.x() <= 5000 && target.x() >= 4000 && target.y() >= -5000 && target.y() <= -4000,
                    target.toString());
            minX = Math.min(minX, target.x());
            maxY = Math.max(maxY, target.y());
        }
        assertTrue(minX < 4020 && maxY > -4020, "the whole moved square is used");
    }

    /**
     * Why --spread has homes: clicking uniformly random points of the whole world every ~3 s (the old --spread)
     * gathers the crowd around the centre, while walking around homes keeps it spread. A quick simulation of the
     * walk (70 units/s, a click every 1.5-4.5 s) over 5 minutes, from spread start positions.
     */
    @Test
    void homesKeepTheCrowdSpreadWhereWorldWideClicksGatherIt() {
        assertTrue(shareNearCentre(false) > 0.5, "world-wide clicks gather most players within 1000 of the centre");
        assertTrue(shareNearCentre(true) < 0.1, "homes keep them spread (uniform: ~3 % within 1000)");
    }

    private static double shareNearCentre(boolean homes) {
        SplittableRandom random = new SplittableRandom(11);
        TargetPicker world = new TargetPicker(10_000, 5000);
        int players = 500;
        int near = 0;
        for (int p = 0; p < players; p++) {
            TargetPicker.Target home = TargetPicker.home(3, p, 5000);
            double x = home.x();
            double y = home.y();
            for (double t = 0; t < 300; ) {
                double wait = 3 * (0.5 + random.nextDouble());
                TargetPicker.Target target = homes ? TargetPicker.near(home, 1000, 5000, random) : world.next(random);
                double dx = target.x() - x;
                double dy = target.y() - y;
                double distance = Math.hypot(dx, dy);
                double step = Math.min(distance, 70 * wait);
                if (distance > 0) {
                    x += dx / distance * step;
                    y += dy / distance * step;
                }
                t += wait;
            }
            if (Math.hypot(x, y) <= 1000) {
                near++;
            }
        }
        return (double) near / players;
    }
}
