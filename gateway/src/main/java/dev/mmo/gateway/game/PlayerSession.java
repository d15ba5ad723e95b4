package dev.mmo.gateway.game;

import dev.mmo.shared.game.CloseCodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One player's game connection on this gateway. What others did (world news, chat lines, the online count) waits
 * in an outbox and goes out as one frame per batch interval; what is for this player alone goes at once, after
 * whatever waits, so the order of messages is kept. The outbox belongs to the socket's event loop ({@link #loop}):
 * whatever a service sends for this player is handed to that loop, in the order it came.
 */
final class PlayerSession {

    enum State {
        AWAITING_AUTH,
        VERIFYING,
        OPENING,
        PLAYING,
        CLOSED
    }

    final long id;
    final ServerWebSocket socket;
    final LoopFanout loop;
    final RateLimit rateLimit;
    volatile State state = State.AWAITING_AUTH;
    volatile long actorId;
    /** Kept to open the session again on a side service (chat) whose link comes back. */
    volatile Buffer token;
    /**
     * Whether OPEN went to the services: then they hear CLOSED when the connection ends, however it ends (a service
     * that already ended the session with a KICK ignores it).
     */
    volatile boolean openedAtServices;

    long authTimer;
    /** The cell whose world news this session hears; -1 before the world's first VIEW. Loop only. */
    int viewCell = -1;
    /**
     * Whether the world's welcome was written: broadcasts (chat lines, the online count) are queued only after it,
     * so a player's first message is always its Welcome. Loop only.
     */
    boolean welcomed;
    /** How many broadcasts had reached its loop when it was welcomed: it hears only those after. Loop only. */
    long broadcastsBeforeWelcome;

    /** Server frames waiting for the next flush, as the services encoded them. Loop only. */
    private final List<TextFrame> outbox = new ArrayList<>(4);

    private final long slowTimeoutNanos;
    /** Told once when the session ends, by whichever notices first: the gateway closing it or the socket closing. */
    private final Consumer<PlayerSession> onEnd;

    private final AtomicBoolean ended = new AtomicBoolean();
    /** {@link System#nanoTime()} when the socket's write queue was first seen full, 0 while it is not. Loop only. */
    private long writeQueueFullSince;

    PlayerSession(
            long id,
            ServerWebSocket socket,
            LoopFanout loop,
            RateLimit rateLimit,
            Duration slowTimeout,
            Consumer<PlayerSession> onEnd) {
        this.id = id;
        this.onEnd = onEnd;
        this.socket = socket;
        this.loop = loop;
        this.rateLimit = rateLimit;
        this.slowTimeoutNanos = slowTimeout.toNanos();
    }

    /** Adds a frame to the outbox; true when the outbox was empty (so the caller lists it for the next flush). */
    boolean queue(TextFrame frame) {
        if (state == State.CLOSED) {
            return false;
        }
        outbox.add(frame);
        return outbox.size() == 1;
    }

    /** A frame for this player alone: written now, together with what waits in the outbox. */
    void send(Buffer utf8Json) {
        outbox.add(TextFrame.of(utf8Json));
        flush();
    }

    /** Writes what waits as one frame: a frame alone as it is, several joined into one array. */
    void flush() {
        flush(ServerFrames::joined);
    }

    /** {@link #flush()}, with several frames joined by {@code join} (which may hand out a frame joined before). */
    void flush(Function<List<TextFrame>, TextFrame> join) {
        if (outbox.isEmpty()) {
            return;
        }
        if (state != State.CLOSED) {
            TextFrame frame = outbox.size() == 1 ? outbox.getFirst() : join.apply(outbox);
            frame.writeTo(socket);
            closeIfStalled();
        }
        outbox.clear();
    }

    /**
     * Nothing may be dropped (the player would lose track of the world), so a connection that stays unable to take
     * what it is sent is closed instead: what waits for it in the gateway stays bounded by the timeout.
     */
    private void closeIfStalled() {
        if (socket.isClosed() || !socket.writeQueueFull()) { // (a closed socket's close handler is on its way)
            writeQueueFullSince = 0;
            return;
        }
        long now = System.nanoTime();
        if (writeQueueFullSince == 0) {
            writeQueueFullSince = now;
        } else if (now - writeQueueFullSince > slowTimeoutNanos) {
            close(CloseCodes.TRY_AGAIN_LATER, "the connection did not take what it was sent");
        }
    }

    /** A frame the gateway itself writes (Pong, Error). */
    void send(String json) {
        if (state != State.CLOSED) {
            socket.writeTextMessage(json);
        }
    }

    /**
     * Closes the connection, and ends the session at once: the services hear of it without waiting for the client
     * to answer the close (a stalled one never does).
     */
    void close(int code, String reason) {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            socket.close((short) code, reason);
        }
        end();
    }

    /** The connection is gone or going: runs {@link #onEnd} the first time only. Any thread. */
    void end() {
        state = State.CLOSED;
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }
}
