package dev.mmo.shared.token;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Checks the token a game session opens with, in every service that takes sessions: against auth-service's public
 * key named by the token's {@code kid} ({@link KeyIdJwtParser}, keys from {@link JwksKeys}), its issuer and expiry,
 * the {@code player} group, and that it names an actor and a username. It may fetch the keys over HTTP (for at most
 * {@code mmo.auth.jwks.timeout}): call it from a worker thread, never an event loop or the world's loop.
 */
@ApplicationScoped
public class PlayerTokens {

    private static final Logger LOG = Logger.getLogger(PlayerTokens.class);

    private final JWTParser parser;

    public PlayerTokens(JWTParser parser) {
        this.parser = parser;
    }

    /**
     * Who the token speaks for, or empty when it is not good.
     *
     * @throws KeysUnavailableException when the keys to check it cannot be fetched: the token may well be good, so
     *                                  the session must be refused as "try again later" (1013), not as a bad token
     */
    public Optional<TokenPlayer> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object actorId = jwt.getClaim("actorId");
            String username = jwt.getName();
            if (!jwt.getGroups().contains("player") || actorId == null || username == null || username.isBlank()) {
                return Optional.empty();
            }
            // a JSON number claim arrives as jakarta.json.JsonNumber, whose text is the plain number
            return Optional.of(new TokenPlayer(Long.parseLong(actorId.toString()), username));
        } catch (ParseException | NumberFormatException e) {
            LOG.debugf("token refused: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
