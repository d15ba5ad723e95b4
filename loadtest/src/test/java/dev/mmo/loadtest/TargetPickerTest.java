package dev.mmo.loadtest;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            for (double value : new double[]{target.x(), target.y()}) {
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
}
