package dev.mmo.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

import java.util.SplittableRandom;

/**
 * One bot player on the game connection: Auth → Welcome, then a click on a random target every few seconds and a
 * chat line now and then. It reads the server's frames as bytes, looking only for what it measures: the first
 * {@code Moves} entry of its own actor that carries the target it sent (Target → Moves latency), the tick number of
 * every {@code Moves} frame (inter-arrival and jitter), its own chat line coming back, the gateway's {@code Pong}
 * to its {@code Ping} every 2 s, and {@code Error}s.
 * Everything but the constructor runs on the bot's event loop.
 */
final class MmoBot {

    private static final byte[] WELCOME = Bytes.utf8("\"type\":\"Welcome\"");
    private static final byte[] MOVES = Bytes.utf8("\"type\":\"Moves\",\"tick\":");
    private static final byte[] ERROR = Bytes.utf8("\"type\":\"Error\",\"code\":\"");
    private static final byte[] CHAT = Bytes.utf8("\"type\":\"Chat\"");
    private static final byte[] PONG = Bytes.utf8("\"type\":\"Pong\"");
    private static final long PING_EVERY_MS = 2_000;
    /** A target that no Moves entry confirms within this time is counted lost. */
    private static final long TARGET_TIMEOUT_NANOS = 10_000_000_000L;

    final int index;
    final String name;
    private volatile Logins.Account account;
    private final BenchOptions options;
    private final BotMetrics metrics;
    private final TargetPicker picker;
    private final SplittableRandom random;
    private final Vertx vertx;
    private final double tickNanos;

    private volatile io.vertx.core.Context context;
    private WebSocket socket;
    private boolean welcomed;
    private boolean closing;
    private long openedAt;
    private byte[] ownEntry;
    private byte[] pendingTail;
    private long pendingSentAt;
    private boolean pendingInWindow;
    private long lastMovesTick = -1;
    private long lastMovesAt;
    private int chatSeq;
    private byte[] pendingChat;
    private long pendingChatSentAt;
    private long pingSentAt = -1;
    private long pingTimer = -1;
    private long targetTimer = -1;
    private long chatTimer = -1;
    /** Called once when the world refused the token (4401), to log in again. */
    private Runnable onUnauthorized;

    MmoBot(int index, Logins.Account account, BenchOptions options, BotMetrics metrics, TargetPicker picker,
           Vertx vertx, double tickRate) {
        this.index = index;
        this.name = account.name();
        this.account = account;
        this.options = options;
        this.metrics = metrics;
        this.picker = picker;
        this.random = new SplittableRandom(options.seed() * 1_000_003L + index);
        this.vertx = vertx;
        this.tickNanos = 1e9 / tickRate;
    }

    void onUnauthorized(Runnable action) {
        this.onUnauthorized = action;
    }

    void account(Logins.Account fresh) {
        this.account = fresh;
    }

    /** Call on a Vert.x context (a timer's): the connection and all its handlers stay on that event loop. */
    void connect(WebSocketClient client) {
        context = vertx.getOrCreateContext();
        openedAt = System.nanoTime();
        String host = options.gatewayUrl().getHost();
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(host.equals("localhost") ? "127.0.0.1" : host)
                .setPort(options.gatewayUrl().getPort())
                .setURI("/ws")
                .setTimeout(15_000);
        client.connect(connect).onComplete(result -> {
            if (result.failed()) {
                metrics.connectFailed.incrementAndGet();
                metrics.error("connect_failed");
                return;
            }
            opened(result.result());
        });
    }

    private void opened(WebSocket ws) {
        socket = ws;
        metrics.open.incrementAndGet();
        ownEntry = Bytes.utf8("{\"id\":" + account.actorId() + ",\"x\":");
        ws.frameHandler(this::frame);
        ws.closeHandler(ignored -> closed(ws.closeStatusCode()));
        ws.exceptionHandler(failure -> metrics.error("socket_exception"));
        ws.writeTextMessage("{\"type\":\"Auth\",\"token\":\"" + account.token() + "\"}");
    }

    private void frame(WebSocketFrame frame) {
        if (!frame.isText() && !frame.isContinuation()) {
            return; // ping/pong/close are Vert.x's business
        }
        long now = System.nanoTime();
        byte[] data = frame.binaryData().getBytes();
        if (metrics.measuring) {
            metrics.frames.increment();
            metrics.bytes.add(data.length);
        }
        if (!welcomed) {
            if (Bytes.indexOf(data, WELCOME) >= 0) {
                welcomed(now);
            }
        }
        int moves = Bytes.indexOf(data, MOVES);
        if (moves >= 0) {
            moves(data, moves + MOVES.length, now);
        }
        if (data.length < 512) { // Errors, Pongs and Chat lines are short; broadcasts of moves are not searched twice
            if (pingSentAt >= 0 && Bytes.indexOf(data, PONG) >= 0) {
                if (metrics.measuring && pingSentAt >= metrics.windowStartNanos) {
                    metrics.pingRoundTrip.recordNanos(now - pingSentAt);
                }
                pingSentAt = -1;
            }
            int error = Bytes.indexOf(data, ERROR);
            if (error >= 0) {
                metrics.error("server_" + Bytes.stringAt(data, error + ERROR.length));
            }
        }
        if (pendingChat != null && Bytes.indexOf(data, CHAT) >= 0) {
            if (Bytes.indexOf(data, pendingChat) >= 0) {
                // (the round trip of the bot's own chat line, through chat-service and Kafka)
                if (metrics.measuring && pendingChatSentAt >= metrics.windowStartNanos) {
                    metrics.chatRoundTrip.recordNanos(now - pendingChatSentAt);
                }
                pendingChat = null;
            }
        }
        if (metrics.measuring && Bytes.indexOf(data, CHAT) >= 0) {
            metrics.chatsReceived.increment();
        }
    }

