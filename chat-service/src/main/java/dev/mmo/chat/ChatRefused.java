package dev.mmo.chat;

/** Why a message was not taken; the code (one of {@link dev.mmo.shared.game.ErrorFrame}'s) is what the player's {@code Error} frame carries. */
public final class ChatRefused extends RuntimeException {

    private final String code;

    public ChatRefused(String code, String message) {
        // an expected outcome, not a fault: no stack trace to fill
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
