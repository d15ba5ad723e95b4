package dev.mmo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A scripted player on the game connection, for tests: it sends frames and reads the server's
 * messages one by one (a server frame that is a JSON array counts as its messages in order).
 */
public final class GameClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();
    /** Batched frames of a busy test (a welcome in a crowd, many chat lines) can exceed Vert.x's 64 KiB default. */
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(MAX_MESSAGE_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES));

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger framesReceived = new AtomicInteger();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private GameClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(this::received);
        socket.closeHandler(
                ignored -> closeCode.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode()));
    }

    /** Opens the game connection at a {@code ws://host:port/ws} address. */
    public static GameClient connect(URI address) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(address.getHost())
                .setPort(address.getPort())
                .setURI(address.getPath());
        WebSocket socket = CLIENT.connect(options)
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return new GameClient(socket);
    }

    /** Connects and authenticates; the caller reads Welcome and the rest. */
    public static GameClient join(URI address, String token) {
        GameClient client = connect(address);
        client.send(JSON.createObjectNode().put("type", "Auth").put("token", token));
        return client;
    }

    public void send(String text) {
        socket.writeTextMessage(text);
    }

    public void send(JsonNode frame) {
        send(frame.toString());
    }

    public void target(double x, double y) {
        ObjectNode frame =
                JSON.createObjectNode().put("type", "Target").put("x", x).put("y", y);
        send(frame);
    }

    /** The next message, or a failed assertion when none comes in time. */
    public JsonNode next(Duration within) {
        try {
            JsonNode message = messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message from the server within " + within);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a message", e);
        }
    }

    /**
     * The next message, or null when the server closes the connection before it sends one (a gateway that cannot
     * take players yet closes them at once); a failed assertion when neither happens in time.
     */
    public JsonNode nextOrNullOnClose(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                JsonNode message = messages.poll(20, TimeUnit.MILLISECONDS);
                if (message != null) {
                    return message;
                }
                if (closeCode.isDone()) {
                    return messages.poll(); // one that came just before the close
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no message from the server and no close within " + within);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a message", e);
        }
    }

    /** The next message of that type; messages of other types before it are skipped. */
    public JsonNode next(String type, Duration within) {
        return next(message -> type.equals(message.path("type").asText()), within, type);
    }

    /** The next message that matches; others before it are skipped. */
    public JsonNode next(Predicate<JsonNode> wanted, Duration within, String description) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + description + " from the server within " + within);
            }
            JsonNode message = next(Duration.ofNanos(left));
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /**
     * Every message up to and including the next one that matches, in order: with a marker that must arrive (a frame
     * the server answers, sent after the waiting is over), what came before it is everything that was on its way.
     */
    public List<JsonNode> nextUpTo(Predicate<JsonNode> marker, Duration within, String description) {
        List<JsonNode> read = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (read.isEmpty() || !marker.test(read.getLast())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "no " + description + " from the server within " + within + "; before it: " + read);
            }
            try {
                JsonNode message = messages.poll(left, TimeUnit.NANOSECONDS);
                if (message != null) {
                    read.add(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description, e);
            }
        }
        return read;
    }

    /** Every message that arrives until the server has been quiet for {@code quiet}. */
    public List<JsonNode> drain(Duration quiet) {
        List<JsonNode> drained = new ArrayList<>();
        try {
            JsonNode message;
            while ((message = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                drained.add(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** Stops reading from the socket, as a client on a stalled network would: what the server sends piles up. */
    public void pauseReading() {
        socket.pause();
    }

    /** WebSocket frames received so far (a batched frame counts once). */
    public int framesReceived() {
        return framesReceived.get();
    }

    /** The close code the server closed with, or a failed assertion when it stays open. */
    public int awaitClose(Duration within) {
        try {
            return closeCode.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the connection within " + within, e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!closeCode.isDone()) {
            socket.close();
        }
    }

    private void received(String text) {
        framesReceived.incrementAndGet();
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (Exception e) {
            throw new UncheckedIOException(new java.io.IOException("server sent non-JSON: " + text, e));
        }
        if (frame.isArray()) {
            frame.forEach(messages::add);
        } else {
            messages.add(frame);
        }
    }
}
