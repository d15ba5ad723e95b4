package dev.mmo.loadtest;

import java.util.random.RandomGenerator;

/**
 * Where a bot clicks next: a uniformly random point of a square centred on (0, 0), rounded to a tenth of a unit.
 * The rounding makes the point's shortest decimal form (Java's and JavaScript's number printing alike) short and
 * exact, so a bot recognises its target in the server's {@code Moves} entry by comparing text, without parsing JSON.
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

    private double coordinate(RandomGenerator random) {
        double value = (random.nextDouble() * 2 - 1) * half;
        double rounded = Math.round(value * 10) / 10.0;
        return Math.clamp(rounded, -half, half) + 0.0; // + 0.0 turns -0.0 into 0.0, which prints as the server would
    }
}
