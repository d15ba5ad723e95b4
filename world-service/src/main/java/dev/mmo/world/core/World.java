package dev.mmo.world.core;

import dev.mmo.world.core.view.CellNews;
import dev.mmo.world.core.view.Grid;
import dev.mmo.world.core.view.ViewTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The authoritative world: who is online, where they stand and where they walk. Plain Java and deterministic: the
 * same inputs submitted between the same ticks give the same results, whatever the wall-clock time.
 *
 * <h2>Ticks</h2>
 * Ticks are numbered from 1; {@link #currentTick()} is the last completed one (0 before the first). Tick N
 * <ol>
 * <li>applies every input submitted since the previous tick applied its own, in the order {@link #submit} was
 * called;</li>
 * <li>advances every walking actor by exactly one step (below);</li>
 * <li>returns a {@link TickResult} of what changed.</li>
 * </ol>
 * Anything tagged with tick N (the result, a {@code Moves} entry, a {@code ModelData}, a {@link #snapshotAll()}
 * taken before tick N+1) describes the world <em>after</em> tick N, that is, after tick N's step.
 *
 * <h2>The step rule</h2>
 * {@code step = speed / tickRate}, one double division (3.5 at 70 units/s and 20 Hz); it never depends on measured
 * time. An actor's state after tick N+1 follows from its state {@code (x, y, tx, ty)} after tick N alone:
 * <pre>{@code
 * dx = tx - x
 * dy = ty - y
 * dist = sqrt(dx * dx + dy * dy)
 * if (dist <= step) { x = tx; y = ty }                        // arrives exactly on the target
 * else { x = x + (dx / dist) * step; y = y + (dy / dist) * step }
 * }</pre>
 * A standing actor ({@code x == tx && y == ty}) stays put. Each operation is one IEEE-754 double operation, and
 * {@code + - * / sqrt} are correctly rounded in Java and JavaScript alike (neither fuses a multiply-add), so a
 * client that evaluates exactly these expressions in this order gets the server's numbers bit for bit. Use
 * {@code Math.sqrt(dx * dx + dy * dy)}, not {@code Math.hypot}: hypot is not correctly rounded and its last bit
 * differs between runtimes. Positions must travel as round-trip decimal text (Java's {@code Double.toString}, which
 * Jackson uses, and JavaScript's number parsing preserve every bit).
 * <p>
 * The rule steps from the current position rather than computing {@code start + direction * step * n}: then the
 * state after any tick is all a client needs to continue exactly, whether it came from a {@code Moves} entry or
 * from a {@code ModelData} of an actor caught mid-walk, which does not carry where the walk began.
 *
 * <h2>Moves entries</h2>
 * The entry {@code {id, x, y, tx, ty}} in the result of tick N is the actor's state after tick N. There is one when,
 * in tick N, the actor's walk
 * <ul>
 * <li>started: a standing actor got a target other than the point it stands on; the entry already includes the
 * first step, or is the arrival itself when the target was within one step;</li>
 * <li>was retargeted: a walking actor got a target other than its current one; the entry includes the first step
 * toward the new target (or is an arrival). A target equal to the actor's current position stops it there: an
 * arrival entry;</li>
 * <li>ended: the actor arrived; the entry has {@code x == tx && y == ty} exactly.</li>
 * </ul>
 * A target equal to the actor's current target (for a standing actor, the point it stands on) changes nothing and
 * adds no entry. Several targets for one actor within a tick: the last one wins, one entry. Actors that keep
 * walking a straight line, joins and leaves add no entries.
 * <p>
 * Replay: an actor's position after tick M is the state of its newest entry or snapshot tagged N ≤ M, with the step
 * rule applied M − N times.
 *
 * <h2>Who sees whom</h2>
 * Interest management is the {@link ViewTracker}'s: the world tells it of every join, leave and step, and a tick's
 * result carries its answer: what the players in each cell hear ({@link TickResult#news()}, one {@link CellNews}
 * per cell that has players and news), and how the view of every actor that walked into another cell changed
 * ({@link TickResult#viewChanges()}).
 *
 * <h2>Persistence</h2>
 * {@link TickResult#saves()} lists the states to write, each an actor's position and target after the tick (a walk
 * that a new owner of the world can replay with the step rule, see {@link Walk}): when a walk starts or changes
 * target ({@code WALKED}), on arrival ({@code STOPPED}), on leave ({@code LEFT}, the position before that tick's step,
 * standing), and for an actor still walking every {@link WorldConfig#persistEveryTicks()} ticks, in the ticks whose
 * number modulo that equals its id's ({@code PERIODIC}): walkers are saved spread over the cadence, a few in every
 * tick, so that no tick hands out every walker at once. An actor that joins and leaves within one tick never moved
 * and is neither saved nor reported. {@link #snapshotAll()} serves the save-all on shutdown.
 *
 * <h2>Threads</h2>
 * {@link #submit}, {@link #currentTick()} and {@link #actorsOnline()} may be called from any thread; everything
 * else belongs to the single loop thread that calls {@link #tick()}.
 * <p>
 * Cost: a tick touches only the inputs and the walking actors, never everyone online (the views cost what the
 * tracker says).
 */
public final class World {

    private final WorldConfig config;
    private final ViewTracker views;
    private final double step;
    private final Queue<WorldInput> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Long, Actor> online = new LinkedHashMap<>();

    /** The walking actors, densely packed in {@code [0, walkingCount)}; each knows its slot for O(1) removal. */
    private Actor[] walking = new Actor[64];

    private int walkingCount;

    // Scratch for the tick being built, reused so that a quiet tick allocates next to nothing.
    private final List<Actor> retargeted = new ArrayList<>();
    private final List<Actor> joined = new ArrayList<>();
    private final List<Long> left = new ArrayList<>();
    private final List<Actor> movers = new ArrayList<>();
    private final List<MoveEntry> moves = new ArrayList<>();
    private final List<PositionSave> saves = new ArrayList<>();

    private volatile long currentTick;
    private volatile int actorsOnline;

    public World(WorldConfig config) {
        this.config = config;
        this.views = new ViewTracker(new Grid(config));
        this.step = config.step();
    }

    public Grid grid() {
        return views.grid();
    }

    public WorldConfig config() {
        return config;
    }

    /** Queues an input for the next tick. Thread-safe; inputs apply in the order of these calls. */
    public void submit(WorldInput input) {
        inbox.add(input);
    }

    /** The last completed tick, 0 before the first. Thread-safe. */
    public long currentTick() {
        return currentTick;
    }

    /** How many actors are online after the last completed tick. Thread-safe. */
    public int actorsOnline() {
        return actorsOnline;
    }

    /**
     * Every online actor after the last completed tick, in the order they came online: what a newcomer receives and
     * what a graceful shutdown saves. Costs one snapshot per online actor; loop thread only.
     */
    public List<ActorSnapshot> snapshotAll() {
        long tick = currentTick;
        return online.values().stream().map(actor -> actor.snapshot(tick)).toList();
    }

    /**
     * Every online actor that a player standing in {@code cell} sees, after the last completed tick: what a newcomer
     * receives. Loop thread only.
     */
    public List<ActorSnapshot> snapshotAround(int cell) {
        return views.around(cell, currentTick);
    }

    /** The cell an online actor stands in after the last completed tick, or -1 when it is offline. Loop thread only. */
    public int cellOf(long actorId) {
        Actor actor = online.get(actorId);
        return actor == null ? -1 : actor.cell();
    }

    /** Runs one tick. Loop thread only. */
    public TickResult tick() {
        long tick = currentTick + 1;
        for (WorldInput input; (input = inbox.poll()) != null; ) {
            switch (input) {
                case WorldInput.Join join -> join(join, tick);
                case WorldInput.Leave leave -> leave(leave.actorId(), tick);
                case WorldInput.Target target -> retarget(target);
            }
        }
        advanceWalkers(tick, (int) (tick % config.persistEveryTicks()));
        for (Actor actor : retargeted) {
            if (actor.online) {
                movers.add(actor);
                if (actor.walkingSlot >= 0) { // an arrival was saved as STOPPED
                    saves.add(actor.save(PositionSave.Reason.WALKED));
                }
            }
            actor.retargeted = false;
        }
        for (Actor mover : movers) {
            moves.add(mover.moveEntry());
        }
        ViewTracker.TickViews seen = views.settle(tick, joined, movers, moves);
        TickResult result = new TickResult(
                tick,
                left,
                joined.stream().map(actor -> actor.snapshot(tick)).toList(),
                moves,
                saves,
                seen.news(),
                seen.viewChanges());
        retargeted.clear();
        joined.clear();
        left.clear();
        movers.clear();
        moves.clear();
        saves.clear();
        actorsOnline = online.size();
        currentTick = tick;
        return result;
    }

    private void join(WorldInput.Join join, long tick) {
        Actor actor = online.get(join.actorId());
        if (actor == null) {
            actor = new Actor(
                    join.actorId(), join.name(), join.avatarId(), insideBounds(join.x()), insideBounds(join.y()), tick);
            online.put(actor.id, actor);
            views.add(actor, actor.x, actor.y);
        }
        if (actor.announcedAtTick != tick) {
            actor.announcedAtTick = tick;
            joined.add(actor);
        }
    }

    private double insideBounds(double savedCoordinate) {
        double half = config.boundsHalfSize();
        return Double.isFinite(savedCoordinate) ? Math.clamp(savedCoordinate, -half, half) : 0.0;
    }

    private void leave(long actorId, long tick) {
        Actor actor = online.remove(actorId);
        if (actor == null) {
            return;
        }
        actor.online = false;
        boolean seen = actor.spawnedAtTick != tick;
        views.remove(actor, seen);
        if (actor.walkingSlot >= 0) {
            stopWalking(actor.walkingSlot);
        }
        if (actor.announcedAtTick == tick) {
            joined.remove(actor);
        }
        if (!seen) {
            return; // nobody was told it came, and it stands where it was loaded from
        }
        left.add(actorId);
        saves.add(new PositionSave(actorId, actor.x, actor.y, actor.x, actor.y, PositionSave.Reason.LEFT));
    }

    private void retarget(WorldInput.Target target) {
        Actor actor = online.get(target.actorId());
        if (actor == null || !config.checkTarget(target.x(), target.y()).accepted()) {
            return;
        }
        if (target.x() == actor.tx && target.y() == actor.ty) {
            return;
        }
        actor.tx = target.x();
        actor.ty = target.y();
        if (!actor.retargeted) {
            actor.retargeted = true;
            retargeted.add(actor);
        }
        if (actor.walkingSlot < 0) {
            startWalking(actor);
        }
    }

    /** Steps every walker; those whose id falls on {@code savePhase} of the save cadence are saved. */
    private void advanceWalkers(long tick, int savePhase) {
        // Backwards, so that stopWalking's swap-with-last only ever moves an actor that has had its step.
        for (int slot = walkingCount - 1; slot >= 0; slot--) {
            Actor actor = walking[slot];
            boolean arrived = actor.advance(step);
            views.moved(actor, actor.x, actor.y, tick);
            if (arrived) {
                stopWalking(slot);
                if (!actor.retargeted) {
                    movers.add(actor);
                }
                saves.add(actor.save(PositionSave.Reason.STOPPED));
            } else if (!actor.retargeted && Math.floorMod(actor.id, config.persistEveryTicks()) == savePhase) {
                saves.add(actor.save(PositionSave.Reason.PERIODIC)); // a retargeted one is saved as WALKED
            }
        }
    }

    private void startWalking(Actor actor) {
        if (walkingCount == walking.length) {
            walking = Arrays.copyOf(walking, walkingCount * 2);
        }
        actor.walkingSlot = walkingCount;
        walking[walkingCount++] = actor;
    }

    private void stopWalking(int slot) {
        Actor stopped = walking[slot];
        Actor last = walking[--walkingCount];
        walking[slot] = last;
        last.walkingSlot = slot;
        walking[walkingCount] = null;
        stopped.walkingSlot = -1;
    }
}
