package dev.mmo.gateway.game;

import dev.mmo.shared.link.LinkCredential;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One service as the gateway sees it, for tests: {@code /link} (which beats like a real service's, every
 * {@code beatMillis}; only for a gateway with the link secret, else 401) and {@code /api/**}, which answers with the
 * service's name. While not {@link #accepting} it
 * answers both with 503, as a standby world does. {@link #hang()} makes it behave like a stopped process until
 * {@link #resume()}: its link falls silent (the connection stays open, nothing comes over it, nothing is answered) and
 * new requests are left unanswered.
 */
final class FakeService {

    final String name;
    final AtomicInteger linksOpened = new AtomicInteger();
    final AtomicInteger upgradesRefused = new AtomicInteger();
    volatile boolean accepting = true;
    private volatile boolean hung;
    private final Vertx vertx;
    private final String linkSecret;
    private final long beatMillis;
    private final BlockingQueue<LinkFrame> received;
    /** What the service does with each frame the gateway sends (HEARTBEATs are only recorded). */
    private final BiConsumer<FakeService, LinkFrame> script;

    private HttpServer server;
    private volatile Link link;

    /** One open link. */
    private static final class Link {
        final ServerWebSocket socket;
        /**
         * Its event loop, where every write is made: a message over 64 KiB goes out as several WebSocket frames, and
         * a beat written from another thread could land between them, which the gateway rightly refuses.
         */
        final Context context;

        long beatTimer;

        Link(ServerWebSocket socket, Context context) {
            this.socket = socket;
            this.context = context;
        }
    }

    FakeService(
            String name,
            Vertx vertx,
            String linkSecret,
            long beatMillis,
            BlockingQueue<LinkFrame> received,
            BiConsumer<FakeService, LinkFrame> script) {
        this.name = name;
        this.vertx = vertx;
        this.linkSecret = linkSecret;
        this.beatMillis = beatMillis;
        this.received = received;
        this.script = script;
    }

    FakeService start() {
        server = vertx.createHttpServer()
                .requestHandler(this::request)
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        return this;
    }

    String url() {
        return "http://localhost:" + server.actualPort();
    }

    boolean hasLink() {
        return link != null;
    }

    private void request(HttpServerRequest request) {
        if (hung) {
            return; // a stopped process's kernel takes the connection; nobody answers it
        }
        if (!accepting) {
            if (request.path().equals("/link")) {
                upgradesRefused.incrementAndGet();
            }
            request.response().setStatusCode(503).end();
        } else if (request.path().equals("/link")) {
            if (linkSecret.equals(request.getHeader(LinkCredential.HEADER))) {
                request.toWebSocket().onSuccess(this::linkOpened);
            } else {
                request.response().setStatusCode(401).end();
            }
        } else {
            request.response().putHeader("Content-Type", "application/json").end("{\"service\":\"" + name + "\"}");
        }
    }

    private void linkOpened(ServerWebSocket socket) {
        Link opened = new Link(socket, Vertx.currentContext());
        link = opened;
        linksOpened.incrementAndGet();
        opened.beatTimer = vertx.setPeriodic(beatMillis, ignored -> {
            if (!hung) {
                socket.writeBinaryMessage(LinkFrame.encode(LinkOp.HEARTBEAT, 0, Buffer.buffer()));
            }
        });
        socket.closeHandler(ignored -> {
            vertx.cancelTimer(opened.beatTimer);
            if (link == opened) {
                link = null;
            }
        });
        socket.binaryMessageHandler(bytes -> {
            if (hung) {
                return;
            }
            LinkFrame frame = LinkFrame.decode(bytes);
            received.add(frame);
            if (frame.op() != LinkOp.HEARTBEAT) {
                script.accept(this, frame);
            }
        });
    }

    /** Writes a frame on the current link, in order with the others. */
    void write(Buffer frame) {
        Link current = link;
        if (current == null) {
            throw new AssertionError(name + " has no link open");
        }
        current.context.runOnContext(ignored -> current.socket.writeBinaryMessage(frame));
    }

    /** Stops answering anything, as a process stopped with SIGSTOP: its connections stay open. */
    void hang() {
        hung = true;
    }

    void resume() {
        hung = false;
    }

    /** Drops the link the way a crashed service would. */
    void dropLink() {
        link.socket.close((short) 1011, name + " crashed");
    }
}
