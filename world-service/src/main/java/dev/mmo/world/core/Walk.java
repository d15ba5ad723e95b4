package dev.mmo.world.core;

/**
 * An actor's state after some tick: where it stands and where it walks to ({@code tx == x && ty == y} when it
 * stands). Walks are deterministic, so this is all it takes to know where the actor is any number of ticks later:
 * what a new owner of the world computes for the walks the old one left behind.
 */
public record Walk(double x, double y, double tx, double ty) {

    /**
     * The state after {@code ticks} more ticks of the step rule documented on {@link World}, applied operation for
     * operation by the same code as the world's, stopping on the target. Costs at most one step per tick and never
     * more than the walk's length in steps.
     */
    public Walk after(long ticks, double step) {
        Actor walker = new Actor(0, "", 0, x, y, 0);
        walker.tx = tx;
        walker.ty = ty;
        for (long i = 0; i < ticks; i++) {
            if (walker.advance(step)) {
                break;
            }
        }
        return new Walk(walker.x, walker.y, tx, ty);
    }

    public boolean walking() {
        return x != tx || y != ty;
    }
}
