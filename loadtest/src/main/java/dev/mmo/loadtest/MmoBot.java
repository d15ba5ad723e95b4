package dev.mmo.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One bot player on the game connection: Auth → Welcome, then a click on a random target every few seconds, a
 * chat line now and then (numbered: "hi from bot_7 #12") and a Ping every 2 s.
 *
 * <p>A <em>decoding</em> bot reads the server's frames as bytes ({@link FrameScan}), looking only for what it
 * measures: the own entry of a {@code Moves} message that carries the target it sent (Target → own Moves latency),
 * the ticks of the {@code Moves} messages (inter-arrival and jitter of movement frames), its own chat lines coming
 * back, the gateway's {@code Pong}, {@code Error}s; {@code Leave}, {@code Despawn}, {@code ModelData} and
 * {@code Online} are counted. The other bots read frames up to their Welcome and then only count frames and bytes
 * (a frame's length is all they look at), so that the load generator stays small beside the servers; they click,
 * chat and ping all the same, so the servers do the same work for them.
 *
 * <p>In a fault run ({@link #reconnecting}) a bot behaves like the web client when its connection closes: it
 * reconnects with the same token after a back-off (half a second doubling up to 15 s, ± 25 %), logs in again
 * when the server says 4401, stops on 4409, and gives up on a connection that says nothing for 25 s or does not
 * welcome it within 10 s. It then reports to the {@link FaultLedger} when it was cut, when it was back, and how far
 * the server put its actor from where its own last {@code Moves} entry says the actor stood.
 * Everything but the constructor runs on the bot's event loop.
 */
final class MmoBot {

    private static final long PING_EVERY_MS = 2_000;
    /** A target that no Moves entry confirms within this time is counted lost. */
    private static final long TARGET_TIMEOUT_NANOS = 10_000_000_000L;
    /** A fragmented message larger than this is dropped (the gateway sends each message as one frame anyway). */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** The web client's (web-client/src/net): reconnect delays, welcome timeout, silence limit. */
    static final long FIRST_RETRY_MS = 500;

    static final long LONGEST_RETRY_MS = 15_000;
    static final long WELCOME_TIMEOUT_MS = 10_000;
    static final long SILENCE_LIMIT_NANOS = 25_000_000_000L;
    /** An own chat line not back after this long, from a connection still open, is lost. */
    static final long CHAT_LOST_AFTER_NANOS = 30_000_000_000L;

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
    /** Reads every frame (see the class comment); the others count frames and bytes once welcomed. */
    final boolean decodes;
    /** Non-null in a fault run: the bot reconnects and reports there. */
    private final FaultLedger ledger;

    private volatile io.vertx.core.Context context;
    private WebSocketClient client;
    /** The current connection attempt; events of older ones are ignored. */
    private Connection connection;

    private int connections;
    private int attempt;
    private volatile boolean welcomed;
    private boolean everWelcomed;
    private boolean closing;
    private boolean replaced;
    private byte[] ownEntry;
    private byte[] ownModel;
    private byte[] ownChatPrefix;
    private Buffer partial;
    private byte[] pendingTail;
    private long pendingSentAt;
    private long pendingAfterTick;
    private boolean pendingInWindow;
    private TickCadence cadence;
    private final double tickNanos;
    /** The newest tick the bot knows happened (its welcome's or a Moves message's), and when it learnt of it. */
    private long lastTickSeen = -1;

    private long lastTickSeenAt;
    private long lastHeardAt;
    /** The own actor's newest entry, {x, y, tx, ty} at {@link #entryTick} (-1: none yet). */
    private final double[] entry = new double[4];

    private long entryTick = -1;
    /** Where the own actor should stand after a cut (the step rule from the last entry), or null. */
    private double[] expectedAfterCut;
    /** The own actor's position in the first welcome (NaN until then, or if it had no own ModelData). */
    volatile double startX = Double.NaN;

    volatile double startY = Double.NaN;
    private int chatSeq;
    /** Own chat lines not back yet: {number, sent at, connection, phase}. */
    private final ArrayDeque<long[]> pendingChats = new ArrayDeque<>();

    private long pingSentAt = -1;
    private long pingTimer = -1;
    private long targetTimer = -1;
    private long chatTimer = -1;
    private long retryTimer = -1;
    private long welcomeTimer = -1;
    /** Called when the server refused the token (4401), to log in again; then {@link #loggedInAgain}. */
    private Consumer<MmoBot> onUnauthorized;

    /** One socket and what belongs to it. */
    private static final class Connection {
        final int number;
        final long openedAt;
        WebSocket socket;

        Connection(int number, long openedAt) {
            this.number = number;
            this.openedAt = openedAt;
        }
    }

    MmoBot(
            int index,
            Logins.Account account,
            BenchOptions options,
            BotMetrics metrics,
            TargetPicker picker,
            Vertx vertx,
            double tickRate,
            boolean decodes,
            FaultLedger ledger) {
        this.index = index;
        this.name = account.name();
        this.account = account;
        this.options = options;
        this.metrics = metrics;
        this.picker = picker;
        this.home = options.spread()
                ? TargetPicker.home(options.seed(), options.firstBot() + index, options.bounds())
                : null;
        this.random = new SplittableRandom(options.seed() * 1_000_003L + index);
        this.vertx = vertx;
        this.tickNanos = 1e9 / tickRate;
        this.cadence = new TickCadence(tickNanos);
        this.decodes = decodes;
        this.ledger = ledger;
        scan.trackOwnEntries = ledger != null;
    }

    /** Whether the bot reconnects like the web client (a fault run) instead of counting a drop as final. */
    boolean reconnecting() {
        return ledger != null;
    }

    void onUnauthorized(Consumer<MmoBot> action) {
        this.onUnauthorized = action;
    }

    /**
     * Call on a Vert.x context (a timer's): the connection and all its handlers stay on that event loop. The caller
     * has counted the bot in {@code metrics.joining} already (so that the ramp sees it at once); the bot takes
     * itself out of it when it is welcomed or fails.
     */
    void connect(WebSocketClient client) {
        this.client = client;
        context = vertx.getOrCreateContext();
        open();
    }

    private void open() {
        if (closing || replaced) {
            return;
        }
        Connection conn = new Connection(++connections, System.nanoTime());
        connection = conn;
        welcomed = false;
        String host = options.gatewayUrl().getHost();
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(host.equals("localhost") ? "127.0.0.1" : host)
                .setPort(options.gatewayUrl().getPort())
                .setURI("/ws")
                .setTimeout(15_000);
        if (reconnecting()) {
            welcomeTimer = vertx.setTimer(WELCOME_TIMEOUT_MS, id -> {
                if (connection == conn && !welcomed) {
                    giveUp(conn, "welcome_timeout");
                }
            });
        }
        client.connect(connect).onComplete(result -> {
            if (connection != conn) {
                if (result.succeeded()) {
                    result.result().close();
                }
                return;
            }
            if (result.failed()) {
                attemptFailed("connect_failed", (short) -1);
                return;
            }
            if (closing) { // the run ended while this attempt was under way
                result.result().close();
                connection = null;
                return;
            }
            opened(conn, result.result());
        });
    }

    private void opened(Connection conn, WebSocket ws) {
        conn.socket = ws;
        metrics.open.incrementAndGet();
        ownEntry = Bytes.utf8("{\"id\":" + account.actorId() + ",\"x\":");
        ownModel = Bytes.utf8("\"model\":{\"id\":" + account.actorId() + ",");
        ownChatPrefix = Bytes.utf8("\"text\":\"" + chatPrefix());
        lastHeardAt = System.nanoTime();
        ws.frameHandler(frame -> {
            if (connection == conn) {
                frame(frame);
            }
        });
        ws.closeHandler(ignored -> {
            metrics.open.decrementAndGet();
            if (connection == conn) {
                closed(ws.closeStatusCode());
            }
        });
        ws.exceptionHandler(failure -> {
            if (!closing && connection == conn) { // (the tool closing its own sockets is not the server's failure)
                metrics.error("socket_exception_" + failure.getClass().getSimpleName());
            }
        });
        ws.writeTextMessage("{\"type\":\"Auth\",\"token\":\"" + account.token() + "\"}");
    }

    private String chatPrefix() {
        return "hi from " + name + " #";
    }

    private void frame(WebSocketFrame frame) {
        lastHeardAt = System.nanoTime();
        if (welcomed && !decodes) {
            // header-only: the frame's length is all this bot looks at
            if (metrics.measuring && (frame.isText() || frame.isContinuation())) {
                metrics.bytes.add(frame.binaryData().length());
                if (frame.isFinal()) {
                    metrics.frames.increment();
                }
            }
            return;
        }
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
        scan.scan(
                data,
                ownEntry,
                welcomed ? null : ownModel,
                pendingTail,
                pendingAfterTick,
                pendingChats.isEmpty() ? null : ownChatPrefix);
        if (!welcomed && scan.welcomes > 0) {
            // a new session: its world may be another one (restarted, a standby), whose ticks count afresh
            lastTickSeen = -1;
            entryTick = -1;
            cadence = new TickCadence(tickNanos);
            seeTick(scan.welcomeTick, now);
            if (scan.ownModelTick >= 0 && !Double.isNaN(scan.ownX)) {
                double tx = Double.isNaN(scan.ownModelTx) ? scan.ownX : scan.ownModelTx;
                double ty = Double.isNaN(scan.ownModelTy) ? scan.ownY : scan.ownModelTy;
                ownEntryAt(scan.ownModelTick, scan.ownX, scan.ownY, tx, ty);
            }
            welcomed(now);
        }
        if (scan.ownEntryTick >= 0) {
            ownEntryAt(scan.ownEntryTick, scan.ownEntry[0], scan.ownEntry[1], scan.ownEntry[2], scan.ownEntry[3]);
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
                metrics.third(now).recordNanos(now - pendingSentAt);
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
            if (ledger != null) {
                ledger.errorFrame(code);
                if (code.equals("chat_unavailable") || code.equals("rate_limited")) {
                    chatRefused();
                }
            }
        }
        for (int i = 0; i < scan.ownChatCount; i++) {
            ownChatBack(scan.ownChatNumbers[i], now, measuring);
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

    private void ownEntryAt(long tick, double x, double y, double tx, double ty) {
        if (tick < entryTick) {
            return;
        }
        entryTick = tick;
        entry[0] = x;
        entry[1] = y;
        entry[2] = tx;
        entry[3] = ty;
    }

    private void seeTick(long tick, long now) {
        if (tick > lastTickSeen) {
            lastTickSeen = tick;
            lastTickSeenAt = now;
        }
    }

    /** The tick the world is at now, as far as this bot can tell: the newest it saw, plus the time since. */
    private long tickNow(long now) {
        return lastTickSeen + (long) ((now - lastTickSeenAt) / tickNanos);
    }

    private void ownChatBack(int number, long now, boolean measuring) {
        for (Iterator<long[]> it = pendingChats.iterator(); it.hasNext(); ) {
            long[] line = it.next();
            if (line[0] == number) {
                it.remove();
                // (the round trip of the bot's own chat line, through chat-service and Kafka)
                if (measuring && line[1] >= metrics.windowStartNanos) {
                    metrics.chatRoundTrip.recordNanos(now - line[1]);
                }
                if (ledger != null) {
                    ledger.chatDelivered((int) line[3], now - line[1]);
                }
                return;
            }
        }
    }

    /**
     * An Error that refuses a chat line answers the newest line sent on this connection (each line is answered at
     * once, in order): the player was told, so it is refused, not lost.
     */
    private void chatRefused() {
        for (Iterator<long[]> it = pendingChats.descendingIterator(); it.hasNext(); ) {
            long[] line = it.next();
            if (connection != null && line[2] == connection.number) {
                it.remove();
                ledger.chatRefused((int) line[3]);
                return;
            }
        }
    }

    private void welcomed(long now) {
        Connection conn = connection;
        welcomed = true;
        attempt = 0;
        cancel(welcomeTimer);
        metrics.welcomed.incrementAndGet();
        if (!everWelcomed) {
            everWelcomed = true;
            metrics.joining.decrementAndGet();
            metrics.everWelcomed.incrementAndGet();
            metrics.join.recordNanos(now - conn.openedAt);
            startX = scan.ownX;
            startY = scan.ownY;
        } else if (ledger != null) {
            double error = Double.NaN;
            if (expectedAfterCut != null && !Double.isNaN(scan.ownX) && !Double.isNaN(scan.ownY)) {
                error = StepRule.error(expectedAfterCut, scan.ownX, scan.ownY);
            }
            ledger.back(index, now, error);
            metrics.rejoined.incrementAndGet();
        }
        expectedAfterCut = null;
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
        seeTick(newest, now);
    }

    private boolean playing() {
        return !closing && welcomed && connection != null && connection.socket != null && !connection.socket.isClosed();
    }

    private void clickLoop() {
        if (!playing()) {
            return;
        }
        long now = System.nanoTime();
        if (pendingTail != null && pendingInWindow && metrics.measuring && now - pendingSentAt > TARGET_TIMEOUT_NANOS) {
            metrics.targetsLost.increment();
        }
        TargetPicker.Target target =
                home != null ? TargetPicker.near(home, options.roam(), options.bounds(), random) : picker.next(random);
        pendingTail = decodes ? Bytes.utf8(target.tail()) : null;
        pendingSentAt = now;
        pendingAfterTick = lastTickSeen;
        pendingInWindow = metrics.measuring;
        if (metrics.measuring && decodes) {
            metrics.targetsSent.increment();
        }
        connection.socket.writeTextMessage(target.frame());
        double mean = options.retargetSeconds() * 1000;
        targetTimer = vertx.setTimer((long) (mean * (0.5 + random.nextDouble())), id -> clickLoop());
    }

    private void pingLoop() {
        if (!playing()) {
            return;
        }
        long now = System.nanoTime();
        if (reconnecting() && now - lastHeardAt > SILENCE_LIMIT_NANOS) {
            giveUp(connection, "gave_up_silent");
            return;
        }
        pingSentAt = now;
        connection.socket.writeTextMessage("{\"type\":\"Ping\",\"t\":" + index + "}");
        pingTimer = vertx.setTimer(PING_EVERY_MS, id -> pingLoop());
    }

    private void chatLoop() {
        if (!playing()) {
            return;
        }
        int number = ++chatSeq;
        String text = chatPrefix() + number;
        long now = System.nanoTime();
        if (decodes) {
            int phase = ledger == null ? 0 : ledger.phaseIndex();
            pendingChats.add(new long[] {number, now, connection.number, phase});
            if (ledger != null) {
                ledger.chatSent(phase);
            }
            if (metrics.measuring) {
                metrics.chatsSent.increment();
            }
            expireChats(now);
        }
        connection.socket.writeTextMessage("{\"type\":\"Chat\",\"text\":\"" + text + "\"}");
        double every = 60_000 / options.chatPerMinute();
        chatTimer = vertx.setTimer((long) (every * (0.5 + random.nextDouble())), id -> chatLoop());
    }

    /**
     * Own lines that will not come back now: from a connection still open and older than
     * {@link #CHAT_LOST_AFTER_NANOS}, lost; from an earlier connection (the bot was cut before the line could come
     * back to it), unconfirmed. {@code everything}: at the end of the run, every line still out is decided.
     */
    void settleChats(long now, boolean everything) {
        for (Iterator<long[]> it = pendingChats.iterator(); it.hasNext(); ) {
            long[] line = it.next();
            boolean sameConnection = connection != null && line[2] == connection.number && welcomed;
            if (!sameConnection) {
                it.remove();
                if (ledger != null) {
                    ledger.chatUnconfirmed((int) line[3]);
                }
            } else if (everything || now - line[1] > CHAT_LOST_AFTER_NANOS) {
                it.remove();
                if (ledger != null) {
                    ledger.chatLost((int) line[3]);
                }
            }
        }
    }

    private void expireChats(long now) {
        if (ledger != null && pendingChats.size() > 1) {
            settleChats(now, false);
        } else if (ledger == null) {
            // (a benchmark only measures the round trip; lines that never come back are not kept)
            while (pendingChats.size() > 4) {
                pendingChats.removeFirst();
            }
        }
    }

    /** The bot drops a connection that does not answer, without waiting for a close that may never come. */
    private void giveUp(Connection conn, String why) {
        WebSocket socket = conn.socket;
        if (welcomed) {
            lostConnection(why);
        } else {
            attemptFailed(why, (short) -1);
        }
        if (socket != null && !socket.isClosed()) {
            socket.close((short) 1000, "gave up");
        }
    }

    private void closed(Short code) {
        // (no close frame, as when the server's process died: Vert.x gives no code, the browser 1006)
        String what = "closed_" + (code == null ? "1006" : code);
        if (closing) {
            if (welcomed) {
                metrics.welcomed.decrementAndGet();
                welcomed = false;
            }
            connection = null;
            cancelTimers();
            return;
        }
        metrics.error(what);
        if (welcomed) {
            lostConnection(what);
        } else {
            attemptFailed(what, code == null ? -1 : code);
        }
    }

    /** A welcomed connection is gone (closed by the server, dropped, or given up on). */
    private void lostConnection(String what) {
        long now = System.nanoTime();
        welcomed = false;
        connection = null;
        metrics.welcomed.decrementAndGet();
        metrics.dropped.incrementAndGet();
        cancelTimers();
        if (ledger == null) {
            return;
        }
        if (entryTick >= 0) {
            long ticks = Math.max(0, tickNow(now) - entryTick);
            expectedAfterCut = StepRule.advance(entry[0], entry[1], entry[2], entry[3], ticks, StepRule.STEP);
        }
        ledger.cut(index, what);
        settleChats(now, false);
        retryLater();
    }

    /** A connection attempt that did not get as far as the Welcome. */
    private void attemptFailed(String what, short code) {
        connection = null;
        cancel(welcomeTimer);
        if (!everWelcomed && ledger == null) {
            metrics.error(what.equals("connect_failed") ? what : "never_welcomed_" + what);
            if (code == 4401 && onUnauthorized != null) {
                Consumer<MmoBot> retry = onUnauthorized;
                onUnauthorized = null; // once: a benchmark's bot whose fresh token is refused too has failed
                retry.accept(this);
            } else {
                metrics.joining.decrementAndGet();
                metrics.connectFailed.incrementAndGet();
            }
            return;
        }
        if (ledger == null) {
            return;
        }
        if (!everWelcomed) {
            // still joining (the ramp): it keeps trying, and counts as joining until welcomed
            metrics.error("join_attempt_" + what);
        }
        ledger.failedAttempt(what);
        if (code == 4409) {
            replaced = true; // logged in elsewhere: the web client does not take the session back by itself
            ledger.other("replaced_4409");
            return;
        }
        if (code == 4401 && onUnauthorized != null) {
            ledger.other("relogin_after_4401");
            onUnauthorized.accept(this); // it logs in again and calls loggedInAgain
            return;
        }
        retryLater();
    }

    /** A fresh token after a 4401 (or null: the login failed, the bot tries again later with the old one). */
    void loggedInAgain(Logins.Account fresh) {
        io.vertx.core.Context on = context;
        if (on == null) {
            return;
        }
        on.runOnContext(ignored -> {
            if (fresh != null) {
                account = fresh;
            } else if (ledger != null) {
                ledger.other("relogin_failed");
            }
            if (!everWelcomed && ledger == null) {
                if (fresh == null) {
                    metrics.joining.decrementAndGet();
                    metrics.connectFailed.incrementAndGet();
                    return;
                }
                open();
                return;
            }
            retryLater();
        });
    }

    /** The web client's back-off: half a second doubling up to 15 s, each spread by ± 25 %. */
    static long retryDelayMillis(int attempt, double random) {
        long base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS << Math.min(20, Math.max(0, attempt - 1)));
        return Math.round(base * (0.75 + 0.5 * random));
    }

    private void retryLater() {
        if (closing || replaced) {
            return;
        }
        attempt++;
        retryTimer = vertx.setTimer(retryDelayMillis(attempt, random.nextDouble()), id -> {
            retryTimer = -1;
            open();
        });
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void cancelTimers() {
        cancel(targetTimer);
        cancel(chatTimer);
        cancel(pingTimer);
        cancel(welcomeTimer);
        targetTimer = chatTimer = pingTimer = welcomeTimer = -1;
    }

    /** Closes the connection normally and stops reconnecting; the bot's own event loop runs it. */
    void close() {
        io.vertx.core.Context on = context;
        if (on == null) {
            closing = true;
            return;
        }
        on.runOnContext(ignored -> {
            closing = true;
            cancelTimers();
            cancel(retryTimer);
            Connection conn = connection;
            if (conn != null && conn.socket != null && !conn.socket.isClosed()) {
                conn.socket.close((short) 1000, "bench over");
            }
        });
    }

    /** Runs on the bot's event loop (for what must not race with its handlers). */
    void onLoop(Runnable action) {
        io.vertx.core.Context on = context;
        if (on != null) {
            on.runOnContext(ignored -> action.run());
        }
    }

    io.vertx.core.Context context() {
        return context;
    }

    boolean isWelcomed() {
        return welcomed;
    }
}
