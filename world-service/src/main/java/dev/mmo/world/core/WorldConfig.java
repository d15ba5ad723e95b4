package dev.mmo.world.core;

import java.time.Duration;

/**
 * The world's fixed rules.
 *
 * @param tickRate          ticks per second (default 20)
 * @param speed             walking speed in units per second (default 70)
 * @param boundsHalfSize    the world is the square {@code [-boundsHalfSize, boundsHalfSize]²}, edges included (default 5000)
 * @param persistEveryTicks a walking actor's position is handed out for saving once in every this many ticks (in
 *                          the ticks whose number modulo this equals its id's; default 100 = 5 s at 20 Hz)
 * @param maxCatchUpTicks   the most ticks {@link TickClock} lets a late loop run back to back; older missed ticks are
 *                          dropped (default 40 = 2 s at 20 Hz)
 * @param cellSize          the side of the square cells that decide who sees whom (default 400)
 * @param viewRadius        an actor sees the actors in its own cell and in this many cells around it (default 1:
 *                          3 × 3 cells)
 */
public record WorldConfig(
        int tickRate,
        double speed,
        double boundsHalfSize,
        int persistEveryTicks,
        int maxCatchUpTicks,
        double cellSize,
        int viewRadius) {

    public static final double DEFAULT_CELL_SIZE = 400.0;
    public static final int DEFAULT_VIEW_RADIUS = 1;
    public static final WorldConfig DEFAULT = new WorldConfig(20, 70.0, 5000.0, 100, 40);

    /** Beyond this many cells on a side the cell index would cost more memory than it saves work. */
    static final int MAX_CELLS_PER_SIDE = 1000;

    /** Beyond this, squared distances and coordinate rounding would stop being harmless. */
    static final double MAX_BOUNDS_HALF_SIZE = 1e9;

    public WorldConfig {
        if (tickRate < 1 || tickRate > 1000) {
            throw new IllegalArgumentException("tickRate must be 1..1000, got " + tickRate);
        }
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive finite number, got " + speed);
        }
        if (!(boundsHalfSize > 0) || boundsHalfSize > MAX_BOUNDS_HALF_SIZE) {
            throw new IllegalArgumentException(
                    "boundsHalfSize must be in (0, " + MAX_BOUNDS_HALF_SIZE + "], got " + boundsHalfSize);
        }
        // A step that is only a few ulps of a far coordinate could leave an actor short of its target forever.
        if (speed / tickRate < 64 * Math.ulp(boundsHalfSize)) {
            throw new IllegalArgumentException("speed / tickRate is too small a step for bounds of " + boundsHalfSize);
        }
        if (persistEveryTicks < 1) {
            throw new IllegalArgumentException("persistEveryTicks must be >= 1, got " + persistEveryTicks);
        }
        if (maxCatchUpTicks < 1) {
            throw new IllegalArgumentException("maxCatchUpTicks must be >= 1, got " + maxCatchUpTicks);
        }
        if (!(cellSize > 0) || !Double.isFinite(cellSize) || 2 * boundsHalfSize / cellSize > MAX_CELLS_PER_SIDE) {
            throw new IllegalArgumentException("cellSize must be positive and make at most " + MAX_CELLS_PER_SIDE
                    + " cells per side of the world, got " + cellSize);
        }
        if (viewRadius < 0 || viewRadius > MAX_CELLS_PER_SIDE) {
            throw new IllegalArgumentException("viewRadius must be 0.." + MAX_CELLS_PER_SIDE + ", got " + viewRadius);
        }
    }

    /** A config with the default cells (400 units, view radius 1). */
    public WorldConfig(int tickRate, double speed, double boundsHalfSize, int persistEveryTicks, int maxCatchUpTicks) {
        this(
                tickRate,
                speed,
                boundsHalfSize,
                persistEveryTicks,
                maxCatchUpTicks,
                DEFAULT_CELL_SIZE,
                DEFAULT_VIEW_RADIUS);
    }

    /** The same rules with other cells. */
    public WorldConfig withCells(double cellSize, int viewRadius) {
        return new WorldConfig(
                tickRate, speed, boundsHalfSize, persistEveryTicks, maxCatchUpTicks, cellSize, viewRadius);
    }

    /**
     * Builds a config from durations, as configuration files express them. Durations are rounded down to whole
     * ticks (at least one), so "save at least every 5 s" never becomes "every 5.05 s".
     */
    public static WorldConfig of(
            int tickRate, double speed, double boundsHalfSize, Duration persistInterval, Duration maxCatchUp) {
        return new WorldConfig(
                tickRate,
                speed,
                boundsHalfSize,
                wholeTicks(persistInterval, tickRate),
                wholeTicks(maxCatchUp, tickRate));
    }

    private static int wholeTicks(Duration duration, int tickRate) {
        long ticks = Math.multiplyExact(duration.toMillis(), tickRate) / 1000;
        return Math.clamp(ticks, 1, Integer.MAX_VALUE);
    }

    /** Units an actor walks per tick: {@code speed / tickRate}, one IEEE-754 double division, as clients compute it. */
    public double step() {
        return speed / tickRate;
    }

    /** Whether (x, y) is a finite point inside the bounds (edges included). */
    public boolean contains(double x, double y) {
        // Written so that NaN fails every comparison and is rejected.
        return Math.abs(x) <= boundsHalfSize && Math.abs(y) <= boundsHalfSize;
    }

    /**
     * Checks a client's walk target. Pure; the edge calls it to answer a bad {@code Target} frame with an
     * {@code Error} of {@link TargetCheck#errorCode()}, and the world applies the same check again to every input.
     */
    public TargetCheck checkTarget(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return TargetCheck.NOT_FINITE;
        }
        return contains(x, y) ? TargetCheck.OK : TargetCheck.OUT_OF_BOUNDS;
    }
}
