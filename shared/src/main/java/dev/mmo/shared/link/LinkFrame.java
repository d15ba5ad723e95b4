package dev.mmo.shared.link;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One binary frame of the gateway↔service link: {@code op (1 byte) [session (8 bytes, big-endian)] payload}.
 * The payload is a player's or the server's JSON frame as UTF-8 bytes, carried opaquely: neither
 * side re-encodes it, so a broadcast is encoded once by the service and written as-is by the gateway.
 *
 * @param op      what the frame does
 * @param session the gateway's id of the player session, 0 for {@link LinkOp#BROADCAST}
 * @param payload the bytes after the header (a slice of the received buffer, not a copy)
 */
public record LinkFrame(LinkOp op, long session, Buffer payload) {

    private static final int SESSION_BYTES = Long.BYTES;

    public static Buffer encode(LinkOp op, long session, Buffer payload) {
        return start(op, session, payload.length()).appendBuffer(payload);
    }

    public static Buffer encode(LinkOp op, long session, byte[] payload) {
        return start(op, session, payload.length).appendBytes(payload);
    }

    public static Buffer encode(LinkOp op, long session, String payload) {
        return encode(op, session, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A frame's header in a buffer with room for {@code payloadLength} bytes more, for the caller to append the
     * payload to: a payload encoded straight into its frame is not copied into one afterwards.
     */
    public static Buffer start(LinkOp op, long session, int payloadLength) {
        Buffer frame = Buffer.buffer(1 + SESSION_BYTES + payloadLength);
        frame.appendByte(op.code());
        if (op.hasSession()) {
            frame.appendLong(session);
        }
        return frame;
    }

    public static Buffer broadcast(Buffer payload) {
        return encode(LinkOp.BROADCAST, 0, payload);
    }

    /**
     * Reads a received frame.
     *
     * @throws IllegalArgumentException when the frame is empty, names no known op or is cut short
     */
    public static LinkFrame decode(Buffer frame) {
        if (frame.length() == 0) {
            throw new IllegalArgumentException("empty link frame");
        }
        LinkOp op = LinkOp.of(frame.getByte(0));
        if (op == null) {
            throw new IllegalArgumentException("unknown link op " + frame.getByte(0));
        }
        if (!op.hasSession()) {
            return new LinkFrame(op, 0, frame.slice(1, frame.length()));
        }
        if (frame.length() < 1 + SESSION_BYTES) {
            throw new IllegalArgumentException("link frame " + op + " is cut short");
        }
        return new LinkFrame(op, frame.getLong(1), frame.slice(1 + SESSION_BYTES, frame.length()));
    }

    public String payloadText() {
        return payload.toString(StandardCharsets.UTF_8);
    }
}
