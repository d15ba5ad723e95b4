package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesOfAKnownDistribution() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 1000; ms++) {
            stats.recordNanos(ms * 1_000_000L);
        }
        LatencyStats.Summary summary = stats.summary();
        assertEquals(1000, summary.count());
        assertEquals(500, summary.p50(), 0.5); // 3 significant digits
        assertEquals(950, summary.p95(), 1.0);
        assertEquals(990, summary.p99(), 1.0);
        assertEquals(1000, summary.max(), 1.0);
        assertEquals(500.5, summary.mean(), 1.0);
    }

    @Test
    void oneSlowSampleInAHundredIsTheMaxButNotTheP95() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 99; i++) {
            stats.recordMicros(10_000);
        }
        stats.recordMicros(900_000);
        LatencyStats.Summary summary = stats.summary();
        assertEquals(10, summary.p95(), 0.01);
        assertEquals(10, summary.p99(), 0.01);
        assertEquals(900, summary.max(), 1);
    }

    @Test
    void emptyAndResetGiveZeros() {
        LatencyStats stats = new LatencyStats();
        assertEquals(new LatencyStats.Summary(0, 0, 0, 0, 0, 0), stats.summary());
        stats.recordMicros(5);
        stats.reset();
        assertEquals(0, stats.summary().count());
    }

    @Test
    void summariesRoundTripThroughJson() {
        LatencyStats stats = new LatencyStats();
        stats.recordMicros(1500);
        LatencyStats.Summary summary = stats.summary();
        assertEquals(
                summary.p50(), LatencyStats.Summary.fromJson(summary.toJson()).p50(), 0.01);
        assertEquals(1, LatencyStats.Summary.fromJson(summary.toJson()).count());
    }
}