    private void welcomed(long now) {
        welcomed = true;
        metrics.welcomed.incrementAndGet();
        metrics.everWelcomed.incrementAndGet();
        metrics.join.recordNanos(now - openedAt);
        double mean = options.retargetSeconds() * 1000;
        targetTimer = vertx.setTimer(1 + (long) (random.nextDouble() * mean), id -> clickLoop());
        pingTimer = vertx.setTimer(1 + (long) (random.nextDouble() * PING_EVERY_MS), id -> pingLoop());
        if (options.chatPerMinute() > 0) {
            long every = (long) (60_000 / options.chatPerMinute());
            chatTimer = vertx.setTimer(1 + (long) (random.nextDouble() * every), id -> chatLoop());
        }
    }

    private void moves(byte[] data, int tickAt, long now) {
        long tick = Bytes.number(data, tickAt);
        if (metrics.measuring) {
            metrics.movesFrames.increment();
            if (lastMovesTick >= 0 && tick > lastMovesTick && lastMovesAt >= metrics.windowStartNanos) {
                long interval = now - lastMovesAt;
                metrics.interArrival.recordNanos(interval);
                metrics.jitter.recordNanos((long) Math.abs(interval - (tick - lastMovesTick) * tickNanos));
            }
        }
        if (tick > lastMovesTick) {
            lastMovesTick = tick;
            lastMovesAt = now;
        }
        if (pendingTail == null) {
            return;
        }
        int own = Bytes.indexOf(data, tickAt, data.length, ownEntry);
        if (own < 0) {
            return;
        }
        int end = own;
        while (end < data.length && data[end] != '}') {
            end++;
        }
        if (Bytes.startsWith(data, end + 1 - pendingTail.length, pendingTail)) {
            if (pendingInWindow && metrics.measuring) {
                metrics.targetToMoves.recordNanos(now - pendingSentAt);
                metrics.interval.recordNanos(now - pendingSentAt);
                metrics.targetsSeen.increment();
            }
            pendingTail = null;
        }
    }

    private void clickLoop() {
        if (closing || socket == null || socket.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        if (pendingTail != null && pendingInWindow && metrics.measuring && now - pendingSentAt > TARGET_TIMEOUT_NANOS) {
            metrics.targetsLost.increment();
        }
        TargetPicker.Target target = picker.next(random);
        pendingTail = Bytes.utf8(target.tail());
        pendingSentAt = now;
        pendingInWindow = metrics.measuring;
        if (metrics.measuring) {
            metrics.targetsSent.increment();
        }
        socket.writeTextMessage(target.frame());
        double mean = options.retargetSeconds() * 1000;
        targetTimer = vertx.setTimer((long) (mean * (0.5 + random.nextDouble())), id -> clickLoop());
    }

    private void pingLoop() {
        if (closing || socket == null || socket.isClosed()) {
            return;
        }
        pingSentAt = System.nanoTime();
        socket.writeTextMessage("{\"type\":\"Ping\",\"t\":" + index + "}");
        pingTimer = vertx.setTimer(PING_EVERY_MS, id -> pingLoop());
    }

    private void chatLoop() {
        if (closing || socket == null || socket.isClosed()) {
            return;
        }
        String text = "hi from " + name + " #" + (++chatSeq);
        pendingChat = Bytes.utf8("\"text\":\"" + text + "\"");
        pendingChatSentAt = System.nanoTime();
        if (metrics.measuring) {
            metrics.chatsSent.increment();
        }
        socket.writeTextMessage("{\"type\":\"Chat\",\"text\":\"" + text + "\"}");
        double every = 60_000 / options.chatPerMinute();
        chatTimer = vertx.setTimer((long) (every * (0.5 + random.nextDouble())), id -> chatLoop());
    }

    private void closed(Short code) {
        metrics.open.decrementAndGet();
        if (welcomed) {
            metrics.welcomed.decrementAndGet();
        }
        cancelTimers();
        if (closing) {
            return;
        }
        metrics.error("closed_" + (code == null ? "none" : code));
        if (welcomed) {
            metrics.dropped.incrementAndGet();
        } else if (code != null && code == 4401 && onUnauthorized != null) {
            Runnable retry = onUnauthorized;
            onUnauthorized = null;
            retry.run();
        } else {
            metrics.connectFailed.incrementAndGet();
        }
        welcomed = false;
    }

    private void cancelTimers() {
        if (targetTimer >= 0) {
            vertx.cancelTimer(targetTimer);
        }
        if (chatTimer >= 0) {
            vertx.cancelTimer(chatTimer);
        }
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
    }

    /** Closes the connection normally; the bot's own event loop runs it. */
    void close() {
        io.vertx.core.Context on = context;
        if (on == null) {
            closing = true;
            return;
        }
        on.runOnContext(ignored -> {
            closing = true;
            cancelTimers();
            if (socket != null && !socket.isClosed()) {
                socket.close((short) 1000, "bench over");
            }
        });
    }

    io.vertx.core.Context context() {
        return context;
    }

    boolean isWelcomed() {
        return welcomed;
    }
}
