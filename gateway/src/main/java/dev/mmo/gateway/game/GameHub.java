package dev.mmo.gateway.game;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.gateway.GatewayConfig;
import dev.mmo.gateway.link.LinkListener;
import dev.mmo.gateway.link.ServiceLink;
import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.game.ErrorFrame;
import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.shared.link.LinkSettings;
import dev.mmo.shared.token.PlayerTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The game connection {@code /ws}: authenticates players, routes their frames by {@code type} to
 * the service that owns them over that service's single link, and writes what the services send
 * back — a broadcast's or a cell's bytes once encoded by the service, written as they are to every
 * player who hears them. What others did is gathered per player and written once per batch
 * interval, so a player costs a few writes per second however busy its surroundings. The links'
 * event loops only read and hand out: each player's frames go to the event loop of its socket
 * ({@link LoopFanout}), which queues and writes them.
 */
@ApplicationScoped
public class GameHub implements LinkListener {

    private static final Logger LOG = Logger.getLogger(GameHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig.Game rules;
    private final PlayerTokens tokens;
    private final Vertx vertx;
    private final ServiceLink world;
    private final ServiceLink chat;
    /** Which service owns each client frame type; Auth and Ping are answered here. */
    private final Map<String, ServiceLink> routes;
    private final AtomicLong nextSessionId = new AtomicLong();
    private final Map<Long, PlayerSession> sessions = new ConcurrentHashMap<>();
    private final Map<ServiceLink, Set<PlayerSession>> acceptedBy = new ConcurrentHashMap<>();
    /** The sessions and outboxes of each event loop that serves players, by its thread. */
    private final Map<Thread, LoopFanout> loops = new ConcurrentHashMap<>();

    public GameHub(GatewayConfig config, PlayerTokens tokens, Vertx vertx, MeterRegistry metrics, LinkSettings links) {
        this.rules = config.game();
        this.tokens = tokens;
        this.vertx = vertx;
        this.world = new ServiceLink("world", config.worldUrl(), vertx, rules.linkRetry(), this, links);
        this.chat = new ServiceLink("chat", config.chatUrl(), vertx, rules.linkRetry(), this, links);
        this.routes = Map.of("Target", world, "Chat", chat);
        acceptedBy.put(world, ConcurrentHashMap.newKeySet());
        acceptedBy.put(chat, ConcurrentHashMap.newKeySet());
        metrics.gaugeMapSize("mmo.gateway.sessions", List.of(), sessions);
    }

    void start(@Observes StartupEvent started) {
        world.start();
        chat.start();
    }

    /** The fan-out of the event loop this runs on; made, with its flush timer, on the loop's first player. */
    private LoopFanout currentLoop() {
        return loops.computeIfAbsent(Thread.currentThread(), thread -> {
            LoopFanout loop = new LoopFanout(Vertx.currentContext(), this::hearsBroadcasts);
            loop.startFlushing(rules.batchInterval().toMillis());
            return loop;
        });
    }

    /**
     * Chat lines and the online count go to players of that link once the world has welcomed them (a closed session
     * queues nothing, see {@link PlayerSession#queue}).
     */
    private boolean hearsBroadcasts(PlayerSession session, ServiceLink link) {
        return session.welcomed && acceptedBy.get(link).contains(session);
    }

    void stop(@Observes ShutdownEvent stopping) {
        loops.values().forEach(LoopFanout::stopFlushing);
        sessions.values().forEach(session -> session.close(CloseCodes.SERVICE_RESTART, "gateway restarting"));
        world.stop();
        chat.stop();
    }

    void routes(@Observes Router router) {
        router.route("/ws").handler(ctx -> ctx.request().toWebSocket()
                .onSuccess(this::connected)
                .onFailure(failure -> LOG.debugf("websocket upgrade refused: %s", failure.getMessage())));
    }

    private void connected(ServerWebSocket socket) {
        LoopFanout loop = currentLoop();
        PlayerSession session = new PlayerSession(nextSessionId.incrementAndGet(), socket, loop,
                new RateLimit(rules.framesPerSecond(), System.nanoTime()), rules.slowPlayerTimeout(), this::ended);
        sessions.put(session.id, session);
        loop.add(session);
        session.authTimer = vertx.setTimer(rules.authTimeout().toMillis(), ignored -> {
            if (session.state == PlayerSession.State.AWAITING_AUTH) {
                session.close(CloseCodes.UNAUTHORIZED, "no Auth frame in time");
            }
        });
        socket.frameHandler(frame -> {
            // checked per frame, before any reassembly, so a huge message is refused at its first frame
            if (frame.binaryData().length() > rules.maxFrameBytes()) {
                session.close(CloseCodes.TOO_BIG, "frame over " + rules.maxFrameBytes() + " bytes");
            }
        });
        socket.textMessageHandler(text -> received(session, text));
        socket.binaryMessageHandler(bytes -> session.send(ServerFrames.error(ErrorFrame.BAD_REQUEST, "Frames are JSON text.")));
        socket.closeHandler(ignored -> session.end());
        socket.exceptionHandler(failure -> LOG.debugf("session %d failed: %s", session.id, failure.toString()));
    }

    private void received(PlayerSession session, String text) {
        if (session.state == PlayerSession.State.CLOSED) {
            return;
        }
        if (text.length() > rules.maxFrameBytes()) {
            session.close(CloseCodes.TOO_BIG, "frame over " + rules.maxFrameBytes() + " bytes");
            return;
        }
        if (!session.rateLimit.tryPass(System.nanoTime())) {
            if (session.rateLimit.rejectedInARow() > rules.maxRejectedInARow()) {
                session.close(CloseCodes.POLICY_VIOLATION, "too many frames");
            } else {
                session.send(ServerFrames.error(ErrorFrame.RATE_LIMITED, "Too many frames; this one was dropped."));
            }
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            refuse(session, ErrorFrame.BAD_REQUEST, "A frame is a JSON object with a string \"type\".");
            return;
        }
        String type = frame.get("type").asText();
        switch (type) {
            case "Auth" -> authenticate(session, frame);
            case "Ping" -> session.send(ServerFrames.pong(frame.path("t")));
            default -> forward(session, type, text);
        }
    }

    private void authenticate(PlayerSession session, JsonNode frame) {
        if (session.state != PlayerSession.State.AWAITING_AUTH) {
            session.send(ServerFrames.error(ErrorFrame.BAD_REQUEST, "This session is already authenticated."));
            return;
        }
        JsonNode token = frame.path("token");
        if (!token.isTextual() || token.asText().isEmpty()) {
            session.close(CloseCodes.UNAUTHORIZED, "Auth needs a token");
            return;
        }
        session.state = PlayerSession.State.VERIFYING;
        vertx.cancelTimer(session.authTimer);
        vertx.executeBlocking(() -> tokens.verify(token.asText()), false).onComplete(result -> {
            if (session.state != PlayerSession.State.VERIFYING) {
                return; // the player left while the token was checked
            }
            if (result.failed()) {
                LOG.warnf(result.cause(), "could not check the token of session %d", session.id);
            }
            if (result.failed() || result.result().isEmpty()) {
                session.close(CloseCodes.UNAUTHORIZED, "bad or expired token");
                return;
            }
            session.actorId = result.result().get().actorId();
            session.token = Buffer.buffer(token.asText());
            session.state = PlayerSession.State.OPENING;
            session.openedAtServices = true;
            if (!world.send(LinkOp.OPEN, session.id, session.token)) {
                session.close(CloseCodes.TRY_AGAIN_LATER, "the world is not reachable; try again shortly");
                return;
            }
            // chat is optional for playing: while it is down, Chat frames are answered with chat_unavailable
            chat.send(LinkOp.OPEN, session.id, session.token);
        });
    }

    private void forward(PlayerSession session, String type, String text) {
        ServiceLink owner = routes.get(type);
        if (owner == null) {
            refuse(session, ErrorFrame.BAD_REQUEST, "Unknown frame type \"" + type + "\".");
        } else if (session.state != PlayerSession.State.PLAYING) {
            refuse(session, ErrorFrame.NOT_JOINED, "Send Auth and wait for Welcome first.");
        } else if (!acceptedBy.get(owner).contains(session)
                || !owner.send(LinkOp.FRAME, session.id, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)))) {
            // not accepted yet (chat checks the token after the world did) or the link is down
            refuse(session, owner.name() + "_unavailable", "The " + owner.name() + " is not reachable right now.");
        }
    }

    private void refuse(PlayerSession session, String code, String message) {
        if (session.state == PlayerSession.State.AWAITING_AUTH) {
            session.close(CloseCodes.UNAUTHORIZED, "the first frame must be Auth");
        } else {
            session.send(ServerFrames.error(code, message));
        }
    }

    /** Once per session, on any thread: the gateway closed it, or the client went away. */
    private void ended(PlayerSession session) {
        vertx.cancelTimer(session.authTimer);
        sessions.remove(session.id);
        acceptedBy.values().forEach(accepted -> accepted.remove(session));
        session.loop.execute(() -> session.loop.remove(session));
        if (session.openedAtServices) {
            world.send(LinkOp.CLOSED, session.id, Buffer.buffer());
            chat.send(LinkOp.CLOSED, session.id, Buffer.buffer());
        }
    }

    /** On the link's event loop: what concerns one player is handed to its socket's loop, in order. */
    @Override
    public void onFrame(ServiceLink link, LinkFrame frame) {
        if (frame.op() == LinkOp.BROADCAST) {
            Buffer payload = frame.payload();
            loops.values().forEach(loop -> loop.execute(() -> loop.broadcast(link, payload)));
            return;
        }
        if (frame.op() == LinkOp.NEWS) {
            news(link, frame.payload());
            return;
        }
        PlayerSession session = sessions.get(frame.session());
        if (session == null) {
            return; // the player left while the frame was under way; the service hears CLOSED
        }
        session.loop.execute(() -> forSession(link, session, frame));
    }

    /** On the session's event loop. */
    private void forSession(ServiceLink link, PlayerSession session, LinkFrame frame) {
        switch (frame.op()) {
            case ACCEPT -> accepted(link, session);
            case SEND -> {
                session.send(frame.payload());
                if (link == world && session.state == PlayerSession.State.PLAYING) {
                    session.welcomed = true; // the world's first SEND after its ACCEPT is the welcome
                }
            }
            case VIEW -> view(link, session, frame.payload());
            case KICK -> {
                if (link == world) {
                    kick(session, frame.payloadText());
                } else {
                    // a side service refusing a session (say, its token expired before a re-open) costs the
                    // player that service only, not the game
                    acceptedBy.get(link).remove(session);
                }
            }
            default -> LOG.warnf("%s link sent %s, which only the gateway sends", link.name(), frame.op());
        }
    }

    /** Decodes a tick's cell frames once and hands them to every loop, which writes each to its players there. */
    private void news(ServiceLink link, Buffer payload) {
        if (link != world) {
            LOG.warnf("%s link sent NEWS, which only the world sends", link.name());
            return;
        }
        List<LoopFanout.CellFrame> news = new ArrayList<>();
        try {
            CellNewsFrames.forEach(payload, (cell, cellFrame) -> news.add(new LoopFanout.CellFrame(cell, cellFrame)));
        } catch (IllegalArgumentException e) {
            LOG.errorf("the world sent news the gateway cannot read: %s", e.getMessage());
            return;
        }
        loops.values().forEach(loop -> loop.execute(() -> loop.news(news)));
    }

    private void view(ServiceLink link, PlayerSession session, Buffer payload) {
        if (link != world || payload.length() != Integer.BYTES) {
            LOG.warnf("%s link sent a VIEW that is not the world's 4-byte cell", link.name());
            return;
        }
        session.loop.view(session, payload.getInt(0));
    }

    private void accepted(ServiceLink link, PlayerSession session) {
        if (link == world && session.state == PlayerSession.State.OPENING) {
            session.state = PlayerSession.State.PLAYING;
        }
        if (session.state == PlayerSession.State.PLAYING || session.state == PlayerSession.State.OPENING) {
            acceptedBy.get(link).add(session);
        }
    }

    private static void kick(PlayerSession session, String codeAndReason) {
        int space = codeAndReason.indexOf(' ');
        String code = space < 0 ? codeAndReason : codeAndReason.substring(0, space);
        String reason = space < 0 ? "" : codeAndReason.substring(space + 1);
        int closeCode;
        try {
            closeCode = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            closeCode = CloseCodes.POLICY_VIOLATION;
        }
        session.close(closeCode, reason);
    }

    @Override
    public void onUp(ServiceLink link) {
        if (link == world) {
            return; // a dropped world link closed every session; players come back with a new Auth
        }
        // a side service that came back hears of every session still playing, so chat resumes for them
        for (PlayerSession session : sessions.values()) {
            if (session.state == PlayerSession.State.PLAYING) {
                link.send(LinkOp.OPEN, session.id, session.token);
            }
        }
    }

    @Override
    public void onDown(ServiceLink link) {
        Set<PlayerSession> accepted = acceptedBy.get(link);
        if (link != world) {
            accepted.clear();
            return;
        }
        for (PlayerSession session : sessions.values()) {
            if (accepted.contains(session) || session.state == PlayerSession.State.OPENING) {
                session.close(CloseCodes.SERVICE_RESTART, "lost the " + link.name() + "; reconnect");
            }
        }
        accepted.clear();
        loops.values().forEach(loop -> loop.execute(loop::forgetViews));
    }
}
