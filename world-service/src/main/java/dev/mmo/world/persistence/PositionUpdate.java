package dev.mmo.world.persistence;

/** A position to write to {@code instanced_entities}. */
public record PositionUpdate(long instancedEntityId, double x, double y) {
}
