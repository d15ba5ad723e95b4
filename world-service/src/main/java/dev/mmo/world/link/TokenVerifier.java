package dev.mmo.world.link;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.OptionalLong;

/**
 * Checks a player's token against auth-service's public keys (JWKS, fetched and cached by smallrye-jwt):
 * signature, issuer, expiry, the {@code player} group and an {@code actorId} claim. May fetch the keys over HTTP:
 * call it from a worker thread.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final JWTParser parser;

    public TokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /** The token's actor, or empty when the token is not good. */
    public OptionalLong actorOf(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object actorId = jwt.getClaim("actorId");
            if (actorId == null || !jwt.getGroups().contains("player")) {
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
