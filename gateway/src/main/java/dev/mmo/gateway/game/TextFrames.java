package dev.mmo.gateway.game;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * Text frames made from bytes that are already UTF-8 JSON. Vert.x's public API only makes text
 * frames from a {@code String}, which would encode a broadcast again for every player; this wraps
 * the service's bytes instead, so one encoded frame is written to many sockets.
 */
final class TextFrames {

    private TextFrames() {
    }

    /** A frame over the same bytes; {@link Buffer#getByteBuf()} gives each write its own read position. */
    static WebSocketFrame of(Buffer utf8Json) {
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8Json.getByteBuf(), true);
    }
}
