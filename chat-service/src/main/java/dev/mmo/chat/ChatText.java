package dev.mmo.chat;

/**
 * What a player may say: control characters are removed (line breaks and tabs become spaces, so words stay
 * apart), the rest is trimmed, and 1 to {@code maxLength} characters must remain. Characters are counted as
 * code points, so an emoji counts once.
 */
public final class ChatText {

    /** A checked message: either the cleaned text or why it was refused. */
    public sealed interface Verdict {}

    public record Accepted(String text) implements Verdict {}

    public record Refused(String reason) implements Verdict {}

    private final int maxLength;

    public ChatText(int maxLength) {
        this.maxLength = maxLength;
    }

    public Verdict check(String raw) {
        String text = clean(raw);
        if (text.isEmpty()) {
            return new Refused("A message needs at least one visible character.");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            return new Refused("A message has at most " + maxLength + " characters.");
        }
        return new Accepted(text);
    }

    static String clean(String raw) {
        StringBuilder cleaned = new StringBuilder(raw.length());
        raw.codePoints().forEach(codePoint -> {
            int type = Character.getType(codePoint);
            if (type == Character.CONTROL) {
                if (Character.isWhitespace(codePoint)) {
                    cleaned.append(' ');
                }
            } else if (type != Character.SURROGATE && !isBidiControl(codePoint)) {
                // a lone surrogate (one half of a pair) is not text and would not survive UTF-8
                cleaned.appendCodePoint(codePoint);
            }
        });
        return cleaned.toString().strip();
    }

    /**
     * Embeddings, overrides and isolates reorder the text around them when it is drawn, so a message could
     * display as something other than what it says.
     */
    private static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
