package dev.mmo.auth.token;

import dev.mmo.auth.AuthConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Signs the access tokens every service accepts. */
@ApplicationScoped
public class TokenIssuer {

    /** The role every player token carries; endpoints for players require it. */
    public static final String PLAYER_ROLE = "player";
    /** Claim with the player's actor id, a JSON number. */
    public static final String ACTOR_ID_CLAIM = "actorId";

    private final SigningKeys keys;
    private final String issuer;
    private final Duration lifetime;

    public TokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.issuer = config.auth().issuer();
        this.lifetime = config.auth().tokenLifetime();
    }

    public record IssuedToken(String token, Duration lifetime) {}

    public IssuedToken issue(String username, long actorId) {
        Instant now = Instant.now();
        SigningKeys.Signing signing = keys.signing();
        String token = Jwt.issuer(issuer)
                .subject(username)
                .upn(username)
                .groups(Set.of(PLAYER_ROLE))
                .claim(ACTOR_ID_CLAIM, actorId)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(signing.keyId())
                .sign(signing.key());
        return new IssuedToken(token, lifetime);
    }
}
