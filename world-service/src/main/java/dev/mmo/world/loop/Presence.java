package dev.mmo.world.loop;

import dev.mmo.shared.game.CloseCodes;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import dev.mmo.world.core.PositionSave;
import dev.mmo.world.core.TickResult;
import dev.mmo.world.core.view.ViewChange;
import dev.mmo.world.core.World;
import dev.mmo.world.core.WorldInput;
import dev.mmo.world.link.LinkEndpoint;
import dev.mmo.world.link.LinkMetrics;
import dev.mmo.world.link.Session;
import dev.mmo.world.link.SessionListener;
import dev.mmo.world.persistence.ActorRecord;
import dev.mmo.world.persistence.PositionUpdate;
import dev.mmo.world.persistence.PositionWriter;
import dev.mmo.world.protocol.ActorModel;
import dev.mmo.world.protocol.ModelBytes;
import dev.mmo.world.protocol.ServerMessages;
import dev.mmo.world.protocol.TickEncoder;
import dev.mmo.shared.link.CellNewsFrames;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Who is online under which session: the world loop's side of the sessions. The links report session events from
 * their event loops ({@link SessionListener}); they wait in a queue until the loop, before each tick, turns them
 * into world inputs ({@link #applyEvents}); after the tick it tells the gateways what changed ({@link #publish}).
 * Everything but the queue belongs to the loop thread.
 * <p>
 * Membership is settled per actor once per tick, from where its sessions ended up: an actor whose session was
 * replaced (or closed and reopened) within the tick gets only a {@code Join}, which keeps its live position and
 * walk and announces it again; an actor that joined and left within the tick never reaches the world.
 */
@ApplicationScoped
public class Presence implements SessionListener {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    /**
     * How long the loop remembers where an actor left. A rejoin uses it instead of the loaded row, which may have
     * been read before the leave's save reached the database (a page reload right after a disconnect).
     */
    private static final long LEFT_POSITION_RETENTION_NANOS = Duration.ofMinutes(1).toNanos();

    private sealed interface Event {
    }

    private record Joined(Session session, ActorRecord stored) implements Event {
    }

    private record TargetPending(Session session) implements Event {
    }

    private record Closed(Session session) implements Event {
    }

    private record LinkClosed(List<Session> sessions) implements Event {
    }

    /** An actor some session plays, from its first join until the tick that applies its leave. */
    private static final class Entry {
        ActorRecord stored;
        /** {@link #stored} as the fixed part of its ModelData; made when first needed. */
        private ModelBytes model;
        /** The session that plays it; null once it should leave. */
        Session session;
        /** The session of the last {@code Join} handed to the world; null while not in the world. */
        Session announced;

        Entry(ActorRecord stored) {
            this.stored = stored;
        }

        long actorId() {
            return stored.actorId();
        }

        ModelBytes model() {
            if (model == null) {
                model = new ModelBytes(stored);
            }
            return model;
        }
    }

    private record LeftAt(double x, double y, long nanos) {
    }

    private final LinkEndpoint links;
    private final PositionWriter positions;
    private final LinkMetrics metrics;
    private final int tickRate;
    private final double speed;
    private final long onlineCountEveryTicks;

    private final Queue<Event> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Long, Entry> actors = new HashMap<>();
    private final Set<Entry> changed = new LinkedHashSet<>();
    private final List<Session> withTargets = new ArrayList<>();
    private final List<Entry> leaving = new ArrayList<>();
    private final LinkedHashMap<Long, LeftAt> recentlyLeft = new LinkedHashMap<>();

    Presence(LinkEndpoint links, PositionWriter positions, LinkMetrics metrics, WorldSettings settings) {
        this.links = links;
        this.positions = positions;
        this.metrics = metrics;
        this.tickRate = settings.tickRate();
        this.speed = settings.speed();
        this.onlineCountEveryTicks = Math.max(1, settings.onlineCountInterval().toMillis() * tickRate / 1000);
    }

    @Override
    public void joined(Session session, ActorRecord stored) {
        inbox.add(new Joined(session, stored));
    }

    @Override
    public void targetPending(Session session) {
        inbox.add(new TargetPending(session));
    }

    @Override
    public void closed(Session session) {
        inbox.add(new Closed(session));
    }

    @Override
    public void linkClosed(List<Session> sessions) {
        inbox.add(new LinkClosed(sessions));
    }

    /** Turns the session events since the last tick into inputs of the coming tick. Loop thread only. */
    void applyEvents(World world) {
        for (Event event; (event = inbox.poll()) != null; ) {
            switch (event) {
                case Joined joined -> bind(joined.session(), joined.stored());
                case TargetPending pending -> withTargets.add(pending.session());
                case Closed closed -> unbind(closed.session());
                case LinkClosed linkClosed -> linkClosed.sessions().forEach(this::unbind);
            }
        }
        for (Entry entry : changed) {
            settleMembership(world, entry);
        }
        changed.clear();
        // after the joins, so that a newcomer's first target is not refused as coming from an offline actor
        for (Session session : withTargets) {
            WorldInput.Target target = session.takeTarget();
            if (target == null) {
                continue; // listed twice; the first turn took it
            }
            if (isCurrent(session)) {
                world.submit(target);
            } else {
                metrics.inputDropped("replaced");
            }
        }
        withTargets.clear();
    }

    private void bind(Session session, ActorRecord stored) {
        Entry entry = actors.computeIfAbsent(stored.actorId(), id -> new Entry(stored));
        if (entry.session != null && entry.session != session) {
            entry.session.kick(CloseCodes.REPLACED, "replaced by a newer session");
        }
        if (!stored.equals(entry.stored)) {
            entry.stored = stored;
            entry.model = null;
        }
        entry.session = session;
        changed.add(entry);
    }

    private void unbind(Session session) {
        Entry entry = actors.get(session.actorId());
        if (entry != null && entry.session == session) {
            entry.session = null;
            changed.add(entry);
        }
    }

    private boolean isCurrent(Session session) {
        Entry entry = actors.get(session.actorId());
        return entry != null && entry.session == session;
    }

    private void settleMembership(World world, Entry entry) {
        boolean inWorld = entry.announced != null;
        if (entry.session == null) {
            if (inWorld) {
                world.submit(new WorldInput.Leave(entry.actorId()));
                entry.announced = null;
                leaving.add(entry); // kept until the tick's save of its last position is mapped to its row
            } else {
                actors.remove(entry.actorId());
            }
        } else if (entry.session != entry.announced) {
            ActorRecord stored = entry.stored;
            LeftAt left = recentlyLeft.remove(entry.actorId());
            double x = left != null ? left.x() : stored.x();
            double y = left != null ? left.y() : stored.y();
            // for an actor already in the world the position is ignored: it keeps its live one
            world.submit(new WorldInput.Join(entry.actorId(), stored.name(), stored.avatarId(), x, y));
            entry.announced = entry.session;
        }
    }

    /**
     * Tells the gateways what the tick changed, in this order: for each player whose actor changed cells, VIEW of
     * its new cell and a SEND of what that adds to and takes from its view; for each player whose walk started,
     * changed or ended, a SEND of its own entry (so it does not wait for the gateway's batch); the tick's news, one frame per cell,
     * once to every link; then, for each newcomer, ACCEPT, VIEW and a SEND of
     * {@code [Welcome, Online, its own ModelData, the ModelData of every other actor in its view]} as of this tick;
     * and every few seconds everyone's {@code Online} count. Hands the tick's positions to the writer. Loop thread
     * only; never blocks.
     */
    void publish(World world, TickResult result) {
        savePositions(result.saves());
        TickEncoder encoder = new TickEncoder(result.tick(), actorId -> actors.get(actorId).model());
        for (ViewChange change : result.viewChanges()) {
            Session session = actors.get(change.actorId()).announced;
            session.view(change.cell());
            byte[] seen = encoder.viewChange(change);
            if (seen != null) {
                session.send(seen);
            }
        }
        for (MoveEntry move : result.moves()) {
            Entry mover = actors.get(move.actorId());
            // a newcomer's own walk is in its welcome, which comes after ACCEPT below
            if (mover.announced != null && !joinedThisTick(result, move.actorId())) {
                mover.announced.send(encoder.ownMoves(move));
            }
        }
        CellNewsFrames news = encoder.news(result.news());
        if (!news.isEmpty()) {
            links.news(news.payload());
        }
        for (Entry entry : leaving) {
            actors.remove(entry.actorId());
        }
        leaving.clear();
        if (!result.joined().isEmpty()) {
            welcome(world, result, encoder);
        }
        if (result.tick() % onlineCountEveryTicks == 0) {
            links.broadcast(ServerMessages.online(world.actorsOnline()));
        }
        forgetOldLeftPositions();
    }

    private static boolean joinedThisTick(TickResult result, long actorId) {
        for (ActorSnapshot newcomer : result.joined()) {
            if (newcomer.actorId() == actorId) {
                return true;
            }
        }
        return false;
    }

    private void savePositions(List<PositionSave> saves) {
        if (saves.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<PositionUpdate> updates = new ArrayList<>(saves.size());
        for (PositionSave save : saves) {
            Entry entry = actors.get(save.actorId());
            if (entry == null) {
                LOG.errorf("no row known for actor %d; its position (%s, %s) is not saved", save.actorId(), save.x(), save.y());
                continue;
            }
            updates.add(new PositionUpdate(entry.stored.instancedEntityId(), save.x(), save.y()));
            if (save.reason() == PositionSave.Reason.LEFT) {
                recentlyLeft.remove(save.actorId()); // re-inserted at the end, so the map stays in time order
                recentlyLeft.put(save.actorId(), new LeftAt(save.x(), save.y(), now));
            }
        }
        positions.save(updates);
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
            Session session = actors.get(newcomer.actorId()).session;
            session.accept();
            session.view(cell);
            session.send(ServerMessages.array(messages));
        }
    }

    private void forgetOldLeftPositions() {
        long oldest = System.nanoTime() - LEFT_POSITION_RETENTION_NANOS;
        Iterator<LeftAt> byAge = recentlyLeft.values().iterator();
        while (byAge.hasNext() && byAge.next().nanos() - oldest < 0) {
            byAge.remove();
        }
    }

    private ActorModel modelOf(ActorSnapshot actor) {
        return new ActorModel(actor, actors.get(actor.actorId()).stored);
    }

    /** Every online actor after the last tick. Loop thread only. */
    OnlineView view(World world) {
        return new OnlineView(world.currentTick(), world.snapshotAll().stream().map(this::modelOf).toList());
    }

    /** The online actors that a player standing at (x, y) would see, after the last tick. Loop thread only. */
    OnlineView viewAround(World world, double x, double y) {
        List<ActorSnapshot> seen = world.snapshotAround(world.grid().cellOf(x, y));
        return new OnlineView(world.currentTick(), seen.stream().map(this::modelOf).toList());
    }

    /** Hands everyone's live position to the writer: the graceful-shutdown save. Loop thread only. */
    void saveEveryone(World world) {
        List<PositionUpdate> updates = world.snapshotAll().stream()
                .map(actor -> new PositionUpdate(actors.get(actor.actorId()).stored.instancedEntityId(), actor.x(), actor.y()))
                .toList();
        positions.save(updates);
        LOG.infof("saving the positions of the %d actors online", updates.size());
    }
}
