package dev.mmo.world.core;

import java.util.List;

/**
 * What one tick changed; everything in it describes the world as it is <em>after</em> tick {@link #tick()}.
 *
 * @param tick   the tick's number (the first tick is 1)
 * @param left   actors that went offline in this tick (each gets a {@code Despawn}). An id can also be in
 *               {@code joined} when an actor left and joined again within the tick: handle {@code left} first.
 * @param joined actors that came online in this tick, or joined again while online, and are still online. Each of
 *               them is sent everyone ({@link World#snapshotAll()}); everyone is sent their snapshots.
 * @param moves  one entry per actor whose walk started, changed target or ended in this tick
 * @param saves  positions to persist
 */
public record TickResult(long tick, List<Long> left, List<ActorSnapshot> joined, List<MoveEntry> moves,
                         List<PositionSave> saves) {

    public TickResult {
        left = List.copyOf(left);
        joined = List.copyOf(joined);
        moves = List.copyOf(moves);
        saves = List.copyOf(saves);
    }

    /** Whether clients need to hear about this tick at all (saves aside). */
    public boolean hasBroadcast() {
        return !left.isEmpty() || !joined.isEmpty() || !moves.isEmpty();
    }
}
