package dev.mmo.gateway.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the gateway forwards REST calls to the services ({@link ApiProxy}). */
@ConfigMapping(prefix = "mmo.gateway.proxy")
public interface ProxySettings {

    /** Connections the gateway keeps open to each service at most; requests beyond them wait for one. */
    @WithDefault("64")
    int maxConnections();

    /**
     * Requests that may wait for a connection to one service; one more is answered 503 at once. Bounds what a
     * flood costs the gateway's memory and what a burst costs a request in waiting.
     */
    @WithDefault("256")
    int maxWaiting();

    /** How long a request may wait for a connection before it is answered 503. */
    @WithDefault("2s")
    Duration connectionWait();

    /**
     * Proxies in front of the gateway (a Kubernetes ingress controller) whose {@code X-Forwarded-For} names the
     * client. Unset: the TCP peer is the client, and whatever a client wrote into the header is dropped.
     */
    Optional<List<String>> trustedProxies();
}
