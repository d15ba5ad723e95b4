package dev.mmo.loadtest;

import java.util.random.RandomGenerator;

/**
 * Where a bot clicks next: a uniformly random point of a square centred on (0, 0) ({@link #next}), or of a square
 * around the bot's own home ({@link #near}), rounded to a tenth of a unit. The rounding makes the point's shortest
 * decimal form (Java's and JavaScript's number printing alike) short and exact, so a bot recognises its target in
 * the server's {@code Moves} entry by comparing text, without parsing JSON.
 *
 * <p>Why homes: a bot that clicks a uniformly random point of the whole world every few seconds walks only ~210
 * units towards each one before the next click, and since the targets' mean is the centre, the crowd drifts to
 * the centre and stays there (simulated: after 2 minutes 80 % of the players are within 1000 units of (0, 0),
 * whether they started spread or not). To keep players spread over the world, {@code --spread} gives each bot a
 * home, uniform over the world and fixed per bot number and seed, and the bot clicks points of a square around it.
 */
public final class TargetPicker {

    /** A point the bot clicks. {@link #tail()} is how the entry that applies it ends in a {@code Moves} frame. */
    public record Target(double x, double y) {
        /** {@code "tx":X,"ty":Y}}: the end of the server's Moves entry for this target. */
        public String tail() {
            return "\"tx\":" + x + ",\"ty\":" + y + "}";
        }

        /** The client frame. */
        public String frame() {
            return "{\"type\":\"Target\",\"x\":" + x + ",\"y\":" + y + "}";
        }
    }

    private final double half;

    /**
     * @param side   the side of the square the targets are picked from
     * @param bounds the world's half size; targets never leave [-bounds, bounds]
     */
    public TargetPicker(double side, double bounds) {
        if (!(side > 0) || !(bounds > 0)) {
            throw new IllegalArgumentException("side and bounds must be positive");
        }
        // whole tenths only, so that the rounded extremes stay inside
        this.half = Math.floor(Math.min(side / 2, bounds) * 10) / 10;
    }

    public double halfSide() {
        return half;
    }

    public Target next(RandomGenerator random) {
        return new Target(coordinate(random), coordinate(random));
    }

    /**
     * A uniformly random point of the {@code side} × {@code side} square around {@code home}, moved inside the world
     * (± {@code bounds}) as a whole, so a home near the edge still gets a full square to walk in.
     */
    public static Target near(Target home, double side, double bounds, RandomGenerator random) {
        double half = Math.floor(Math.min(side / 2, bounds) * 10) / 10;
        double limit = Math.floor(bounds * 10) / 10;
        double cx = Math.clamp(home.x(), -limit + half, limit - half);
        double cy = Math.clamp(home.y(), -limit + half, limit - half);
        return new Target(around(cx, half, limit, random), around(cy, half, limit, random));
    }

    /**
     * The home of bot number {@code botNumber} (its account's number, not its index in this run, so the same
     * account has the same home in every run with the same seed): uniform over the world, whole tenths.
     */
    public static Target home(long seed, long botNumber, double bounds) {
        java.util.SplittableRandom random =
                new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (botNumber * 1_000_003L + 17));
        double limit = Math.floor(bounds * 10) / 10;
        return new Target(around(0, limit, limit, random), around(0, limit, limit, random));
    }

    private static double around(double centre, double half, double limit, RandomGenerator random) {
        double value = centre + (random.nextDouble() * 2 - 1) * half;
        double rounded = Math.round(value * 10) / 10.0;
        return Math.clamp(rounded, -limit, limit) + 0.0;
    }

    private double coordinate(RandomGenerator random) {
        double value = (random.nextDouble() * 2 - 1) * half;
        double rounded = Math.round(value * 10) / 10.0;
        return Math.clamp(rounded, -half, half) + 0.0; // + 0.0 turns -0.0 into 0.0, which prints as the server would
    }
}
