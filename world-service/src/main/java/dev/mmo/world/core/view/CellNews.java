package dev.mmo.world.core.view;

import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import java.util.List;

/**
 * What the players standing in one cell hear about one tick. Everyone in a cell sees the same cells, so they all
 * hear the same: the edge encodes this once and hands the same bytes to each of them. Handle the lists in this
 * order.
 *
 * @param cell      the cell whose players hear this
 * @param despawned actors in their view that went offline
 * @param left      actors that went out of their view (still online)
 * @param entered   actors that came into their view (walked in or joined), as after the tick
 * @param moves     the entries of the actors in their view whose walk started, changed or ended
 */
public record CellNews(
        int cell, List<Long> despawned, List<Long> left, List<ActorSnapshot> entered, List<MoveEntry> moves) {

    public CellNews {
        despawned = List.copyOf(despawned);
        left = List.copyOf(left);
        entered = List.copyOf(entered);
        moves = List.copyOf(moves);
    }
}
