package dev.mmo.world.link;

import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.game.ErrorFrame;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkHeartbeat;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.world.core.WorldInput;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One gateway's multiplexed link. What the gateway sends is handled on the link's event loop, which alone touches
 * the session tables here; writes come from any thread (mostly the world loop) and never block. Both ends beat
 * ({@link LinkHeartbeat}): a gateway that sends nothing at all for the silence limit is taken for dead (hung, or cut
 * off without a TCP close) and its link ends as if it had dropped.
 */
final class GatewayLink {

    private static final Logger LOG = Logger.getLogger(GatewayLink.class);
    /**
     * Bytes waiting to be sent above which the link counts as full. Netty's default (64 KiB) is less than one tick's
     * output with thousands of players (about 3 MB at 10,000 spread players), so a gateway a millisecond behind
     * would count as stalled; 32 MiB is several ticks of that, a gateway that is really falling behind.
     */
    private static final int WRITE_QUEUE_BYTES = 32 * 1024 * 1024;
    /** WebSocket's "going away": what a link closed for silence is closed with. */
    private static final int GOING_AWAY = 1001;

    private final ServerWebSocket socket;
    private final Context eventLoop;
    private final LinkEndpoint endpoint;
    private final String name;
    private final LinkHeartbeat heartbeat;

    /** Sessions whose OPEN is being verified. Event loop only. */
    private final Set<Long> verifying = new HashSet<>();
    /** Sessions that were admitted and are not closed yet. Event loop only. */
    private final Map<Long, Session> sessions = new HashMap<>();

    private volatile boolean closed;
    /** Whether the link's sessions have been let go (on close, or at once when the gateway fell silent). */
    private boolean ended;
    /** {@link System#nanoTime()} when the write queue was first seen full, 0 while it is not. */
    private volatile long queueFullSince;

    /** Made on the link's event loop, when the WebSocket opens. */
    GatewayLink(ServerWebSocket socket, LinkEndpoint endpoint) {
        this.socket = socket;
        this.eventLoop = Vertx.currentContext();
        this.endpoint = endpoint;
        this.name = "gateway link from " + socket.remoteAddress();
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        this.heartbeat = new LinkHeartbeat(
                endpoint.vertx(),
                endpoint.linkSettings(),
                () -> write(LinkOp.HEARTBEAT, 0, Buffer.buffer()),
                this::silent);
        socket.binaryMessageHandler(this::received);
        socket.textMessageHandler(text -> {
            heartbeat.heard();
            LOG.warnf("%s sent a text frame; the link carries binary frames", name);
        });
        socket.closeHandler(ignored -> closed());
        socket.exceptionHandler(failure -> LOG.debugf("%s failed: %s", name, failure.toString()));
        heartbeat.start();
        LOG.infof("%s open", name);
    }

