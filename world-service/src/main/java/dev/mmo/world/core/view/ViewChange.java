package dev.mmo.world.core.view;

import dev.mmo.world.core.ActorSnapshot;
import java.util.List;

/**
 * An actor that walked into another cell in a tick, and so sees other cells now. From this tick on its player
 * hears the {@link CellNews} of {@link #cell()}; these lists bring what the player knew after the previous tick
 * (everything around its old cell) to what that cell's news expects it to know, so apply them together with that
 * news (in either order: nothing here contradicts it).
 *
 * @param actorId   the actor whose view moved
 * @param cell      its new cell
 * @param despawned actors it saw that went offline in this tick out of its new view
 * @param left      actors it saw that are out of its new view
 * @param entered   actors in its new view that it did not see, as after the tick
 */
public record ViewChange(long actorId, int cell, List<Long> despawned, List<Long> left, List<ActorSnapshot> entered) {

    public ViewChange {
        despawned = List.copyOf(despawned);
        left = List.copyOf(left);
        entered = List.copyOf(entered);
    }
}
