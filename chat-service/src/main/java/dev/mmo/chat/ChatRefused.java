package dev.mmo.chat;

/** Why a message was not taken; the code is what the player's {@code Error} frame carries. */
public final class ChatRefused extends RuntimeException {

    public static final String BAD_REQUEST = "bad_request";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String CHAT_UNAVAILABLE = "chat_unavailable";

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
