package dev.mmo.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

import java.util.SplittableRandom;

/**
 * One bot player on the game connection: Auth → Welcome, then a click on a random target every few seconds and a
 * chat line now and then. It reads the server's frames as bytes ({@link FrameScan}), looking only for what it
 * measures: the own entry of a {@code Moves} message that carries the target it sent (Target → own Moves latency),
 * the ticks of the {@code Moves} messages (inter-arrival and jitter of movement frames), its own chat line coming
 * back, the gateway's {@code Pong} to its {@code Ping} every 2 s, and {@code Error}s; {@code Leave},
 * {@code Despawn}, {@code ModelData} and {@code Online} are counted. A frame may be one message or an array of
 * several, also several ticks' {@code Moves}.
 * Everything but the constructor runs on the bot's event loop.
 */
final class MmoBot {

    private static final long PING_EVERY_MS = 2_000;
    /** A target that no Moves entry confirms within this time is counted lost. */
    private static final long TARGET_TIMEOUT_NANOS = 10_000_000_000L;
    /** A fragmented message larger than this is dropped (the gateway sends each message as one frame anyway). */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    final int index;
    final String name;
    private volatile Logins.Account account;
    private final BenchOptions options;
    private final BotMetrics metrics;
    private final TargetPicker picker;
    /** Where this bot walks around with {@code --spread}; null in the one-area scenario. */
    private final TargetPicker.Target home;
    private final SplittableRandom random;
    private final Vertx vertx;
    private final FrameScan scan = new FrameScan();

