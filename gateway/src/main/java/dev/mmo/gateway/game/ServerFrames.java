package dev.mmo.gateway.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmo.shared.game.ErrorFrame;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** The few server frames the gateway writes itself; everything else comes from the services. */
final class ServerFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerFrames() {}

    static Buffer error(String code, String message) {
        return Buffer.buffer(ErrorFrame.encode(code, message));
    }

    /**
     * Several server frames as one array frame, in order, without decoding them: an array's elements are taken
     * out of their brackets, an object is taken as it is. Frames come from the services' encoders, which write no
     * whitespace around them.
     */
    static TextFrame joined(List<TextFrame> frames) {
        int length = 2 + frames.size();
        for (TextFrame frame : frames) {
            length += frame.bytes().length();
        }
        Buffer array = Buffer.buffer(length).appendByte((byte) '[');
        for (int i = 0; i < frames.size(); i++) {
            Buffer frame = frames.get(i).bytes();
            boolean isArray = frame.length() > 0 && frame.getByte(0) == '[';
            if (isArray && frame.length() == 2) {
                continue; // []
            }
            if (array.length() > 1) {
                array.appendByte((byte) ',');
            }
            array.appendBuffer(isArray ? frame.slice(1, frame.length() - 1) : frame);
        }
        return TextFrame.of(array.appendByte((byte) ']'));
    }

    static String pong(JsonNode t) {
        ObjectNode frame = JSON.createObjectNode().put("type", "Pong");
        frame.set("t", t);
        return frame.toString();
    }
}
