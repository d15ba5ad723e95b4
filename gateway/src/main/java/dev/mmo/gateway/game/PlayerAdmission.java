package dev.mmo.gateway.game;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.gateway.GatewayConfig;
import dev.mmo.gateway.link.ServiceLinks;
import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.game.ErrorFrame;
import dev.mmo.shared.token.PlayerTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The game connection {@code /ws}: accepts a socket as a session, gives it {@link GatewayConfig.Game#authTimeout()}
 * to send {@code Auth}, verifies the token off the event loop and opens the session at the services. Its frames go
 * to the {@link FrameRouter}.
 */
@ApplicationScoped
public class PlayerAdmission {

    private static final Logger LOG = Logger.getLogger(PlayerAdmission.class);

    private final GatewayConfig.Game rules;
    private final PlayerTokens tokens;
    private final Vertx vertx;
    private final SessionRegistry registry;
    private final ServiceMembership membership;
    private final FrameRouter router;

    public PlayerAdmission(
            GatewayConfig config,
            PlayerTokens tokens,
            Vertx vertx,
            ServiceLinks links,
            SessionRegistry registry,
            ServiceMembership membership) {
        this.rules = config.game();
        this.tokens = tokens;
        this.vertx = vertx;
        this.registry = registry;
        this.membership = membership;
        this.router = new FrameRouter(rules, links, membership, this::authenticate);
    }

    void routes(@Observes Router router) {
        router.route("/ws")
                .handler(ctx -> ctx.request()
                        .toWebSocket()
                        .onSuccess(this::connected)
                        .onFailure(failure -> LOG.debugf("websocket upgrade refused: %s", failure.getMessage())));
    }

    private void connected(ServerWebSocket socket) {
        PlayerSession session = registry.open(socket);
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
        socket.textMessageHandler(text -> router.received(session, text));
        socket.binaryMessageHandler(
                bytes -> session.send(ServerFrames.error(ErrorFrame.BAD_REQUEST, "Frames are JSON text.")));
        socket.closeHandler(ignored -> session.end());
        socket.exceptionHandler(failure -> LOG.debugf("session %d failed: %s", session.id, failure.toString()));
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
                // the keys could not be fetched (auth-service down: KeysUnavailableException) or the check itself
                // broke: the token may well be good, so the player is told to try again later, never to log in again
                LOG.warnf(
                        "could not check the token of session %d: %s",
                        session.id, result.cause().toString());
                session.close(CloseCodes.TRY_AGAIN_LATER, "the token cannot be checked now; try again shortly");
                return;
            }
            if (result.result().isEmpty()) {
                session.close(CloseCodes.UNAUTHORIZED, "bad or expired token");
                return;
            }
            session.actorId = result.result().get().actorId();
            session.token = Buffer.buffer(token.asText());
            session.state = PlayerSession.State.OPENING;
            if (!membership.open(session)) {
                session.close(CloseCodes.TRY_AGAIN_LATER, "the world is not reachable; try again shortly");
            }
        });
    }
}
