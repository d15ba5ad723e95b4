package dev.mmo.chat.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.chat.ChatConfig;
import dev.mmo.chat.ChatMessage;
import dev.mmo.chat.ChatMetrics;
import dev.mmo.chat.ChatRefused;
import dev.mmo.chat.ChatService;
import dev.mmo.chat.Player;
import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.game.ErrorFrame;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkHeartbeat;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.shared.link.LinkSettings;
import dev.mmo.shared.token.PlayerTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The gateways' links to this replica ({@code /link}, see {@link LinkFrame}) and the player sessions on each:
 * a session is accepted once its token checks out, may then chat, and from then on its link receives every chat
 * message as one BROADCAST, which the gateway writes to each session it opened here. Both ends of a link beat
 * ({@link LinkHeartbeat}); a gateway that sends nothing for the silence limit is taken for dead and its link
 * closed, its sessions forgotten at once. Only gateways with the link credential get here ({@link LinkUpgradeCheck}).
 */
@ApplicationScoped
@Startup // its gauge is there from the start, before the first gateway connects
public class LinkHub {

    private static final Logger LOG = Logger.getLogger(LinkHub.class);
    private static final String UNAUTHORIZED = CloseCodes.UNAUTHORIZED + " bad or expired token";
    private static final String LINK_FULL =
            CloseCodes.TRY_AGAIN_LATER + " this gateway's link to chat is full; try again shortly";
    /** WebSocket's "going away": what a link is closed with when its gateway fell silent or came too late. */
    private static final int GOING_AWAY = 1001;

    private final PlayerTokens tokens;
    private final Vertx vertx;
    private final ChatService chat;
    private final ChatMetrics metrics;
    private final ObjectMapper json;
    private final ServerFrames frames;
    private final LinkSettings linkSettings;
    private final LinkUpgradeCheck upgrades;
    private final int maxSessionsPerLink;
    private final Counter silentLinks;
    private final Counter sessionsRefused;
    private final Map<String, GatewayLink> links = new ConcurrentHashMap<>();

    LinkHub(
            PlayerTokens tokens,
            Vertx vertx,
            ChatService chat,
            ChatMetrics metrics,
            ObjectMapper json,
            LinkSettings linkSettings,
            LinkUpgradeCheck upgrades,
            ChatConfig config,
            MeterRegistry registry) {
        this.tokens = tokens;
        this.vertx = vertx;
        this.chat = chat;
        this.metrics = metrics;
        this.json = json;
        this.frames = new ServerFrames(json);
        this.linkSettings = linkSettings;
        this.upgrades = upgrades;
        if (config.maxSessionsPerLink() < 1) {
            throw new IllegalArgumentException("mmo.chat.max-sessions-per-link must be at least 1");
        }
        this.maxSessionsPerLink = config.maxSessionsPerLink();
        Gauge.builder(
                        "mmo.chat.sessions",
                        links,
                        all -> all.values().stream()
                                .mapToLong(GatewayLink::playerCount)
                                .sum())
                .description("Player sessions accepted on this replica")
                .register(registry);
        Gauge.builder("mmo.chat.links", links, Map::size)
                .description("Gateway links open on this replica")
                .register(registry);
        silentLinks = Counter.builder("mmo.chat.link.silent")
                .description("Gateway links closed because the gateway sent nothing for the silence limit")
                .register(registry);
        sessionsRefused = Counter.builder("mmo.chat.sessions.refused")
                .tag("reason", "link_full")
                .description("OPENs refused because their link carries mmo.chat.max-sessions-per-link sessions")
                .register(registry);
    }

    /** On the link's event loop. */
    void linkOpened(WebSocketConnection connection) {
        if (!upgrades.claim()) {
            LOG.warnf("gateway link %s opened after its admission expired; closing it", connection.id());
            close(connection, "admission expired");
            return;
        }
        GatewayLink link = new GatewayLink(connection);
        link.heartbeat = new LinkHeartbeat(
                vertx,
                linkSettings,
                () -> link.write(LinkFrame.encode(LinkOp.HEARTBEAT, 0, Buffer.buffer())),
                () -> silent(link));
        links.put(connection.id(), link);
        link.heartbeat.start();
        LOG.infof("gateway link %s opened", connection.id());
    }

    void linkClosed(WebSocketConnection connection) {
        // its sessions go with it: the gateway that reconnects opens them again
        if (forget(connection.id())) {
            LOG.infof("gateway link %s closed", connection.id());
        }
    }

    /** The gateway sent nothing for the silence limit (hung, or cut off without a TCP close). */
    private void silent(GatewayLink link) {
        LOG.warnf(
                "gateway link %s sent nothing for %s; closing it and forgetting its sessions",
                link.connection.id(), link.heartbeat.silence());
        silentLinks.increment();
        forget(link.connection.id());
        close(link.connection, "no heartbeat");
    }

    /** Forgets a link and its sessions, once; frees its place under the link cap. */
    private boolean forget(String connectionId) {
        GatewayLink link = links.remove(connectionId);
        if (link == null) {
            return false;
        }
        link.heartbeat.stop();
        link.sessions.clear();
        upgrades.release();
        return true;
    }

