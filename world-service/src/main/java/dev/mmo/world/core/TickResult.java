package dev.mmo.world.core;

import dev.mmo.world.core.view.CellNews;
import dev.mmo.world.core.view.ViewChange;
import java.util.List;

/**
 * What one tick changed; everything in it describes the world as it is <em>after</em> tick {@link #tick()}.
 *
 * @param tick   the tick's number (the first tick is 1)
 * @param left   actors that went offline in this tick. An id can also be in
 *               {@code joined} when an actor left and joined again within the tick: handle {@code left} first.
 * @param joined actors that came online in this tick, or joined again while online, and are still online. Each of
 *               them is sent its view ({@link World#snapshotAround(int)}); the cells around it hear of it.
 * @param moves  one entry per actor whose walk started, changed target or ended in this tick
 * @param saves  positions to persist
 * @param news   what the players in each cell hear about this tick, for the cells that have players and news
 * @param viewChanges the actors (not joining in this tick) that changed cells, and how their view changed
 */
public record TickResult(
        long tick,
        List<Long> left,
        List<ActorSnapshot> joined,
        List<MoveEntry> moves,
        List<PositionSave> saves,
        List<CellNews> news,
        List<ViewChange> viewChanges) {

    public TickResult {
        left = List.copyOf(left);
        joined = List.copyOf(joined);
        moves = List.copyOf(moves);
        saves = List.copyOf(saves);
        news = List.copyOf(news);
        viewChanges = List.copyOf(viewChanges);
    }

    /** Whether any player hears of this tick (saves aside). */
    public boolean hasNews() {
        return !left.isEmpty() || !joined.isEmpty() || !moves.isEmpty() || !viewChanges.isEmpty();
    }
}
