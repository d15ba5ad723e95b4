package dev.mmo.loadtest;

/**
 * The world's step rule (docs/protocol.md, world-service's {@code World}): each tick an actor walks exactly
 * {@code step} units toward its target and stops exactly on it once it is within one step. A client that knows the
 * newest entry of its actor ({x, y, tx, ty} at some tick) knows where the actor is at any later tick; the fault run
 * compares that with where the server puts the actor after a player came back.
 */
final class StepRule {

    /** The world's default step: 70 units/s at 20 Hz. */
    static final double STEP = 70.0 / 20.0;
    /** Ticks beyond which walking on changes nothing more (a walk across the ±5000 world takes ~4000 ticks). */
    private static final long MAX_TICKS = 1_000_000;

    private StepRule() {}

    /**
     * Where an actor stands {@code ticks} ticks after an entry that put it at (x, y) walking to (tx, ty), stepping
     * as the world does (tick by tick from the current position, never one big multiplication).
     *
     * @return {x, y}
     */
    static double[] advance(double x, double y, double tx, double ty, long ticks, double step) {
        double px = x;
        double py = y;
        for (long i = 0; i < Math.min(ticks, MAX_TICKS); i++) {
            double dx = tx - px;
            double dy = ty - py;
            double dist = Math.sqrt(dx * dx + dy * dy);
            if (dist <= step) {
                return new double[] {tx, ty};
            }
            px = px + (dx / dist) * step;
            py = py + (dy / dist) * step;
        }
        return new double[] {px, py};
    }

    /** The distance between two points. */
    static double error(double[] expected, double x, double y) {
        return Math.hypot(expected[0] - x, expected[1] - y);
    }
}
