package dev.mmo.world.core;

/**
 * The step rule as a client writes it from docs/protocol.md, sharing no code with the server: what the simulated
 * clients of the replay tests use.
 */
final class ClientStepRule {

    private ClientStepRule() {}

    /** Steps {@code {x, y, tx, ty}} once, in place. */
    static void stepOnce(double[] s, double step) {
        double dx = s[2] - s[0];
        double dy = s[3] - s[1];
        double dist = Math.sqrt(dx * dx + dy * dy);
        if (dist <= step) {
            s[0] = s[2];
            s[1] = s[3];
        } else {
            s[0] = s[0] + (dx / dist) * step;
            s[1] = s[1] + (dy / dist) * step;
        }
    }
}
