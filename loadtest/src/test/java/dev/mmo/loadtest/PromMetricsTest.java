package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromMetricsTest {

    private static String scrape(double count, double sum, double le1, double le2, double le5, double le10) {
        return """
                # HELP mmo_world_tick_duration_seconds Time one tick takes
                # TYPE mmo_world_tick_duration_seconds histogram
                mmo_world_tick_duration_seconds{quantile="0.99"} 0.004
                mmo_world_tick_duration_seconds_bucket{le="0.001"} %s
                mmo_world_tick_duration_seconds_bucket{le="0.002"} %s
                mmo_world_tick_duration_seconds_bucket{le="0.005"} %s
                mmo_world_tick_duration_seconds_bucket{le="0.01"} %s
                mmo_world_tick_duration_seconds_bucket{le="+Inf"} %s
                mmo_world_tick_duration_seconds_count %s
                mmo_world_tick_duration_seconds_sum %s
                mmo_world_link_frames_sent_total{op="broadcast",app="world \\"x\\""} 42.0
                mmo_world_tick 1200.0 1700000000000
                """.formatted(le1, le2, le5, le10, count, count, sum);
    }

    @Test
    void parsesSamplesLabelsAndTimestamps() {
        PromMetrics metrics = PromMetrics.parse(scrape(10, 0.01, 5, 8, 10, 10));
        assertEquals(
                42.0,
                metrics.value("mmo_world_link_frames_sent_total", Map.of("op", "broadcast"))
                        .getAsDouble());
        assertEquals(
                42.0,
                metrics.value("mmo_world_link_frames_sent_total", Map.of("app", "world \"x\""))
                        .getAsDouble());
        assertEquals(1200.0, metrics.value("mmo_world_tick").getAsDouble());
        assertEquals(
                0.004,
                metrics.value("mmo_world_tick_duration_seconds", Map.of("quantile", "0.99"))
                        .getAsDouble());
        assertTrue(metrics.value("missing").isEmpty());
        assertEquals(5, metrics.buckets("mmo_world_tick_duration_seconds").size());
    }

    @Test
    void theWindowIsTheDifferenceOfTwoScrapes() {
        // before: 100 ticks all under 1 ms; after: 100 more, of which 90 under 1 ms, 8 under 2 ms, 2 under 10 ms
        PromMetrics before = PromMetrics.parse(scrape(100, 0.05, 100, 100, 100, 100));
        PromMetrics after = PromMetrics.parse(scrape(200, 0.05 + 0.2, 190, 198, 198, 200));
        PromMetrics.Window window = PromMetrics.window(before, after, "mmo_world_tick_duration_seconds");
        assertEquals(100, window.count());
        assertEquals(2.0, window.meanMs(), 1e-9);
        assertEquals(1.0, window.p50Ms(), 1e-9);
        assertEquals(2.0, window.p95Ms(), 1e-9);
        assertEquals(10.0, window.p99Ms(), 1e-9);
    }

    @Test
    void aPercentileInTheInfiniteBucketIsTheLargestFiniteBound() {
        PromMetrics before = PromMetrics.parse(scrape(0, 0, 0, 0, 0, 0));
        PromMetrics after = PromMetrics.parse(scrape(10, 1, 0, 0, 0, 0));
        assertEquals(
                10.0,
                PromMetrics.window(before, after, "mmo_world_tick_duration_seconds")
                        .p50Ms(),
                1e-9);
    }
}
