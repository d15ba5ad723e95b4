package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrendTest {

    private static final double MIB = 1024 * 1024;

    @Test
    void theSlopeOfAStraightLineIsItsSlope() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {5, 7, 9, 11, 13};
        assertEquals(2.0, Trend.slope(x, y), 1e-12);
    }

    @Test
    void memoryGrowingTwoMegabytesAnHourUnderASawToothReadsAsTwoMegabytesAnHour() {
        int samples = 1800; // a half-hour soak, one sample a second
        double[] seconds = new double[samples];
        double[] bytes = new double[samples];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < samples; i++) {
            seconds[i] = i;
            double trend = 500 * MIB + 2 * MIB * i / 3600.0;
            double sawTooth = (i % 60) / 60.0 * 10 * MIB; // 10 MB of heap fill a minute, then a collection empties it
            bytes[i] = trend + sawTooth + random.nextDouble(-MIB, MIB);
        }
        // (a saw-tooth biases the fit by about its height / periods²: 10 MB over 30 periods, ~0.6 MB/h)
        assertEquals(2.0, Trend.megabytesPerHour(seconds, bytes), 0.75);
    }

    @Test
    void tooFewPointsHaveNoSlope() {
        assertTrue(Double.isNaN(Trend.slope(new double[] {1}, new double[] {1})));
        assertTrue(Double.isNaN(Trend.slope(new double[] {2, 2, 2}, new double[] {1, 2, 3})), "no spread in x");
    }

    @Test
    void p99DriftsOnlyWhenItRoseByHalfAndBy20Milliseconds() {
        assertEquals("steady", Trend.drift(40, 55));
        assertEquals("steady", Trend.drift(10, 25), "more than half, but only 15 ms");
        assertEquals("rises", Trend.drift(40, 80));
        assertEquals("falls", Trend.drift(300, 90));
        assertEquals("unknown", Trend.drift(Double.NaN, 80));
    }
}
