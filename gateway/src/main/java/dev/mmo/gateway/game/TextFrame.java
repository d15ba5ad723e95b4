package dev.mmo.gateway.game;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;

/**
 * A server frame as a service encoded it (UTF-8 JSON), to be written to players as a WebSocket text message. Vert.x's
 * public API writes text messages only from a {@code String} (which it copies into a buffer of each socket's own), so
 * the bytes are decoded once per frame, by the first loop that writes it, and that one {@code String} is shared by
 * every socket the frame goes to: a cell's news or a loop's broadcasts cost one decode, then one plain copy per
 * player (docs/benchmarks.md, "Writing shared frames": about as cheap per write as the zero-copy frame over Vert.x
 * internals it replaced for ASCII frames, which is nearly all of them).
 */
final class TextFrame {

    private final Buffer utf8;
    /** Decoded on first use; a race between loops only decodes twice (a String is immutable, safe to share). */
    private String text;

    private TextFrame(Buffer utf8) {
        this.utf8 = utf8;
    }

    static TextFrame of(Buffer utf8Json) {
        return new TextFrame(utf8Json);
    }

    Buffer bytes() {
        return utf8;
    }

    void writeTo(ServerWebSocket socket) {
        String decoded = text;
        if (decoded == null) {
            decoded = utf8.toString(StandardCharsets.UTF_8);
            text = decoded;
        }
        socket.writeTextMessage(decoded);
    }
}
