package dev.mmo.auth.token;

import dev.mmo.auth.AuthConfig;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * What auth-service checks in the bearer tokens sent to it besides the signature: its own issuer (and
 * smallrye-jwt's defaults: expiry, RS256 only). The key comes from {@link SigningKeys}, in memory, by the token's
 * {@code kid} (shared KeyIdJwtParser); the other services fetch the same keys from {@code /api/auth/jwks}, which
 * here would make the service call itself.
 */
@ApplicationScoped
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verifyOwnTokens(AuthConfig config) {
        // Only RS256 is accepted (the default), which rules out "alg": "none" and HMAC tricks.
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(config.auth().issuer());
        return context;
    }
}
