package dev.mmo.gateway.game;

/** Close codes of the game connection (docs/protocol.md). */
final class CloseCodes {

    static final short POLICY_VIOLATION = 1008;
    static final short TOO_BIG = 1009;
    static final short SERVICE_RESTART = 1012;
    static final short TRY_AGAIN_LATER = 1013;
    static final short UNAUTHORIZED = 4401;
    static final short REPLACED = 4409;

    private CloseCodes() {
    }
}