    private volatile io.vertx.core.Context context;
    private WebSocket socket;
    private boolean welcomed;
    private boolean closing;
    private long openedAt;
    private byte[] ownEntry;
    private byte[] ownModel;
    private Buffer partial;
    private byte[] pendingTail;
    private long pendingSentAt;
    private long pendingAfterTick;
    private boolean pendingInWindow;
    private final TickCadence cadence;
    /** The newest tick the bot knows happened: its welcome's or a Moves message's. */
    private long lastTickSeen = -1;
    /** The own actor's position in the welcome (NaN until then, or if the welcome had no own ModelData). */
    volatile double startX = Double.NaN;
    volatile double startY = Double.NaN;
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
        this.home = options.spread() ? TargetPicker.home(options.seed(), options.firstBot() + index, options.bounds())
                : null;
        this.random = new SplittableRandom(options.seed() * 1_000_003L + index);
        this.vertx = vertx;
        this.cadence = new TickCadence(1e9 / tickRate);
    }

    void onUnauthorized(Runnable action) {
        this.onUnauthorized = action;
    }

    void account(Logins.Account fresh) {
        this.account = fresh;
    }

    /**
     * Call on a Vert.x context (a timer's): the connection and all its handlers stay on that event loop. The caller
     * has counted the bot in {@code metrics.joining} already (so that the ramp sees it at once); the bot takes
     * itself out of it when it is welcomed or fails.
     */
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
                metrics.joining.decrementAndGet();
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
        ownModel = Bytes.utf8("\"model\":{\"id\":" + account.actorId() + ",");
        ws.frameHandler(this::frame);
        ws.closeHandler(ignored -> closed(ws.closeStatusCode()));
        ws.exceptionHandler(failure -> {
            if (!closing) { // (the tool closing its own sockets at the end is not the server's failure)
                metrics.error("socket_exception_" + failure.getClass().getSimpleName());
            }
        });
        ws.writeTextMessage("{\"type\":\"Auth\",\"token\":\"" + account.token() + "\"}");
    }

    private void frame(WebSocketFrame frame) {
        byte[] data;
        if (frame.isText()) {
            if (!frame.isFinal()) {
                partial = frame.binaryData().copy();
                return;
            }
            partial = null;
            data = frame.binaryData().getBytes();
        } else if (frame.isContinuation() && partial != null) {
            partial.appendBuffer(frame.binaryData());
            if (partial.length() > MAX_MESSAGE_BYTES) {
                metrics.error("message_too_large");
                partial = null;
                return;
            }
            if (!frame.isFinal()) {
                return;
            }
            data = partial.getBytes();
            partial = null;
        } else {
            return; // binary, ping/pong/close: Vert.x's business
        }
        message(data, System.nanoTime());
    }

    /** One whole text message: a server message or an array of them. */
    private void message(byte[] data, long now) {
        boolean measuring = metrics.measuring;
        if (measuring) {
            metrics.frames.increment();
            metrics.bytes.add(data.length);
        }
        scan.scan(data, ownEntry, welcomed ? null : ownModel, pendingTail, pendingAfterTick, pendingChat);
        if (!welcomed && scan.welcomes > 0) {
            startX = scan.ownX;
            startY = scan.ownY;
            lastTickSeen = Math.max(lastTickSeen, scan.welcomeTick);
            welcomed(now);
        }
        if (scan.movesMessages > 0) {
            moves(now, measuring);
        }
        if (scan.unreadableMoves > 0) {
            metrics.error("moves_unreadable");
        }
        if (scan.ownTargetTick >= 0 && pendingTail != null) {
            if (pendingInWindow && measuring) {
                metrics.targetToMoves.recordNanos(now - pendingSentAt);
                metrics.interval.recordNanos(now - pendingSentAt);
                metrics.targetsSeen.increment();
            }
            pendingTail = null;
        }
        if (scan.pongs > 0 && pingSentAt >= 0) {
            if (measuring && pingSentAt >= metrics.windowStartNanos) {
                metrics.pingRoundTrip.recordNanos(now - pingSentAt);
            }
            pingSentAt = -1;
        }
        for (String code : scan.errorCodes) {
            metrics.error("server_" + code);
        }
        if (scan.ownChat && pendingChat != null) {
            // (the round trip of the bot's own chat line, through chat-service and Kafka)
            if (measuring && pendingChatSentAt >= metrics.windowStartNanos) {
                metrics.chatRoundTrip.recordNanos(now - pendingChatSentAt);
            }
            pendingChat = null;
        }
        if (scan.onlineCount >= 0) {
            metrics.online(scan.onlineCount);
        }
        if (measuring) {
            if (scan.chats > 0) {
                metrics.chatsReceived.add(scan.chats);
            }
            if (scan.leaves > 0) {
                metrics.leaves.add(scan.leaves);
            }
            if (scan.despawns > 0) {
                metrics.despawns.add(scan.despawns);
            }
            if (scan.modelDatas > 0) {
                metrics.modelDatas.add(scan.modelDatas);
            }
            if (scan.onlines > 0) {
                metrics.onlines.add(scan.onlines);
            }
        }
    }

    private void welcomed(long now) {
        welcomed = true;
        metrics.joining.decrementAndGet();
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

    /** A movement frame: one or more Moves messages ({@link TickCadence} says how its timing is measured). */
    private void moves(long now, boolean measuring) {
        long newest = scan.newestTick;
        TickCadence.Gap gap = cadence.arrive(newest, now);
        if (measuring) {
            metrics.movesFrames.increment();
            metrics.movesMessages.add(scan.movesMessages);
            if (!scan.ticksRise || scan.firstTick <= lastTickSeen) {
                metrics.ticksNotRising.increment();
            }
            if (gap != null && gap.previousAt() >= metrics.windowStartNanos) {
                metrics.interArrival.recordNanos(gap.interval());
                metrics.jitter.recordNanos(gap.jitter());
            }
        }
        lastTickSeen = Math.max(lastTickSeen, newest);
    }

    private void clickLoop() {
        if (closing || socket == null || socket.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        if (pendingTail != null && pendingInWindow && metrics.measuring && now - pendingSentAt > TARGET_TIMEOUT_NANOS) {
            metrics.targetsLost.increment();
        }
        TargetPicker.Target target = home != null ? TargetPicker.near(home, options.roam(), options.bounds(), random)
                : picker.next(random);
        pendingTail = Bytes.utf8(target.tail());
        pendingSentAt = now;
        pendingAfterTick = lastTickSeen;
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
        } else {
            metrics.joining.decrementAndGet();
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
