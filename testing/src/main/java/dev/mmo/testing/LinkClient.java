package dev.mmo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkCredential;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkHeartbeat;
import dev.mmo.shared.link.LinkOp;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A scripted gateway on a service's {@code /link}, for tests: it opens, feeds and closes player sessions the way
 * the gateway does (see {@link LinkFrame}) and reads what the service sends back, frame by frame, as the gateway
 * would receive it. Like a gateway it presents the link credential (the {@code mmo.link.secret} of the service
 * under test, unless told otherwise) and beats every second, so the service keeps it; the service's own
 * HEARTBEATs are counted ({@link #heartbeatsHeard()}) and kept out of what the tests read.
 */
public final class LinkClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();
    /** As large as the gateway's: a broadcast carries many players' changes. */
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(MAX_MESSAGE_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES));

    /** As the gateway's (mmo.link.* defaults): a beat a second; a service silent for 3 s no longer hears ours. */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(3);

    private final WebSocket socket;
    /** Where the heartbeat runs: one event loop, so that starting and stopping it never race. */
    private final Context heartbeatLoop = VERTX.getOrCreateContext();

    private final LinkHeartbeat heartbeat;
    private final AtomicInteger heartbeatsHeard = new AtomicInteger();
    private final BlockingQueue<LinkFrame> unread = new LinkedBlockingQueue<>();
    private final List<LinkFrame> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** The cell each session hears, as VIEW frames set it; the link's event loop only. */
    private final Map<Long, Integer> views = new HashMap<>();
    /** For each NEWS frame, the cells the sessions heard when it came: what a gateway hands to whom. */
    private final Map<LinkFrame, Map<Long, Integer>> viewsAtNews = Collections.synchronizedMap(new IdentityHashMap<>());

    private LinkClient(WebSocket socket) {
        this.socket = socket;
        this.heartbeat = new LinkHeartbeat(VERTX, HEARTBEAT_INTERVAL, SILENCE_LIMIT, this::beat, () -> {});
        socket.binaryMessageHandler(bytes -> {
            heartbeat.heard();
            LinkFrame frame = LinkFrame.decode(bytes.copy());
            if (frame.op() == LinkOp.HEARTBEAT) {
                heartbeatsHeard.incrementAndGet();
                return;
            }
            if (frame.op() == LinkOp.VIEW) {
                views.put(frame.session(), frame.payload().getInt(0));
            } else if (frame.op() == LinkOp.NEWS) {
                viewsAtNews.put(frame, Map.copyOf(views));
            }
            synchronized (received) {
                received.add(frame);
            }
            unread.add(frame);
        });
        socket.closeHandler(ignored -> {
            stopBeating();
            closeCode.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode());
        });
        heartbeatLoop.runOnContext(ignored -> heartbeat.start());
    }

    private void beat() {
        try {
            write(LinkOp.HEARTBEAT, 0, Buffer.buffer());
        } catch (IllegalStateException closed) {
            // the link closed between two beats; the close handler stops the heartbeat
        }
    }

    /**
     * Opens the link at a service's base address ({@code http://host:port}) with the credential of the service under
     * test: {@code mmo.link.secret} of the running Quarkus application's config.
     */
    public static LinkClient connect(URI service) {
        return connect(service, configuredSecret());
    }

    /** Opens the link presenting this secret; null presents no credential at all. */
    public static LinkClient connect(URI service, String secret) {
        WebSocket socket = CLIENT.connect(upgrade(service, secret))
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return new LinkClient(socket);
    }

    /**
     * Tries to open the link presenting this secret (null: none) and returns the HTTP status the service refused
     * the upgrade with; a failed assertion when the upgrade succeeds (the link is closed again) or anything else goes
     * wrong.
     */
    public static int refusedUpgrade(URI service, String secret) {
        try {
            WebSocket opened = CLIENT.connect(upgrade(service, secret))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            opened.close();
            throw new AssertionError("the service accepted the upgrade");
        } catch (CompletionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw new AssertionError("the upgrade failed for another reason than a refusal", e.getCause());
        }
    }

    /** The secret the service under test expects ({@code mmo.link.secret}). */
    public static String configuredSecret() {
        return ConfigProvider.getConfig()
                .getOptionalValue("mmo.link.secret", String.class)
                .orElseThrow(() -> new IllegalStateException("mmo.link.secret is not set for the tests"
                        + " (the test profile's mmo.link.secret in the service's application.properties)"));
    }

    private static WebSocketConnectOptions upgrade(URI service, String secret) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(service.getHost())
                .setPort(service.getPort())
                .setURI("/link");
        if (secret != null) {
            options.addHeader(LinkCredential.HEADER, secret);
        }
        return options;
    }

    /**
     * Stops beating, as a gateway that hangs (its TCP connection stays open): the service should close this link
     * once it has heard nothing for its silence limit.
     */
    public void stopBeating() {
        heartbeatLoop.runOnContext(ignored -> heartbeat.stop());
    }

    /** The HEARTBEATs the service has sent so far. */
    public int heartbeatsHeard() {
        return heartbeatsHeard.get();
    }

    /** OPEN: a player with this token wants in. */
    public void open(long session, String token) {
        write(LinkOp.OPEN, session, Buffer.buffer(token));
    }

    /** FRAME: a client frame of that session, as the player sent it. */
    public void frame(long session, String clientJson) {
        write(LinkOp.FRAME, session, Buffer.buffer(clientJson));
    }

    /** CLOSED: the player's connection is gone. */
    public void closed(long session) {
        write(LinkOp.CLOSED, session, Buffer.buffer());
    }

    private void write(LinkOp op, long session, Buffer payload) {
        socket.writeBinaryMessage(LinkFrame.encode(op, session, payload));
    }

    /** The next frame not read yet, or a failed assertion when none comes in time. */
    public LinkFrame next(Duration within) {
        try {
            LinkFrame frame = unread.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("the service sent no frame within " + within);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a frame", e);
        }
    }

    /** The next unread frame that matches; unread frames before it are skipped. */
    public LinkFrame next(Predicate<LinkFrame> wanted, Duration within, String description) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the service sent no " + description + " within " + within);
            }
            LinkFrame frame;
            try {
                frame = next(Duration.ofNanos(left));
            } catch (AssertionError e) {
                throw new AssertionError("the service sent no " + description + " within " + within, e);
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The next unread frame of that op for that session (sessions are ignored for BROADCAST). */
    public LinkFrame next(LinkOp op, long session, Duration within) {
        return next(
                frame -> frame.op() == op && (!op.hasSession() || frame.session() == session),
                within,
                op + (op.hasSession() ? " for session " + session : ""));
    }

    /**
     * The next unread SEND, BROADCAST or NEWS frame whose messages (for NEWS: those of any cell) include one that
     * matches; returns that message.
     */
    public JsonNode nextMessage(Predicate<JsonNode> wanted, Duration within, String description) {
        JsonNode[] found = new JsonNode[1];
        next(
                frame -> {
                    found[0] =
                            messages(frame).stream().filter(wanted).findFirst().orElse(null);
                    return found[0] != null;
                },
                within,
                description);
        return found[0];
    }

    /** Like {@link #nextMessage}, among what a gateway would write to that one session ({@link #messagesFor}). */
    public JsonNode nextMessageFor(long session, Predicate<JsonNode> wanted, Duration within, String description) {
        JsonNode[] found = new JsonNode[1];
        next(
                frame -> {
                    found[0] = messagesFor(frame, session).stream()
                            .filter(wanted)
                            .findFirst()
                            .orElse(null);
                    return found[0] != null;
                },
                within,
                description + " for session " + session);
        return found[0];
    }

    /**
     * The messages a gateway writes to that session from this frame: a SEND to it, a BROADCAST, or the frame of
     * the cell it heard when NEWS came (none when it heard no cell or that cell had no news).
     */
    public List<JsonNode> messagesFor(LinkFrame frame, long session) {
        return switch (frame.op()) {
            case SEND -> frame.session() == session ? messages(frame) : List.of();
            case BROADCAST -> messages(frame);
            case NEWS -> {
                Integer cell = viewsAtNews.getOrDefault(frame, Map.of()).get(session);
                List<JsonNode> messages = new ArrayList<>();
                if (cell != null) {
                    CellNewsFrames.forEach(frame.payload(), (newsCell, bytes) -> {
                        if (newsCell.equals(cell)) {
                            messages.addAll(parse(bytes));
                        }
                    });
                }
                yield messages;
            }
            default -> List.of();
        };
    }

    /** The cell the session hears after the frames received so far, or null before its VIEW. */
    public Integer viewOf(long session) {
        Integer[] cell = new Integer[1];
        for (LinkFrame frame : received()) {
            if (frame.op() == LinkOp.VIEW && frame.session() == session) {
                cell[0] = frame.payload().getInt(0);
            }
        }
        return cell[0];
    }

    /** Every unread frame that arrives until the service has been quiet for {@code quiet}. */
    public List<LinkFrame> drain(Duration quiet) {
        List<LinkFrame> drained = new ArrayList<>();
        try {
            LinkFrame frame;
            while ((frame = unread.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                drained.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** Every frame received so far, read or not, in order. */
    public List<LinkFrame> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * The messages a SEND or BROADCAST frame carries (the payload's object, or the objects of its array), or every
     * different message of a NEWS frame's cells; none for the other ops.
     */
    public static List<JsonNode> messages(LinkFrame frame) {
        return switch (frame.op()) {
            case SEND, BROADCAST -> parse(frame.payload());
            case NEWS -> {
                Set<JsonNode> distinct = new LinkedHashSet<>();
                CellNewsFrames.forEach(frame.payload(), (cell, bytes) -> distinct.addAll(parse(bytes)));
                yield List.copyOf(distinct);
            }
            default -> List.of();
        };
    }

    private static List<JsonNode> parse(Buffer utf8Json) {
        String text = utf8Json.toString(StandardCharsets.UTF_8);
        JsonNode payload;
        try {
            payload = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the service sent a payload that is not JSON: " + text, e);
        }
        List<JsonNode> messages = new ArrayList<>();
        if (payload.isArray()) {
            payload.forEach(messages::add);
        } else {
            messages.add(payload);
        }
        return messages;
    }

    /** The close code the service closed the link with, or a failed assertion when it stays open. */
    public int awaitClose(Duration within) {
        try {
            return closeCode.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the service did not close the link within " + within, e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Closes the link the way a gateway that stops does; the service ends every session it carried. */
    @Override
    public void close() {
        if (!closeCode.isDone()) {
            socket.close((short) 1001, "gateway stopping")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        }
    }
}
