package dev.mmo.chat.link;

import dev.mmo.chat.Player;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Checks the token a session opens with against auth-service's public keys (JWKS, fetched and cached by
 * smallrye-jwt): signature, issuer, expiry, the {@code player} group, an {@code actorId} and a username.
 */
@ApplicationScoped
class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final JWTParser parser;
    private final Vertx vertx;

    TokenVerifier(JWTParser parser, Vertx vertx) {
        this.parser = parser;
        this.vertx = vertx;
    }

    /** The token's player, or empty when the token is not good; never blocks the caller's event loop. */
    Future<Optional<Player>> playerOf(String token) {
        return vertx.executeBlocking(() -> verify(token), false);
    }

    private Optional<Player> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object actorId = jwt.getClaim("actorId");
            String username = jwt.getName();
            if (!jwt.getGroups().contains("player") || actorId == null || username == null || username.isBlank()) {
                return Optional.empty();
            }
            // a JSON number claim arrives as jakarta.json.JsonNumber, whose text is the plain number
            return Optional.of(new Player(Long.parseLong(actorId.toString()), username));
        } catch (ParseException | NumberFormatException e) {
            LOG.debugf("token refused: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
