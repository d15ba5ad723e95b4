package dev.mmo.world.link;

/** The close codes the world asks gateways to close players with (docs/protocol.md). */
public final class CloseCodes {

    /** The world is stopping; reconnect shortly. */
    public static final int SERVICE_RESTART = 1012;
    /** The world cannot take the player now (e.g. its database is down); try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Bad or expired token, or no such actor. */
    public static final int UNAUTHORIZED = 4401;
    /** A newer session took over the actor. */
    public static final int REPLACED = 4409;

    private CloseCodes() {
    }
}
