package dev.mmo.world.link;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mmo.shared.game.ErrorFrame;
import dev.mmo.world.core.TargetCheck;
import dev.mmo.world.core.WorldConfig;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Reads the client frames the world owns ({@code Target}) from the JSON bytes the gateway forwards unchanged. */
final class ClientFrames {

    /** Strict: a frame with anything after its object is malformed, not quietly cut short. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ClientFrames() {}

    sealed interface Parsed {}

    /** A walk target that passed {@link WorldConfig#checkTarget}. */
    record Walk(double x, double y) implements Parsed {}

    /** A frame the world refuses; the player gets an {@code Error} with this code and message. */
    record Rejected(String code, String message) implements Parsed {}

    static Parsed parse(Buffer payload, WorldConfig rules) {
        JsonNode frame;
        try {
            frame = JSON.readTree(payload.getBytes());
        } catch (IOException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            return new Rejected(ErrorFrame.BAD_REQUEST, "A frame is a JSON object with a string \"type\".");
        }
        String type = frame.get("type").asText();
        if (!type.equals("Target")) {
            return new Rejected(ErrorFrame.BAD_REQUEST, "Unknown frame type \"" + type + "\".");
        }
        JsonNode x = frame.path("x");
        JsonNode y = frame.path("y");
        if (!x.isNumber() || !y.isNumber()) {
            return new Rejected(ErrorFrame.BAD_REQUEST, "Target needs numbers x and y.");
        }
        // a number too large for a double reads as infinity, which the check refuses
        TargetCheck check = rules.checkTarget(x.asDouble(), y.asDouble());
        if (!check.accepted()) {
            return new Rejected(check.errorCode(), check.message());
        }
        return new Walk(x.asDouble(), y.asDouble());
    }
}
