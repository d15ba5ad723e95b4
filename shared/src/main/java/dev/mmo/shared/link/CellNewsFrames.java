package dev.mmo.shared.link;

import io.vertx.core.buffer.Buffer;

import java.util.function.BiConsumer;

/**
 * The payload of a {@link LinkOp#NEWS} frame: one tick's server frames, one per cell, each written by the gateway to
 * the sessions that hear that cell: {@code cell (4 bytes) length (4 bytes) frame (length bytes)}, repeated.
 */
public final class CellNewsFrames {

    private final Buffer payload = Buffer.buffer(1024);

    /** Adds one cell's frame (UTF-8 JSON). */
    public CellNewsFrames add(int cell, byte[] frame) {
        payload.appendInt(cell).appendInt(frame.length).appendBytes(frame);
        return this;
    }

    public boolean isEmpty() {
        return payload.length() == 0;
    }

    public Buffer payload() {
        return payload;
    }

    /**
     * Hands each cell's frame to {@code perCell}, as a slice of {@code payload} (no copy).
     *
     * @throws IllegalArgumentException when the payload is cut short
     */
    public static void forEach(Buffer payload, BiConsumer<Integer, Buffer> perCell) {
        int at = 0;
        while (at < payload.length()) {
            if (payload.length() - at < 2 * Integer.BYTES) {
                throw new IllegalArgumentException("news cut short at byte " + at);
            }
            int cell = payload.getInt(at);
            int length = payload.getInt(at + Integer.BYTES);
            int start = at + 2 * Integer.BYTES;
            if (length < 0 || length > payload.length() - start) {
                throw new IllegalArgumentException("news frame of cell " + cell + " runs past the payload");
            }
            perCell.accept(cell, payload.slice(start, start + length));
            at = start + length;
        }
    }
}
