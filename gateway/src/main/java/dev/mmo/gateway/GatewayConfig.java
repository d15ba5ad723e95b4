package dev.mmo.gateway;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Where the gateway finds the services it fronts, and the rules of the game connection. */
@ConfigMapping(prefix = "mmo.gateway")
public interface GatewayConfig {

    /** Base URL of auth-service; {@code /api/auth/**} is forwarded there. */
    URI authUrl();

    /**
     * Base URLs of world-service, comma-separated: the link is opened to the first that accepts it (a standby answers
     * 503) and, when it drops, to the next in turn; {@code /api/world/**} is forwarded to the one the link is on.
     */
    List<URI> worldUrl();

    /** Base URL of chat-service; {@code /api/chat/**} is forwarded there. */
    URI chatUrl();

    /** How long a forwarded REST call may take before the gateway answers 504. */
    Duration upstreamTimeout();

    /** The game connection ({@code /ws}). */
    Game game();

    interface Game {
        /** Time a new connection has to send its {@code Auth} frame before it is closed with 4401. */
        Duration authTimeout();

        /** Largest client frame in bytes; a bigger one closes the connection with 1009. */
        int maxFrameBytes();

        /** Client frames one session may send per second; the excess is answered with {@code rate_limited}. */
        int framesPerSecond();

        /** Frames over the rate in a row after which the session is closed (1008) instead of warned. */
        int maxRejectedInARow();

        /**
         * The first wait before the gateway tries again to open a service link that dropped or that no URL accepted;
         * it doubles with each failure, up to {@link #linkRetryMax()}, each wait drawn from [half, all] of its step.
         */
        Duration linkRetryFirst();

        /** The longest wait between two attempts to open a service link. */
        Duration linkRetryMax();

        /**
         * How long the gateway gathers what others did (world news, chat lines) for a player before writing it
         * as one frame. Messages for the player alone (its welcome, its own moves, errors) go at once.
         */
        Duration batchInterval();

        /**
         * How long a player's connection may stay unable to take what is written to it (its socket's write queue
         * full) before it is closed with 1013: what it is sent must not pile up in the gateway without bound.
         */
        Duration slowPlayerTimeout();
    }
}
