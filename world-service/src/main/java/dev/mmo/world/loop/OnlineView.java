package dev.mmo.world.loop;

import dev.mmo.world.protocol.ActorModel;
import java.util.List;

/** Online actors (those around a point) as of one tick, for readers outside the loop. Immutable. */
public record OnlineView(long tick, List<ActorModel> actors) {

    public OnlineView {
        actors = List.copyOf(actors);
    }
}
