package dev.mmo.world.core;

import dev.mmo.world.core.view.Tracked;

/**
 * An online actor's live, mutable state. Owned by {@link World} and touched only by its loop thread; where it stands
 * among the cells is the view tracker's part ({@link Tracked}).
 */
final class Actor extends Tracked {

    final long id;
    final String name;
    final int avatarId;
    /** The tick in whose input phase this actor came online. */
    final long spawnedAtTick;

    double x;
    double y;
    double tx;
    double ty;

    /** Slot in the world's array of walking actors; -1 while standing. */
    int walkingSlot = -1;
    /** Set when an accepted target arrives during the current tick's input phase; cleared when it is reported. */
    boolean retargeted;
    /** The last tick that announced this actor in {@link TickResult#joined()}. */
    long announcedAtTick = -1;

    boolean online = true;

    /** The snapshot of {@link #snapshotTick}, kept because many players may be told about the same actor. */
    private ActorSnapshot snapshot;

    private long snapshotTick = -1;

    Actor(long id, String name, int avatarId, double x, double y, long spawnedAtTick) {
        this.id = id;
        this.name = name;
        this.avatarId = avatarId;
        this.spawnedAtTick = spawnedAtTick;
        this.x = x;
        this.y = y;
        this.tx = x;
        this.ty = y;
    }

    /**
     * Walks one step toward the target with the rule documented on {@link World}, operation for operation;
     * returns whether the actor now stands on its target.
     */
    boolean advance(double step) {
        double dx = tx - x;
        double dy = ty - y;
        double dist = Math.sqrt(dx * dx + dy * dy);
        if (dist <= step) {
            x = tx;
            y = ty;
            return true;
        }
        x = x + (dx / dist) * step;
        y = y + (dy / dist) * step;
        return false;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    protected boolean joinsIn(long tick) {
        return announcedAtTick == tick;
    }

    @Override
    protected boolean onlineBefore(long tick) {
        return spawnedAtTick < tick;
    }

    /** Its state as after {@code tick}; call only once that tick's steps are done. */
    @Override
    public ActorSnapshot snapshot(long tick) {
        if (snapshotTick != tick) {
            snapshot = new ActorSnapshot(id, name, avatarId, x, y, tx, ty);
            snapshotTick = tick;
        }
        return snapshot;
    }

    PositionSave save(PositionSave.Reason reason) {
        return new PositionSave(id, x, y, tx, ty, reason);
    }

    MoveEntry moveEntry() {
        return new MoveEntry(id, x, y, tx, ty);
    }
}
