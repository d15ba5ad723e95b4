package dev.mmo.gateway.game;

import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays the services' side of the gateway's links, so a test sees exactly what the gateway sends over them and can
 * make it receive anything: two world-services, of which one owns the world and the other is a standby that answers
 * 503 (the gateway is given both, the standby first), and a chat-service. Like the real ones they refuse a link
 * without the link secret (a random one per run, given to the gateway), accept every OPEN (the world with a Welcome)
 * and beat. The real services behind the real gateway are covered by
 * the end-to-end tests.
 */
public class FakeWorld implements QuarkusTestResourceLifecycleManager {

    /** Both ends beat this often here (a second in production), so that silence is noticed within a test's wait. */
    static final long BEAT_MILLIS = 100;

    static final Duration SILENCE_LIMIT = Duration.ofMillis(1500);

    private Vertx vertx;
    private final String linkSecret = "fake-services-" + UUID.randomUUID() + UUID.randomUUID();
    /** What the gateway sent to the world, whichever of the two it is linked to. */
    final BlockingQueue<LinkFrame> received = new LinkedBlockingQueue<>();
    /** What the gateway sent to chat. */
    final BlockingQueue<LinkFrame> chatReceived = new LinkedBlockingQueue<>();
    /** The world-service that owns the world at first; {@link #standby} takes over in {@link #handOver()}. */
    FakeService owner;

    FakeService standby;
    FakeService chat;
    /** While true, the JWKS answers 503, as when auth-service is down. */
    volatile boolean keysDown;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        owner = new FakeService("world-a", vertx, linkSecret, BEAT_MILLIS, received, this::worldAnswers).start();
        standby = new FakeService("world-b", vertx, linkSecret, BEAT_MILLIS, received, this::worldAnswers).start();
        standby.accepting = false;
        chat = new FakeService("chat", vertx, linkSecret, BEAT_MILLIS, chatReceived, (service, frame) -> {
                    if (frame.op() == LinkOp.OPEN) {
                        service.write(LinkFrame.encode(LinkOp.ACCEPT, frame.session(), ""));
                    }
                })
                .start();
        String jwks = TestTokens.get().jwks();
        HttpServer keys = vertx.createHttpServer()
                .requestHandler(request -> {
                    if (keysDown) {
                        request.response().setStatusCode(503).end();
                    } else {
                        request.response()
                                .putHeader("Content-Type", "application/json")
                                .end(jwks);
                    }
                })
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        Map<String, String> config = new HashMap<>();
        config.put("mmo.auth.jwks-url", "http://localhost:" + keys.actualPort() + "/api/auth/jwks");
        // a token naming a key the gateway does not know makes it fetch the keys again: at once, in these tests
        config.put("mmo.auth.jwks.refetch-interval", "100ms");
        config.put("mmo.link.secret", linkSecret);
        config.put("mmo.gateway.world-url", standby.url() + "," + owner.url());
        config.put("mmo.gateway.chat-url", chat.url());
        config.put("mmo.gateway.game.auth-timeout", "1s");
        config.put("mmo.gateway.game.link-retry-first", "50ms");
        config.put("mmo.gateway.game.link-retry-max", "400ms");
        config.put("mmo.gateway.game.slow-player-timeout", "1s");
        config.put("mmo.link.heartbeat-interval", BEAT_MILLIS + "ms");
        config.put("mmo.link.silence-limit", SILENCE_LIMIT.toMillis() + "ms");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(FakeWorld.class));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        }
    }

    private void worldAnswers(FakeService world, LinkFrame frame) {
        if (frame.op() == LinkOp.OPEN) {
            world.write(LinkFrame.encode(LinkOp.ACCEPT, frame.session(), ""));
            if (!holdWelcomes) {
                welcome(frame.session());
            }
        }
    }

    /** The world-service the gateway is linked to now. */
    FakeService linkedWorld() {
        return standby.hasLink() ? standby : owner;
    }

    /** Links the gateway has opened to either world-service. */
    int worldLinksOpened() {
        return owner.linksOpened.get() + standby.linksOpened.get();
    }

    /**
     * The standby takes over the world and the old owner becomes a standby: its link drops, as when the owner's
     * process dies and the other takes the world's lock.
     */
    void handOver() {
        FakeService old = owner;
        owner = standby;
        standby = old;
        owner.accepting = true;
        standby.accepting = false;
        if (standby.hasLink()) {
            standby.dropLink();
        }
    }

    /** While true, an OPEN is accepted but its Welcome waits for {@link #welcome}, as while the world loads an actor. */
    volatile boolean holdWelcomes;

    void welcome(long session) {
        send(LinkOp.SEND, session, "{\"type\":\"Welcome\",\"session\":" + session + "}");
    }

    void send(LinkOp op, long session, String payload) {
        linkedWorld().write(LinkFrame.encode(op, session, payload));
    }

    void broadcast(String payload) {
        linkedWorld().write(LinkFrame.broadcast(Buffer.buffer(payload)));
    }

    void view(long session, int cell) {
        linkedWorld()
                .write(LinkFrame.encode(LinkOp.VIEW, session, Buffer.buffer().appendInt(cell)));
    }

    void news(CellNewsFrames news) {
        linkedWorld().write(LinkFrame.encode(LinkOp.NEWS, 0, news.payload()));
    }

    /** Drops the link the way a crashed world would. */
    void dropLink() {
        linkedWorld().dropLink();
    }

    /** The next frame the gateway sent to the world of that op, skipping others. */
    LinkFrame nextReceived(LinkOp op, Duration within) throws InterruptedException {
        return next(received, op, within);
    }

    /** Like {@link #nextReceived}, but null when none came in time. */
    LinkFrame pollReceived(LinkOp op, Duration within) throws InterruptedException {
        return poll(received, op, within);
    }

    /** The next frame the gateway sent to chat of that op, skipping others. */
    LinkFrame nextChatReceived(LinkOp op, Duration within) throws InterruptedException {
        return next(chatReceived, op, within);
    }

    /** Like {@link #nextChatReceived}, but null when none came in time. */
    LinkFrame pollChatReceived(LinkOp op, Duration within) throws InterruptedException {
        return poll(chatReceived, op, within);
    }

    private static LinkFrame next(BlockingQueue<LinkFrame> queue, LinkOp op, Duration within)
            throws InterruptedException {
        LinkFrame frame = poll(queue, op, within);
        if (frame == null) {
            throw new AssertionError("the gateway sent no " + op + " within " + within);
        }
        return frame;
    }

    private static LinkFrame poll(BlockingQueue<LinkFrame> queue, LinkOp op, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            LinkFrame frame = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.op() == op) {
                return frame;
            }
        }
        return null;
    }
}
