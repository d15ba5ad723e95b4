package dev.mmo.world.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array for the world's hottest messages, written without a JSON generator: constants are ASCII
 * bytes made once, numbers go in as Java writes them ({@link Double#toString} is the shortest round-trip form, the
 * same that Jackson writes), and any text was escaped by Jackson beforehand.
 */
final class JsonBytes {

    private byte[] bytes;
    private int length;

    JsonBytes(int capacity) {
        bytes = new byte[capacity];
    }

    static byte[] ascii(String constant) {
        return constant.getBytes(StandardCharsets.US_ASCII);
    }

    JsonBytes append(byte[] part) {
        ensure(part.length);
        System.arraycopy(part, 0, bytes, length, part.length);
        length += part.length;
        return this;
    }

    JsonBytes append(long number) {
        return appendAscii(Long.toString(number));
    }

    JsonBytes append(double number) {
        return appendAscii(Double.toString(number));
    }

    private JsonBytes appendAscii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i); // digits, '-', '.', 'E': ASCII
        }
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
