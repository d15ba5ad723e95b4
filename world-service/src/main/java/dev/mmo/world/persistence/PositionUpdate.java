package dev.mmo.world.persistence;

/**
 * An actor's state to write: its position to {@code instanced_entities}, and with its target, the tick and the
 * owner's wall-clock time of that tick, its walk to {@code actor_walks}, from which a new owner computes where the
 * actor got to.
 */
public record PositionUpdate(
        long instancedEntityId, double x, double y, double tx, double ty, long tick, long tickAtMillis) {}
