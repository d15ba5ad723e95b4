package dev.mmo.shared.link;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway ↔ service links' settings, {@code mmo.link.*}, the same on the gateway and on every service it links
 * to (world, chat): the credential a gateway presents, and the heartbeat both ends keep.
 */
@ConfigMapping(prefix = "mmo.link")
public interface LinkSettings {

    /**
     * The shared secret a gateway presents on {@code /link} ({@link LinkCredential#HEADER}); a service refuses a
     * link without it before the WebSocket upgrade. At least 32 characters; no default: a part that takes or opens
     * links does not start without it (docs/security.md says how it is made and rotated).
     */
    Optional<String> secret();

    /**
     * A file that holds the secret, for deployments that hand it over as a file (Docker Compose's link-secret
     * volume, a mounted Kubernetes Secret); read at start when {@link #secret()} is not set.
     */
    Optional<String> secretFile();

    /**
     * While the secret is being rotated: the one before it, which world and chat still admit, so that gateways can
     * move to the new secret one by one without a moment in which their links are refused (docs/security.md).
     * Unset otherwise. A gateway always presents {@link #secret()}.
     */
    Optional<String> previousSecret();

    /** How often each end of a link sends {@link LinkOp#HEARTBEAT}, telling the other it is alive. */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** How long a link may stay silent (no frame at all) before its end declares the peer dead and closes it. */
    @WithDefault("3s")
    Duration silenceLimit();
}
