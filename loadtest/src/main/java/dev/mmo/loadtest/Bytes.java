package dev.mmo.loadtest;

import java.nio.charset.StandardCharsets;

/** Searching UTF-8 JSON text as bytes: the bots read the server's frames without parsing them. */
final class Bytes {

    private Bytes() {}

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The index of {@code needle} in {@code hay[from, to)}, or -1. */
    static int indexOf(byte[] hay, int from, int to, byte[] needle) {
        if (needle.length == 0) {
            return from;
        }
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, 0, hay.length, needle);
    }

    /** Whether {@code hay} holds {@code needle} at {@code at}. */
    static boolean startsWith(byte[] hay, int at, byte[] needle) {
        if (at < 0 || at + needle.length > hay.length) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            if (hay[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /** The non-negative decimal number at {@code at}, or -1 if there is no digit there. */
    static long number(byte[] hay, int at) {
        long value = 0;
        int i = at;
        while (i < hay.length && hay[i] >= '0' && hay[i] <= '9' && i - at < 18) {
            value = value * 10 + (hay[i] - '0');
            i++;
        }
        return i == at ? -1 : value;
    }

    /** The JSON number at {@code at} ({@code -12.5}, {@code 3}, {@code 1.0E-4}), or NaN if there is none. */
    static double decimal(byte[] hay, int at) {
        int end = at;
        while (end < hay.length && end - at < 32) {
            byte b = hay[end];
            if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
                end++;
            } else {
                break;
            }
        }
        if (end == at) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(new String(hay, at, end - at, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The JSON string starting right after an opening quote at {@code at}, up to the next quote (no escapes). */
    static String stringAt(byte[] hay, int at) {
        int end = at;
        while (end < hay.length && hay[end] != '"' && end - at < 64) {
            end++;
        }
        return new String(hay, at, end - at, StandardCharsets.UTF_8);
    }
}