    private void received(Buffer bytes) {
        heartbeat.heard();
        LinkFrame frame;
        try {
            frame = LinkFrame.decode(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s sent a frame that is not ours: %s", name, e.getMessage());
            return;
        }
        switch (frame.op()) {
            case OPEN -> open(frame.session(), frame.payloadText());
            case FRAME -> clientFrame(frame.session(), frame.payload());
            case CLOSED -> sessionClosed(frame.session());
            case HEARTBEAT -> {} // heard above
            default -> LOG.warnf("%s sent %s, which only the world sends", name, frame.op());
        }
    }

    private void open(long id, String token) {
        if (verifying.contains(id) || sessions.containsKey(id)) {
            LOG.warnf("%s opened session %d twice; ignored", name, id);
            return;
        }
        if (verifying.size() + sessions.size() >= endpoint.maxSessionsPerLink()) {
            endpoint.metrics().sessionRefused();
            kick(id, CloseCodes.TRY_AGAIN_LATER, "this gateway's link to the world is full; try again shortly");
            return;
        }
        verifying.add(id);
        endpoint.admission().decide(token).onComplete(result -> {
            if (!verifying.remove(id)) {
                return; // CLOSED arrived, or the link dropped, while the token was checked
            }
            Admission.Decision decision = result.succeeded() ? result.result() : Admission.UNAVAILABLE;
            switch (decision) {
                case Admission.Admitted admitted -> {
                    Session session = new Session(this, id, admitted.stored().actorId());
                    sessions.put(id, session);
                    endpoint.listener().joined(session, admitted.stored());
                }
                case Admission.Refused refused -> kick(id, refused.closeCode(), refused.reason());
            }
        });
    }

    private void clientFrame(long id, Buffer payload) {
        Session session = sessions.get(id);
        if (session == null) {
            // the gateway forwards frames of accepted sessions only; this one just closed
            LOG.debugf("%s sent a frame for session %d, which is not open", name, id);
            return;
        }
        switch (ClientFrames.parse(payload, endpoint.rules())) {
            case ClientFrames.Walk walk -> {
                if (session.offerTarget(new WorldInput.Target(session.actorId(), walk.x(), walk.y()))) {
                    endpoint.listener().targetPending(session);
                } else {
                    endpoint.metrics().inputDropped("superseded");
                }
            }
            case ClientFrames.Rejected rejected -> {
                endpoint.metrics().inputDropped(rejected.code());
                session.send(ErrorFrame.encode(rejected.code(), rejected.message()));
            }
        }
    }

    private void sessionClosed(long id) {
        if (verifying.remove(id)) {
            return;
        }
        Session session = sessions.remove(id);
        if (session != null) {
            endpoint.listener().closed(session);
        }
    }

    private void closed() {
        closed = true;
        end("closed");
    }

    /** The gateway sent nothing for the silence limit: its sessions leave now, and the link is closed. */
    private void silent() {
        LOG.warnf("%s sent nothing for %s (a hung or cut-off gateway); closing it", name, heartbeat.silence());
        endpoint.metrics().linkSilent();
        close(GOING_AWAY, "no heartbeat");
        // a hung gateway does not answer the close, and the TCP close may take a while: let its players go now
        end("silent");
    }

    /** Lets every session of this link leave the world, once. On the event loop. */
    private void end(String why) {
        if (ended) {
            return;
        }
        ended = true;
        heartbeat.stop();
        endpoint.forget(this);
        verifying.clear();
        List<Session> gone = List.copyOf(sessions.values());
        sessions.clear();
        LOG.infof("%s %s; its %d sessions leave", name, why, gone.size());
        endpoint.listener().linkClosed(gone);
    }

    /** Any thread. A kick ends the session: the gateway closes the player and sends no CLOSED for it. */
    void kick(long session, int closeCode, String reason) {
        write(LinkOp.KICK, session, Buffer.buffer((closeCode + " " + reason).getBytes(StandardCharsets.UTF_8)));
        eventLoop.runOnContext(ignored -> sessions.remove(session));
    }

    void write(LinkOp op, long session, Buffer payload) {
        writeFrame(op, LinkFrame.encode(op, session, payload));
    }

    /**
     * Writes a framed message as it is (the same buffer may go to several links). Any thread; never blocks. A message
     * over the WebSocket frame size (64 KiB: a tick's news at a few thousand players) leaves as several frames, each
     * handed to the event loop on its own when written from another thread; the heartbeat, written on the event loop,
     * could then land between two of them and break the message for the gateway. So every write happens on the
     * link's event loop, a whole message in one step.
     */
    void writeFrame(LinkOp op, Buffer frame) {
        if (Vertx.currentContext() == eventLoop) {
            writeOnEventLoop(op, frame);
        } else if (!closed) {
            eventLoop.runOnContext(ignored -> writeOnEventLoop(op, frame));
        }
    }

    private void writeOnEventLoop(LinkOp op, Buffer frame) {
        if (closed) {
            return;
        }
        try {
            if (socket.writeQueueFull()) {
                stillFull();
                if (closed) {
                    return; // stillFull() gave up on this link
                }
            } else if (queueFullSince != 0) {
                queueFullSince = 0;
                LOG.infof("%s caught up", name);
            }
            socket.writeBinaryMessage(frame);
        } catch (IllegalStateException e) {
            // closed under us (by the gateway, or by close() below) before the close handler ran: nothing to send
            // to any more; both the queue check and the write say so by throwing, and a throw here would fail the
            // world's tick (and with it the world, which stops on a failed tick)
            closed = true;
            return;
        }
        endpoint.metrics().sent(op, frame.length());
    }

    /** Vert.x buffers the write anyway; a gateway that stays behind is cut off rather than buffered forever. */
    private void stillFull() {
        endpoint.metrics().writeWhileFull();
        long now = System.nanoTime();
        long since = queueFullSince;
        if (since == 0) {
            queueFullSince = now;
            LOG.warnf("%s is not keeping up: its write queue is full; buffering", name);
        } else if (now - since > endpoint.stallTimeout().toNanos()) {
            LOG.errorf("%s has been full for over %s; closing it", name, endpoint.stallTimeout());
            close(CloseCodes.TRY_AGAIN_LATER, "link stalled");
        }
    }

    void close(int code, String reason) {
        if (!closed) {
            closed = true; // write nothing more: the close handler still runs and lets the link's sessions leave
            socket.close((short) code, reason);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
