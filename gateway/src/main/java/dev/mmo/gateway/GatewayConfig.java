package dev.mmo.gateway;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.time.Duration;

/** Where the gateway finds the services it fronts. */
@ConfigMapping(prefix = "mmo.gateway")
public interface GatewayConfig {

    /** Base URL of auth-service; {@code /api/auth/**} is forwarded there. */
    URI authUrl();

    /** Base URL of world-service; {@code /api/world/**} is forwarded there. */
    URI worldUrl();

    /** Base URL of chat-service; {@code /api/chat/**} is forwarded there. */
    URI chatUrl();

    /** How long a forwarded REST call may take before the gateway answers 504. */
    Duration upstreamTimeout();
}
