package dev.mmo.loadtest;

/**
 * A least-squares straight line through samples: how fast a process's resident memory grows over a soak. A slope
 * from a short window is mostly the collector's saw-tooth; over half an hour it says whether memory creeps.
 */
final class Trend {

    private Trend() {}

    /**
     * The slope of the least-squares line through (x[i], y[i]), in y units per x unit; NaN with fewer than two
     * distinct x.
     */
    static double slope(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** Bytes sampled at seconds → MB (MiB) per hour. */
    static double megabytesPerHour(double[] seconds, double[] bytes) {
        return slope(seconds, bytes) * 3600 / (1024 * 1024);
    }

    /**
     * Whether a latency's p99 drifted over a long run: the last third's p99 against the first third's. It drifts
     * when it rose by more than half and by more than 20 ms (small figures jump by a bucket without meaning much).
     */
    static String drift(double firstP99, double lastP99) {
        if (!(firstP99 > 0) || !(lastP99 > 0)) {
            return "unknown";
        }
        if (lastP99 > firstP99 * 1.5 && lastP99 - firstP99 > 20) {
            return "rises";
        }
        if (firstP99 > lastP99 * 1.5 && firstP99 - lastP99 > 20) {
            return "falls";
        }
        return "steady";
    }
}
