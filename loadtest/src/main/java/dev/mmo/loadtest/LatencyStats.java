package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * A distribution of durations, recorded in microseconds into an HdrHistogram (3 significant digits, up to an hour)
 * and summarised in milliseconds. Recording is synchronized: the bots record from a couple of event-loop threads.
 */
public final class LatencyStats {

    /** count, and p50/p95/p99/max/mean in milliseconds; all 0 when nothing was recorded. */
    public record Summary(long count, double p50, double p95, double p99, double max, double mean) {
        public JsonObject toJson() {
            return new JsonObject()
                    .put("count", count)
                    .put("p50", round(p50))
                    .put("p95", round(p95))
                    .put("p99", round(p99))
                    .put("max", round(max))
                    .put("mean", round(mean));
        }

        public static Summary fromJson(JsonObject json) {
            if (json == null) {
                return new Summary(0, 0, 0, 0, 0, 0);
            }
            return new Summary(
                    json.getLong("count", 0L),
                    json.getDouble("p50", 0.0),
                    json.getDouble("p95", 0.0),
                    json.getDouble("p99", 0.0),
                    json.getDouble("max", 0.0),
                    json.getDouble("mean", 0.0));
        }
    }

    private static final long HOUR_MICROS = 3_600_000_000L;

    private final Histogram histogram = new Histogram(HOUR_MICROS, 3);

    public synchronized void recordNanos(long nanos) {
        recordMicros(Math.max(0, nanos / 1_000));
    }

    public synchronized void recordMicros(long micros) {
        histogram.recordValue(Math.clamp(micros, 0, HOUR_MICROS));
    }

    public synchronized void reset() {
        histogram.reset();
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        return new Summary(
                histogram.getTotalCount(),
                ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getMaxValue()),
                histogram.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
