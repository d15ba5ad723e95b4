package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How spread a set of players is, on the grid of interest management (docs/protocol.md, "What a player sees"):
 * square cells of {@link #CELL} units starting at the world's edge, a player seeing its own cell and the 8 around
 * it. Computed from where the bots stood when they joined, whatever the server does with it (the world without
 * interest management sends everyone everything anyway): it tells whether a run was really spread.
 */
final class Positions {

    /** mmo.world.cell-size's default. */
    static final double CELL = 400;

    private Positions() {}

    /**
     * Returns count, median distance from (0, 0), the share within 1000 units of it, the most players in one cell,
     * and the players in a player's 3 × 3 cells (itself included): mean over the players, and most.
     * @param points {x, y} per player
     *
     */
    static JsonObject summary(List<double[]> points, double bounds, double cell) {
        JsonObject json = new JsonObject().put("count", points.size()).put("cellSize", cell);
        if (points.isEmpty()) {
            return json;
        }
        double[] distances = new double[points.size()];
        int near = 0;
        int cells = (int) Math.ceil(2 * bounds / cell);
        Map<Long, Integer> perCell = new HashMap<>();
        long[] keys = new long[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            distances[i] = Math.hypot(p[0], p[1]);
            if (distances[i] <= 1000) {
                near++;
            }
            long key = key(cellOf(p[0], bounds, cell, cells), cellOf(p[1], bounds, cell, cells));
            keys[i] = key;
            perCell.merge(key, 1, Integer::sum);
        }
        Arrays.sort(distances);
        long sum3x3 = 0;
        int max3x3 = 0;
        for (long key : keys) {
            int cx = (int) (key >> 32);
            int cy = (int) key;
            int seen = 0;
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    seen += perCell.getOrDefault(key(cx + dx, cy + dy), 0);
                }
            }
            sum3x3 += seen;
            max3x3 = Math.max(max3x3, seen);
        }
        return json.put("medianDistanceFromCentre", Math.round(distances[distances.length / 2]))
                .put("shareWithin1000OfCentre", LatencyStats.round((double) near / points.size()))
                .put(
                        "maxInOneCell",
                        perCell.values().stream()
                                .mapToInt(Integer::intValue)
                                .max()
                                .orElse(0))
                .put("meanIn3x3", LatencyStats.round((double) sum3x3 / points.size()))
                .put("maxIn3x3", max3x3);
    }

    /** The cell of a coordinate: floor((v + bounds) / cell), the far edge in the last cell. */
    static int cellOf(double value, double bounds, double cell, int cells) {
        return Math.clamp((long) Math.floor((value + bounds) / cell), 0, cells - 1);
    }

    private static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xFFFFFFFFL);
    }
}
