package dev.mmo.chat.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.chat.ChatMessage;
import dev.mmo.shared.game.ErrorFrame;
import io.vertx.core.buffer.Buffer;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The frames chat sends to players, as the UTF-8 JSON bytes a link frame carries. */
final class ServerFrames {

    /** {@code {"type":"Chat","from","text","at"}}: the text is a JSON string, never markup. */
    record Chat(String type, String from, String text, Instant at) {}

    private final ObjectMapper json;

    ServerFrames(ObjectMapper json) {
        this.json = json;
    }

    Buffer chat(ChatMessage message) {
        return encode(new Chat("Chat", message.from(), message.text(), message.at()));
    }

    Buffer error(String code, String message) {
        return Buffer.buffer(ErrorFrame.encode(code, message));
    }

    private Buffer encode(Record frame) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(frame));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
