package dev.mmo.shared.game;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code {"type":"Error","code":…,"message":…}}: the frame that refuses one client frame while the session stays
 * open (docs/protocol.md, "Errors"). Written by the gateway, the world and chat alike, as UTF-8 JSON bytes.
 */
public final class ErrorFrame {

    /** Not JSON, not an object, an unknown type, a missing or malformed field. */
    public static final String BAD_REQUEST = "bad_request";
    /** A walk target that is not finite or lies outside the world. */
    public static final String BAD_TARGET = "bad_target";
    /** A game frame before the welcome. */
    public static final String NOT_JOINED = "not_joined";
    /** Too many frames or chat lines. */
    public static final String RATE_LIMITED = "rate_limited";
    /** The world's link is down right now. */
    public static final String WORLD_UNAVAILABLE = "world_unavailable";
    /** The chat's link, or its broker, is down right now. */
    public static final String CHAT_UNAVAILABLE = "chat_unavailable";

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorFrame() {}

    public static byte[] encode(String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "Error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to take bytes
        }
        return out.toByteArray();
    }
}
