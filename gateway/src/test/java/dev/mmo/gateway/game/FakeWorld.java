package dev.mmo.gateway.game;

import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkCredential;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays world-service's side of the link, so a test sees exactly what the gateway sends over it
 * and can make it receive anything. Like the real world it refuses a link without the link secret (a random one
 * per run, given to the gateway), and it accepts every OPEN with a Welcome.
 * The real world behind the real gateway is covered by the end-to-end tests.
 */
public class FakeWorld implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private HttpServer server;
    private volatile ServerWebSocket link;
    final BlockingQueue<LinkFrame> received = new LinkedBlockingQueue<>();
    final AtomicInteger linksOpened = new AtomicInteger();
    private final String linkSecret = "fake-world-" + UUID.randomUUID() + UUID.randomUUID();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .webSocketHandshakeHandler(handshake -> {
                    if (linkSecret.equals(handshake.headers().get(LinkCredential.HEADER))) {
                        handshake.accept();
                    } else {
                        handshake.reject(401);
                    }
                })
                .webSocketHandler(this::linkOpened)
                .listen(0).toCompletionStage().toCompletableFuture().join();
        Map<String, String> config = new HashMap<>(TestTokens.get().verifierConfig());
        config.put("mmo.link.secret", linkSecret);
        config.put("mmo.gateway.world-url", "http://localhost:" + server.actualPort());
        // no chat-service in these tests: nothing listens on port 1
        config.put("mmo.gateway.chat-url", "http://localhost:1");
        config.put("mmo.gateway.game.auth-timeout", "1s");
        config.put("mmo.gateway.game.link-retry", "200ms");
        config.put("mmo.gateway.game.slow-player-timeout", "1s");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(FakeWorld.class));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void linkOpened(ServerWebSocket socket) {
        link = socket;
        linksOpened.incrementAndGet();
        socket.binaryMessageHandler(bytes -> {
            LinkFrame frame = LinkFrame.decode(bytes);
            received.add(frame);
            if (frame.op() == LinkOp.OPEN) {
                send(LinkOp.ACCEPT, frame.session(), "");
                if (!holdWelcomes) {
                    welcome(frame.session());
                }
            }
        });
    }

    /** While true, an OPEN is accepted but its Welcome waits for {@link #welcome}, as while the world loads an actor. */
    volatile boolean holdWelcomes;

    void welcome(long session) {
        send(LinkOp.SEND, session, "{\"type\":\"Welcome\",\"session\":" + session + "}");
    }

    void send(LinkOp op, long session, String payload) {
        link.writeBinaryMessage(LinkFrame.encode(op, session, payload));
    }

    void broadcast(String payload) {
        link.writeBinaryMessage(LinkFrame.broadcast(Buffer.buffer(payload)));
    }

    void view(long session, int cell) {
        link.writeBinaryMessage(LinkFrame.encode(LinkOp.VIEW, session, Buffer.buffer().appendInt(cell)));
    }

    void news(CellNewsFrames news) {
        link.writeBinaryMessage(LinkFrame.encode(LinkOp.NEWS, 0, news.payload()));
    }

    /** Drops the link the way a crashed world would. */
    void dropLink() {
        link.close((short) 1011, "world crashed");
    }

    /** The next frame the gateway sent of that op, skipping others. */
    LinkFrame nextReceived(LinkOp op, Duration within) throws InterruptedException {
        LinkFrame frame = pollReceived(op, within);
        if (frame == null) {
            throw new AssertionError("the gateway sent no " + op + " within " + within);
        }
        return frame;
    }

    /** Like {@link #nextReceived}, but null when none came in time. */
    LinkFrame pollReceived(LinkOp op, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            LinkFrame frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.op() == op) {
                return frame;
            }
        }
        return null;
    }
}
