package dev.mmo.world.core;

import java.util.List;
import java.util.Optional;

/** Small lookups shared by the world tests. */
final class WorldTestSupport {

    private WorldTestSupport() {}

    /** A world with one standing actor that has been through its join tick. */
    static World worldWithActorAt(WorldConfig config, long actorId, double x, double y) {
        World world = new World(config);
        world.submit(new WorldInput.Join(actorId, "actor" + actorId, 0, x, y));
        world.tick();
        return world;
    }

    static Optional<MoveEntry> entryFor(TickResult result, long actorId) {
        List<MoveEntry> entries =
                result.moves().stream().filter(e -> e.actorId() == actorId).toList();
        if (entries.size() > 1) {
            throw new AssertionError("more than one entry for actor " + actorId + " in tick " + result.tick());
        }
        return entries.stream().findFirst();
    }

    static ActorSnapshot snapshotOf(World world, long actorId) {
        return world.snapshotAll().stream()
                .filter(s -> s.actorId() == actorId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("actor " + actorId + " is not online"));
    }

    static List<PositionSave> savesFor(TickResult result, long actorId) {
        return result.saves().stream().filter(s -> s.actorId() == actorId).toList();
    }
}
