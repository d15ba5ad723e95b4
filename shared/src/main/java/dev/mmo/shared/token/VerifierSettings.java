package dev.mmo.shared.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the services that verify tokens keep auth-service's public keys ({@link JwksKeys}). The JWKS address itself
 * is {@code mp.jwt.verify.publickey.location} (set from {@code mmo.auth.jwks-url}). auth-service has these too, as
 * every service does, but verifies with its own keys and never fetches.
 */
@ConfigMapping(prefix = "mmo.auth.jwks")
public interface VerifierSettings {

    /** Known keys are fetched again this often (in the background), so a key auth-service dropped stops working. */
    @WithDefault("10m")
    Duration refreshInterval();

    /**
     * A token naming an unknown key makes the JWKS be fetched again (a rotation), at most once per this: a flood
     * of made-up key ids costs auth-service one request per interval, not one each.
     */
    @WithDefault("5s")
    Duration refetchInterval();

    /** How long fetching the JWKS may take, connecting included, before the keys count as unavailable. */
    @WithDefault("2s")
    Duration timeout();
}
