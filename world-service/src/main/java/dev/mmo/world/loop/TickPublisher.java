package dev.mmo.world.loop;

import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import dev.mmo.world.core.TickResult;
import dev.mmo.world.core.World;
import dev.mmo.world.core.view.ViewChange;
import dev.mmo.world.link.LinkEndpoint;
import dev.mmo.world.link.Session;
import dev.mmo.world.protocol.ServerMessages;
import dev.mmo.world.protocol.TickEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the gateways what a tick changed, in the protocol's order, and hands its positions to be saved. Loop thread
 * only; never blocks (link writes are queued).
 */
@ApplicationScoped
class TickPublisher {

    private final Roster roster;
    private final PositionSaves saves;
    private final RejoinCache rejoins;
    private final LinkEndpoint links;
    private final int tickRate;
    private final double speed;
    private final long onlineCountEveryTicks;

    TickPublisher(Roster roster, PositionSaves saves, RejoinCache rejoins, LinkEndpoint links, WorldSettings settings) {
        this.roster = roster;
        this.saves = saves;
        this.rejoins = rejoins;
        this.links = links;
        this.tickRate = settings.tickRate();
        this.speed = settings.speed();
        this.onlineCountEveryTicks = Math.max(1, settings.onlineCountInterval().toMillis() * tickRate / 1000);
    }

    /**
     * In this order: for each player whose actor changed cells, VIEW of its new cell and a SEND of what that adds to
     * and takes from its view; for each player whose walk started, changed or ended, a SEND of its own entry (so it
     * does not wait for the gateway's batch); the tick's news, one frame per cell, once to every link; then, for
     * each newcomer, ACCEPT, VIEW and a SEND of
     * {@code [Welcome, Online, its own ModelData, the ModelData of every other actor in its view]} as of this tick;
     * and every few seconds everyone's {@code Online} count.
     */
    void publish(World world, TickResult result) {
        saves.save(result.saves(), result.tick());
        TickEncoder encoder =
                new TickEncoder(result.tick(), actorId -> roster.member(actorId).model());
        for (ViewChange change : result.viewChanges()) {
            Session session = roster.member(change.actorId()).announced;
            session.view(change.cell());
            List<byte[]> seen = encoder.viewChange(change);
            if (!seen.isEmpty()) {
                session.send(seen);
            }
        }
        for (MoveEntry move : result.moves()) {
            Member mover = roster.member(move.actorId());
            // a newcomer's own walk is in its welcome, which comes after ACCEPT below
            if (mover.announced != null && !joinedThisTick(result, move.actorId())) {
                mover.announced.send(encoder.ownMoves(move));
            }
        }
        CellNewsFrames news = encoder.news(result.news());
        if (!news.isEmpty()) {
            links.news(news);
        }
        roster.forgetLeavers();
        if (!result.joined().isEmpty()) {
            welcome(world, result, encoder);
        }
        if (result.tick() % onlineCountEveryTicks == 0) {
            links.broadcast(ServerMessages.online(world.actorsOnline()));
        }
        rejoins.forgetOld(System.nanoTime());
    }

    private static boolean joinedThisTick(TickResult result, long actorId) {
        for (ActorSnapshot newcomer : result.joined()) {
            if (newcomer.actorId() == actorId) {
                return true;
            }
        }
        return false;
    }

    private void welcome(World world, TickResult result, TickEncoder encoder) {
        long tick = result.tick();
        byte[] online = ServerMessages.online(world.actorsOnline());
        for (ActorSnapshot newcomer : result.joined()) {
            int cell = world.cellOf(newcomer.actorId());
            List<ActorSnapshot> view = world.snapshotAround(cell);
            List<byte[]> messages = new ArrayList<>(view.size() + 2);
            messages.add(ServerMessages.welcome(newcomer.actorId(), tickRate, speed, tick));
            messages.add(online);
            messages.add(encoder.modelData(newcomer));
            for (ActorSnapshot other : view) {
                if (other.actorId() != newcomer.actorId()) {
                    messages.add(encoder.modelData(other));
                }
            }
            Session session = roster.member(newcomer.actorId()).session;
            session.accept();
            session.view(cell);
            session.send(messages);
        }
    }
}
