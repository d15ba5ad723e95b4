package dev.mmo.shared.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorFrameTest {

    @Test
    void isTheProtocolsErrorObjectWithTheTextAsData() throws IOException {
        byte[] frame = ErrorFrame.encode(ErrorFrame.BAD_REQUEST, "no \"<b>\" here – ü");
        JsonNode parsed = new ObjectMapper().readTree(frame);
        assertEquals(3, parsed.size());
        assertEquals("Error", parsed.get("type").asText());
        assertEquals("bad_request", parsed.get("code").asText());
        assertEquals("no \"<b>\" here – ü", parsed.get("message").asText());
    }
}
