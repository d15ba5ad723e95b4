package dev.mmo.shared.game;

/**
 * The close codes of the game connection {@code /ws} (docs/protocol.md, "Close codes"): the gateway closes players
 * with them, and the services name them in a link's {@code KICK}. One definition for every part.
 */
public final class CloseCodes {

    /** The client kept sending far beyond the rate limit. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame over the size limit. */
    public static final int TOO_BIG = 1009;
    /** The server hit an error it cannot go on from (a failed world tick); reconnect shortly. */
    public static final int SERVER_ERROR = 1011;
    /** The gateway or the world restarts, or the gateway lost its world link; reconnect after a second or two. */
    public static final int SERVICE_RESTART = 1012;
    /** The world cannot take the player now (unreachable, hung, its database or auth is down); retry shortly. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** No or a bad token, or no such actor: log in again. */
    public static final int UNAUTHORIZED = 4401;
    /** A newer session of the same actor replaced this one. */
    public static final int REPLACED = 4409;

    private CloseCodes() {}
}
