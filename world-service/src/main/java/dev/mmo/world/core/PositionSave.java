package dev.mmo.world.core;

/**
 * An actor's state after a tick that the edge should write: its position ({@code instanced_entities}) and its walk,
 * from which a new owner of the world computes where it got to ({@link Walk}). A standing actor has
 * {@code tx == x && ty == y}.
 */
public record PositionSave(long actorId, double x, double y, double tx, double ty, Reason reason) {

    public enum Reason {
        /** The actor's walk started or changed target. */
        WALKED,
        /** The actor arrived on its target (or was stopped where it stood). */
        STOPPED,
        /** The actor went offline; this is its last position, standing. */
        LEFT,
        /** The actor is still walking; its position is saved every {@link WorldConfig#persistEveryTicks()} ticks. */
        PERIODIC
    }

    public Walk walk() {
        return new Walk(x, y, tx, ty);
    }
}
