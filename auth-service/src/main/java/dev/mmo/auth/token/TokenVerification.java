package dev.mmo.auth.token;

import dev.mmo.auth.AuthConfig;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * How auth-service checks the bearer tokens sent to it: against the very public key it signs
 * with, held in memory. The other services point {@code mp.jwt.verify.publickey.location} at
 * {@code /api/auth/jwks} instead; here that would make the service call itself.
 */
@ApplicationScoped
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verifyWithOwnKey(SigningKeys keys, AuthConfig config) {
        // Only RS256 is accepted (the default), which rules out "alg": "none" and HMAC tricks.
        return new JWTAuthContextInfo(keys.publicKey(), config.auth().issuer());
    }
}