    private static void close(WebSocketConnection connection, String reason) {
        connection
                .close(new CloseReason(GOING_AWAY, reason))
                .subscribe()
                .with(
                        closed -> {},
                        failure -> LOG.debugf("closing link %s failed: %s", connection.id(), failure.toString()));
    }

    void received(WebSocketConnection connection, Buffer bytes) {
        GatewayLink link = links.get(connection.id());
        if (link == null) {
            return;
        }
        link.heartbeat.heard();
        LinkFrame frame;
        try {
            frame = LinkFrame.decode(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warnf("gateway link %s sent a frame that is not ours: %s", connection.id(), e.getMessage());
            return;
        }
        switch (frame.op()) {
            case OPEN -> open(link, frame.session(), frame.payloadText());
            case FRAME -> clientFrame(link, frame.session(), frame.payload());
            case CLOSED -> link.sessions.remove(frame.session());
            case HEARTBEAT -> {} // heard above
            default -> LOG.warnf("gateway link %s sent %s, which only services send", connection.id(), frame.op());
        }
    }

    /** Every message read from the topic: encoded once, sent once to each link that has players. */
    void deliver(@Observes ChatMessage message) {
        Buffer broadcast = LinkFrame.broadcast(frames.chat(message));
        for (GatewayLink link : links.values()) {
            if (link.hasPlayers()) {
                link.write(broadcast);
            }
        }
        metrics.delivered();
    }

    private void open(GatewayLink link, long sessionId, String token) {
        if (link.sessions.size() >= maxSessionsPerLink && !link.sessions.containsKey(sessionId)) {
            sessionsRefused.increment();
            link.send(LinkOp.KICK, sessionId, Buffer.buffer(LINK_FULL));
            return;
        }
        Session session = new Session();
        link.sessions.put(sessionId, session);
        vertx.executeBlocking(() -> tokens.verify(token), false).onComplete(verified -> {
            if (link.sessions.get(sessionId) != session) {
                return; // closed (or opened anew) while the token was checked
            }
            Optional<Player> player = verified.succeeded()
                    ? verified.result().map(who -> new Player(who.actorId(), who.username()))
                    : Optional.empty();
            if (player.isEmpty()) {
                link.sessions.remove(sessionId);
                link.send(LinkOp.KICK, sessionId, Buffer.buffer(UNAUTHORIZED));
                return;
            }
            session.player = player.get();
            link.send(LinkOp.ACCEPT, sessionId, Buffer.buffer());
        });
    }

    private void clientFrame(GatewayLink link, long sessionId, Buffer payload) {
        Session session = link.sessions.get(sessionId);
        Player player = session == null ? null : session.player;
        if (player == null) {
            refuse(link, sessionId, ErrorFrame.NOT_JOINED, "This session has not joined chat (yet).");
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(payload.getBytes());
        } catch (IOException e) {
            frame = null;
        }
        if (frame == null
                || !"Chat".equals(frame.path("type").asText())
                || !frame.path("text").isTextual()) {
            refuse(link, sessionId, ErrorFrame.BAD_REQUEST, "chat-service takes {\"type\":\"Chat\",\"text\":\"...\"}.");
            return;
        }
        chat.say(player, frame.get("text").asText()).whenComplete((stored, failure) -> {
            if (failure != null) {
                ChatRefused refused = refusal(failure);
                link.send(LinkOp.SEND, sessionId, frames.error(refused.code(), refused.getMessage()));
            }
        });
    }

    private void refuse(GatewayLink link, long sessionId, String code, String message) {
        chat.refusedFrame(code);
        link.send(LinkOp.SEND, sessionId, frames.error(code, message));
    }

    private static ChatRefused refusal(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ChatRefused refused) {
            return refused;
        }
        LOG.errorf(cause, "chat message failed unexpectedly");
        return new ChatRefused(ErrorFrame.CHAT_UNAVAILABLE, "Chat could not take this message.");
    }

    /** A player session on a link; {@code player} is set once its token checked out. */
    private static final class Session {
        volatile Player player;
    }

    private static final class GatewayLink {

        final WebSocketConnection connection;
        final Map<Long, Session> sessions = new ConcurrentHashMap<>();
        /** Set once, on the event loop, before the link is published in {@code links}. */
        LinkHeartbeat heartbeat;

        GatewayLink(WebSocketConnection connection) {
            this.connection = connection;
        }

        boolean hasPlayers() {
            return sessions.values().stream().anyMatch(session -> session.player != null);
        }

        long playerCount() {
            return sessions.values().stream()
                    .filter(session -> session.player != null)
                    .count();
        }

        void send(LinkOp op, long sessionId, Buffer payload) {
            write(LinkFrame.encode(op, sessionId, payload));
        }

        void write(Buffer frame) {
            connection
                    .sendBinary(frame)
                    .subscribe()
                    .with(
                            sent -> {},
                            failure -> LOG.debugf("link %s: a write failed: %s", connection.id(), failure.toString()));
        }
    }
}
