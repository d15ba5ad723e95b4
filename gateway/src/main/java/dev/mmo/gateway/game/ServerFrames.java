package dev.mmo.gateway.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The few server frames the gateway writes itself; everything else comes from the services. */
final class ServerFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerFrames() {
    }

    static String error(String code, String message) {
        ObjectNode frame = JSON.createObjectNode().put("type", "Error").put("code", code).put("message", message);
        return frame.toString();
    }

    static String pong(JsonNode t) {
        ObjectNode frame = JSON.createObjectNode().put("type", "Pong");
        frame.set("t", t);
        return frame.toString();
    }
}
