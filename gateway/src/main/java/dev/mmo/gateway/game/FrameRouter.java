package dev.mmo.gateway.game;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.gateway.GatewayConfig;
import dev.mmo.gateway.link.ServiceLink;
import dev.mmo.gateway.link.ServiceLinks;
import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.game.ErrorFrame;
import dev.mmo.shared.link.LinkOp;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A client's text frames, checked (size, rate) and routed by {@code type}: {@code Auth} to admission, {@code Ping}
 * answered here, every other type forwarded byte for byte to the service that owns it. On the session's loop.
 */
final class FrameRouter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig.Game rules;
    private final ServiceMembership membership;
    /** Which service owns each client frame type; Auth and Ping are answered by the gateway. */
    private final Map<String, ServiceLink> routes;

    private final BiConsumer<PlayerSession, JsonNode> authenticate;

    FrameRouter(
            GatewayConfig.Game rules,
            ServiceLinks links,
            ServiceMembership membership,
            BiConsumer<PlayerSession, JsonNode> authenticate) {
        this.rules = rules;
        this.membership = membership;
        this.routes = Map.of("Target", links.world(), "Chat", links.chat());
        this.authenticate = authenticate;
    }

    void received(PlayerSession session, String text) {
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
            case "Auth" -> authenticate.accept(session, frame);
            case "Ping" -> session.send(ServerFrames.pong(frame.path("t")));
            default -> forward(session, type, text);
        }
    }

    private void forward(PlayerSession session, String type, String text) {
        ServiceLink owner = routes.get(type);
        if (owner == null) {
            refuse(session, ErrorFrame.BAD_REQUEST, "Unknown frame type \"" + type + "\".");
        } else if (session.state != PlayerSession.State.PLAYING) {
            refuse(session, ErrorFrame.NOT_JOINED, "Send Auth and wait for Welcome first.");
        } else if (!membership.isAcceptedBy(owner, session)
                || !owner.send(LinkOp.FRAME, session.id, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)))) {
            // not accepted yet (chat checks the token after the world did) or the link is down
            refuse(session, owner.name() + "_unavailable", "The " + owner.name() + " is not reachable right now.");
        }
    }

    private static void refuse(PlayerSession session, String code, String message) {
        if (session.state == PlayerSession.State.AWAITING_AUTH) {
            session.close(CloseCodes.UNAUTHORIZED, "the first frame must be Auth");
        } else {
            session.send(ServerFrames.error(code, message));
        }
    }
}
