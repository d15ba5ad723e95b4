package dev.mmo.world.loop;

import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.World;
import dev.mmo.world.protocol.ActorModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Readers' questions about who is where, answered by the loop thread between ticks. */
@ApplicationScoped
class ViewQueries {

    private final Roster roster;

    ViewQueries(Roster roster) {
        this.roster = roster;
    }

    /** The online actors that a player standing at (x, y) would see, after the last tick. */
    OnlineView around(World world, double x, double y) {
        List<ActorSnapshot> seen = world.snapshotAround(world.grid().cellOf(x, y));
        return new OnlineView(
                world.currentTick(), seen.stream().map(this::modelOf).toList());
    }

    private ActorModel modelOf(ActorSnapshot actor) {
        return new ActorModel(actor, roster.member(actor.actorId()).stored());
    }
}
