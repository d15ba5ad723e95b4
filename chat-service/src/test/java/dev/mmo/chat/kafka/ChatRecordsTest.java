package dev.mmo.chat.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmo.chat.ChatMessage;
import dev.mmo.chat.ChatText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules a record read back from the topic is held to; the real topic is in ForgedRecordTest. */
class ChatRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ChatRecords records = new ChatRecords(JSON, new ChatText(200), metrics);

    @Test
    void aRecordAsChatWritesItIsReadBack() {
        Instant at = Instant.parse("2025-06-01T12:00:00.123Z");
        Optional<ChatMessage> read = records.read(good().toString(), "t-0@1");
        assertEquals(
                Optional.of(new ChatMessage("5f0c1e2d-0000-4000-8000-000000000001", 7, "alice", "hi <b>", at)), read);
    }

    @Test
    void eachBrokenRuleIsDroppedAndCountedByReason() {
        assertDropped("unreadable", "{not json");
        assertDropped("unreadable", "\"a string\"");
        assertDropped("unreadable", null);
        assertDropped("shape", good().put("extra", 1).toString());
        assertDropped("shape", withoutField("text"));
        assertDropped("shape", good().putNull("from").toString());
        assertDropped("shape", good().put("actorId", 0).toString());
        assertDropped("shape", good().put("actorId", 1.5).toString());
        assertDropped("shape", good().put("id", "x".repeat(65)).toString());
        assertDropped("shape", good().put("at", 12).toString());
        assertDropped("sender", good().put("from", "al").toString());
        assertDropped("sender", good().put("from", "alice!").toString());
        assertDropped("text", good().put("text", "").toString());
        assertDropped("text", good().put("text", "x".repeat(201)).toString());
        assertDropped("text", good().put("text", "tab\there").toString());
        assertDropped("text", good().put("text", "\u2066isolated\u2069").toString());
        assertEquals(3, dropped("unreadable"));
        assertEquals(7, dropped("shape"));
        assertEquals(2, dropped("sender"));
        assertEquals(4, dropped("text"));
    }

    private void assertDropped(String reason, String value) {
        double before = dropped(reason);
        assertTrue(records.read(value, "t-0@2").isEmpty(), "dropped: " + value);
        assertEquals(before + 1, dropped(reason), reason + ": " + value);
    }

    private double dropped(String reason) {
        return metrics.get("mmo.chat.records.dropped")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static String withoutField(String field) {
        ObjectNode record = good();
        record.remove(field);
        return record.toString();
    }

    private static ObjectNode good() {
        return JSON.createObjectNode()
                .put("id", "5f0c1e2d-0000-4000-8000-000000000001")
                .put("actorId", 7)
                .put("from", "alice")
                .put("text", "hi <b>")
                .put("at", "2025-06-01T12:00:00.123Z");
    }
}
