package dev.mmo.gateway.game;

import dev.mmo.gateway.link.ServiceLink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The players whose sockets one event loop serves, with their outboxes. A service link's loop hands every loop a
 * tick's cell frames and each broadcast once; each loop queues them for its own players and flushes their outboxes
 * every batch interval. So the fan-out runs on all loops at once, and every write is made on its socket's own
 * thread instead of being handed over to it one write at a time. A loop flushes a slice of its players at a time,
 * {@link #SLICES} slices spread over the interval, so that a player's own frames (written at once) never wait
 * behind a write to every other player of the loop. Everything but {@link #execute} runs on the loop.
 */
final class LoopFanout {

    /** How many parts of the batch interval a loop's flushes are spread over. */
    private static final int SLICES = 4;

    private final Context context;
    private final Thread thread;
    private final Set<PlayerSession> sessions = new LinkedHashSet<>();
    /** This loop's sessions by the cell whose world news they hear. */
    private final Map<Integer, List<PlayerSession>> viewers = new HashMap<>();
    /** Broadcasts per link since the last flush, in arrival order. */
    private final Map<ServiceLink, List<Broadcast>> broadcasts = new HashMap<>();
    /** How many broadcasts (of any link) reached this loop so far: each one's number, in arrival order. */
    private long broadcastsArrived;
    /** Sessions with something in their outbox, by the slice of the interval in which they are flushed. */
    private final List<List<PlayerSession>> waiting = new ArrayList<>(SLICES);
    /** The slice the next flush writes; broadcasts are handed out before slice 0. */
    private int nextSlice;
    /**
     * The outboxes joined in the slice being flushed, by the frames they hold. Players of one cell in one slice heard
     * the same frames since their last flush, so they share one joined frame (and its one decoded text) instead of
     * each joining and decoding a copy of their own.
     */
    private final Map<List<TextFrame>, TextFrame> joinedInSlice = new HashMap<>();

    private final BiPredicate<PlayerSession, ServiceLink> hearsBroadcasts;
    private long flushTimer;

    /** Made on the loop it serves; {@code hearsBroadcasts} tells whether a session hears a link's broadcasts. */
    LoopFanout(Context context, BiPredicate<PlayerSession, ServiceLink> hearsBroadcasts) {
        this.context = context;
        this.thread = Thread.currentThread();
        this.hearsBroadcasts = hearsBroadcasts;
        for (int slice = 0; slice < SLICES; slice++) {
            waiting.add(new ArrayList<>());
        }
    }

    /** Flushes each player every {@code intervalMillis}, on this loop (a timer runs on the context that set it). */
    void startFlushing(long intervalMillis) {
        flushTimer = context.owner().setPeriodic(Math.max(1, intervalMillis / SLICES), ignored -> flushSlice());
    }

    void stopFlushing() {
        context.owner().cancelTimer(flushTimer);
    }

    /** Runs a task on this loop: at once when called from it, otherwise after what was handed to it before. */
    void execute(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    void add(PlayerSession session) {
        sessions.add(session);
    }

    void remove(PlayerSession session) {
        sessions.remove(session);
        stopViewing(session);
    }

    /** The session hears the news of {@code cell} from now on (and no other cell's). */
    void view(PlayerSession session, int cell) {
        if (session.state == PlayerSession.State.CLOSED) {
            return;
        }
        stopViewing(session);
        session.viewCell = cell;
        viewers.computeIfAbsent(cell, ignored -> new ArrayList<>()).add(session);
    }

    private void stopViewing(PlayerSession session) {
        if (session.viewCell < 0) {
            return;
        }
        List<PlayerSession> hearing = viewers.get(session.viewCell);
        if (hearing != null) {
            hearing.remove(session);
            if (hearing.isEmpty()) {
                viewers.remove(session.viewCell);
            }
        }
        session.viewCell = -1;
    }

    /** The world link dropped: nobody hears any cell until the world places them again. */
    void forgetViews() {
        viewers.values().forEach(hearing -> hearing.forEach(session -> session.viewCell = -1));
        viewers.clear();
    }

    /** A tick's news: each cell's frame to this loop's sessions that hear that cell. */
    void news(List<CellFrame> news) {
        for (CellFrame cellFrame : news) {
            List<PlayerSession> hearing = viewers.get(cellFrame.cell());
            if (hearing != null) {
                for (PlayerSession session : hearing) {
                    queue(session, cellFrame.frame());
                }
            }
        }
    }

    void broadcast(ServiceLink link, Buffer frame) {
        broadcasts
                .computeIfAbsent(link, ignored -> new ArrayList<>())
                .add(new Broadcast(++broadcastsArrived, TextFrame.of(frame)));
    }

    /**
     * The world's welcome was written to the session: from now on it hears broadcasts, those that reach this loop after
     * this moment (not those said before, still waiting here for the interval's start).
     */
    void welcomed(PlayerSession session) {
        if (!session.welcomed) {
            session.welcomed = true;
            session.broadcastsBeforeWelcome = broadcastsArrived;
        }
    }

    /** Writes the waiting outboxes of one slice, each as one frame; at the start of an interval, first the broadcasts. */
    private void flushSlice() {
        if (nextSlice == 0) {
            queueBroadcasts();
        }
        List<PlayerSession> due = waiting.get(nextSlice);
        for (PlayerSession session : due) {
            session.flush(this::joinShared);
        }
        due.clear();
        joinedInSlice.clear();
        nextSlice = (nextSlice + 1) % SLICES;
    }

    /**
     * Each link's broadcasts, joined once per loop (the same bytes for all its players), to the sessions that hear it;
     * a session welcomed while they waited gets only those that came after its welcome, joined for it alone.
     */
    private void queueBroadcasts() {
        for (Map.Entry<ServiceLink, List<Broadcast>> pending : broadcasts.entrySet()) {
            List<Broadcast> waiting = pending.getValue();
            if (waiting.isEmpty()) {
                continue;
            }
            TextFrame all = joinedFrom(waiting, 0);
            long first = waiting.getFirst().number();
            for (PlayerSession session : sessions) {
                if (!hearsBroadcasts.test(session, pending.getKey())) {
                    continue;
                }
                if (session.broadcastsBeforeWelcome < first) {
                    queue(session, all);
                } else {
                    int since = (int) (session.broadcastsBeforeWelcome - first + 1);
                    if (since < waiting.size()) {
                        queue(session, joinedFrom(waiting, since));
                    }
                }
            }
            waiting.clear();
        }
    }

    private static TextFrame joinedFrom(List<Broadcast> waiting, int from) {
        List<TextFrame> frames = new ArrayList<>(waiting.size() - from);
        for (int i = from; i < waiting.size(); i++) {
            frames.add(waiting.get(i).frame());
        }
        return frames.size() == 1 ? frames.getFirst() : ServerFrames.joined(frames);
    }

    /** The outbox joined, or the same frames joined for another player of this slice (frames compare by identity). */
    private TextFrame joinShared(List<TextFrame> outbox) {
        TextFrame joined = joinedInSlice.get(outbox);
        if (joined == null) {
            joined = ServerFrames.joined(outbox);
            joinedInSlice.put(List.copyOf(outbox), joined);
        }
        return joined;
    }

    private void queue(PlayerSession session, TextFrame frame) {
        if (session.queue(frame)) {
            waiting.get((int) (session.id % SLICES)).add(session);
        }
    }

    /** A broadcast waiting for the interval's start, numbered in the order broadcasts reached this loop. */
    private record Broadcast(long number, TextFrame frame) {}

    /** One cell's frame of a tick's news, as the world link decoded it once for every loop. */
    record CellFrame(int cell, TextFrame frame) {}
}
