package dev.mmo.world.core;

/** A position the edge should write to {@code instanced_entities} for this actor. */
public record PositionSave(long actorId, double x, double y, Reason reason) {

    public enum Reason {
        /** The actor arrived on its target (or was stopped where it stood). */
        STOPPED,
        /** The actor went offline; this is its last position. */
        LEFT,
        /** The actor is still walking; its position is saved every {@link WorldConfig#persistEveryTicks()} ticks. */
        PERIODIC
    }
}
