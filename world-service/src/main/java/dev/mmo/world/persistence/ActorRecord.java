package dev.mmo.world.persistence;

/**
 * An actor as stored: the rows {@code actors → instanced_entities → entities} joined. The world core knows only
 * {@link #actorId()}; the other ids stay at the edge, which puts them into every {@code ModelData} and writes
 * positions by {@link #instancedEntityId()}.
 */
public record ActorRecord(
        long actorId, int avatarId, long instancedEntityId, double x, double y, long entityId, String name) {}
