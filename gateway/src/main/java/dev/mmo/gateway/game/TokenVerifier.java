package dev.mmo.gateway.game;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.OptionalLong;

/**
 * Checks a player's token against auth-service's public keys (JWKS, fetched and cached by
 * smallrye-jwt): signature, issuer, expiry, the {@code player} group and an {@code actorId}.
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

    /** The token's actor, or empty when the token is not good; never blocks the caller's event loop. */
    Future<OptionalLong> actorOf(String token) {
        return vertx.executeBlocking(() -> verify(token), false);
    }

    private OptionalLong verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object actorId = jwt.getClaim("actorId");
            if (!jwt.getGroups().contains("player") || actorId == null) {
                return OptionalLong.empty();
            }
            // a JSON number claim arrives as jakarta.json.JsonNumber, whose text is the plain number
            return OptionalLong.of(Long.parseLong(actorId.toString()));
        } catch (ParseException | NumberFormatException e) {
            LOG.debugf("token refused: %s", e.getMessage());
            return OptionalLong.empty();
        }
    }
}
