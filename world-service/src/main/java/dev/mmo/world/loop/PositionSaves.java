package dev.mmo.world.loop;

import dev.mmo.world.core.PositionSave;
import dev.mmo.world.core.World;
import dev.mmo.world.persistence.PositionUpdate;
import dev.mmo.world.persistence.PositionWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Hands the states a tick says to save to the writer, mapped from actors to their rows and stamped with the tick and
 * the wall-clock time it ran at (so that a new owner can replay each walk), and remembers where leavers left
 * ({@link RejoinCache}). Loop thread only; never waits for the database.
 */
@ApplicationScoped
class PositionSaves {

    private static final Logger LOG = Logger.getLogger(PositionSaves.class);

    private final Roster roster;
    private final RejoinCache rejoins;
    private final PositionWriter writer;

    PositionSaves(Roster roster, RejoinCache rejoins, PositionWriter writer) {
        this.roster = roster;
        this.rejoins = rejoins;
        this.writer = writer;
    }

    void save(List<PositionSave> saves, long tick) {
        if (saves.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long tickAtMillis = System.currentTimeMillis();
        List<PositionUpdate> updates = new ArrayList<>(saves.size());
        for (PositionSave save : saves) {
            Member member = roster.member(save.actorId());
            if (member == null) {
                LOG.errorf(
                        "no row known for actor %d; its position (%s, %s) is not saved",
                        save.actorId(), save.x(), save.y());
                continue;
            }
            updates.add(new PositionUpdate(
                    member.stored().instancedEntityId(), save.x(), save.y(), save.tx(), save.ty(), tick, tickAtMillis));
            if (save.reason() == PositionSave.Reason.LEFT) {
                rejoins.left(save.actorId(), save.x(), save.y(), now);
            }
        }
        writer.save(updates);
    }

    /**
     * Hands everyone's live position to the writer, standing (their walks end with the world): the graceful-shutdown
     * save.
     */
    void saveEveryone(World world) {
        long tick = world.currentTick();
        long now = System.currentTimeMillis();
        List<PositionUpdate> updates = world.snapshotAll().stream()
                .map(actor -> new PositionUpdate(
                        roster.member(actor.actorId()).stored().instancedEntityId(),
                        actor.x(),
                        actor.y(),
                        actor.x(),
                        actor.y(),
                        tick,
                        now))
                .toList();
        writer.save(updates);
        LOG.infof("saving the positions of the %d actors online", updates.size());
    }
}
