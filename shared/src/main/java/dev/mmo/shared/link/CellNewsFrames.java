package dev.mmo.shared.link;

import io.vertx.core.buffer.Buffer;
import java.util.function.BiConsumer;

/**
 * The payload of a {@link LinkOp#NEWS} frame: one tick's server frames, one per cell, each written by the gateway to
 * the sessions that hear that cell: {@code cell (4 bytes) length (4 bytes) frame (length bytes)}, repeated.
 */
public final class CellNewsFrames {

    /** The whole {@link LinkOp#NEWS} link frame, built in place: the payload is not copied into a frame later. */
    private final Buffer frame = LinkFrame.start(LinkOp.NEWS, 0, 1024);

    private final int headerLength = frame.length();

    /** Adds one cell's frame (UTF-8 JSON). */
    public CellNewsFrames add(int cell, byte[] cellFrame) {
        frame.appendInt(cell).appendInt(cellFrame.length).appendBytes(cellFrame);
        return this;
    }

    public boolean isEmpty() {
        return frame.length() == headerLength;
    }

    public Buffer payload() {
        return frame.slice(headerLength, frame.length());
    }

    /** The {@link LinkOp#NEWS} link frame of these cells, as it goes on the link. */
    public Buffer linkFrame() {
        return frame;
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
