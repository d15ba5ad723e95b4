package dev.mmo.world.core;

import java.util.Objects;

/**
 * One online actor as it is after a given tick: what a {@code ModelData} frame carries. A standing actor has
 * {@code tx == x && ty == y}.
 */
public record ActorSnapshot(long actorId, String name, int avatarId, double x, double y, double tx, double ty) {

    public ActorSnapshot {
        Objects.requireNonNull(name, "name");
    }

    public boolean walking() {
        return x != tx || y != ty;
    }
}
