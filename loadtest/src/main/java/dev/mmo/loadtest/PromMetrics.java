package dev.mmo.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A scrape of a Prometheus text endpoint ({@code /q/metrics}), and what a run needs from it: the world's tick
 * duration as a histogram whose buckets, subtracted between two scrapes, give the distribution over exactly the
 * measured window.
 */
public final class PromMetrics {

    public record Sample(String name, Map<String, String> labels, double value) {}

    /** Percentiles over a window, each the upper bound (le) of the bucket it falls in, in milliseconds. */
    public record Window(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double p999Ms) {}

    private final List<Sample> samples;

    private PromMetrics(List<Sample> samples) {
        this.samples = samples;
    }

    public static PromMetrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (RuntimeException e) {
                // a line of a format this reader does not know is skipped, not fatal
            }
        }
        return new PromMetrics(samples);
    }

    static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (i < line.length() && line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).strip();
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = line.substring(i + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        String number = rest.split("\\s+")[0]; // a timestamp may follow
        double value = switch (number) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(number);
        };
        return new Sample(name, Map.copyOf(labels), value);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The first sample of that name whose labels include all of {@code labels}. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet())) {
                return OptionalDouble.of(sample.value());
            }
        }
        return OptionalDouble.empty();
    }

    public OptionalDouble value(String name) {
        return value(name, Map.of());
    }

    /** The cumulative buckets of a histogram: upper bound (le, in the metric's unit) → count. */
    public NavigableMap<Double, Double> buckets(String histogram) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(histogram + "_bucket") && sample.labels().containsKey("le")) {
                String le = sample.labels().get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, sample.value(), Double::sum);
            }
        }
        return buckets;
    }

    /**
     * The distribution of a histogram (in seconds) between two scrapes, in milliseconds. A percentile that falls in
     * the +Inf bucket is reported as the largest finite bound.
     */
    public static Window window(PromMetrics before, PromMetrics after, String histogram) {
        NavigableMap<Double, Double> start = before.buckets(histogram);
        NavigableMap<Double, Double> end = after.buckets(histogram);
        double count = after.value(histogram + "_count").orElse(0)
                - before.value(histogram + "_count").orElse(0);
        double sum = after.value(histogram + "_sum").orElse(0)
                - before.value(histogram + "_sum").orElse(0);
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : end.entrySet()) {
            delta.put(bucket.getKey(), bucket.getValue() - start.getOrDefault(bucket.getKey(), 0.0));
        }
        double total = delta.isEmpty() ? 0 : delta.lastEntry().getValue();
        if (count <= 0) {
            count = total;
        }
        return new Window(
                (long) count,
                count > 0 ? sum / count * 1000 : 0,
                percentile(delta, total, 0.50),
                percentile(delta, total, 0.95),
                percentile(delta, total, 0.99),
                percentile(delta, total, 0.999));
    }

    static double percentile(NavigableMap<Double, Double> cumulative, double total, double fraction) {
        if (total <= 0) {
            return 0;
        }
        double wanted = fraction * total;
        double lastFinite = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (Double.isFinite(bucket.getKey())) {
                lastFinite = bucket.getKey();
            }
            if (bucket.getValue() >= wanted - 1e-9) {
                return (Double.isFinite(bucket.getKey()) ? bucket.getKey() : lastFinite) * 1000;
            }
        }
        return lastFinite * 1000;
    }
}
