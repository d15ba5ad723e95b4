package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.await;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.metric;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmo.chat.kafka.ChatRelay;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Someone who can write to the chat topic directly — past chat-service and its rules — reaches no player: every
 * record is checked again when it is read. Records are written with a real Kafka producer, as an attacker would.
 */
@QuarkusTest
@WithTestResource(ChatStack.class)
class ForgedRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI service;

    @Inject
    ChatRelay relay;

    @Test
    void aForgedRecordReachesNoPlayerAndAGoodOneAfterItDoes() throws Exception {
        String marker = unique("forged");
        // each breaks one rule; the reason it is dropped for, as counted
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("not JSON " + marker, "unreadable");
        forged.put("[\"" + marker + "\"]", "unreadable");
        forged.put(record(marker + " no id").without("id"), "shape");
        forged.put(record(marker + " extra field").with("html", "<b>bold</b>"), "shape");
        forged.put(record(marker + " actorId as text").with("actorId", "7"), "shape");
        forged.put(record(marker + " at is no time").with("at", "yesterday"), "shape");
        forged.put(record(marker + " a bad sender").with("from", "admin <script>"), "sender");
        forged.put(record("\u0007" + marker + " a control character").json(), "text");
        forged.put(record("\u202E" + marker + " a bidi override").json(), "text");
        forged.put(record(marker + " too long " + "x".repeat(200)).json(), "text");
        forged.put(record("  " + marker + " untrimmed  ").json(), "text");
        String good = unique("a good record after the forged ones");

        await("chat attached to the topic", WAIT, relay::isAvailable);
        Map<String, Double> droppedBefore = new LinkedHashMap<>();
        for (String reason : List.of("unreadable", "shape", "sender", "text")) {
            droppedBefore.put(reason, dropped(reason));
        }
        try (LinkClient gateway = LinkClient.connect(service)) {
            join(gateway, 1, "listener");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
                for (String value : forged.keySet()) {
                    producer.send(new ProducerRecord<>("chat-messages", "7", value))
                            .get(10, TimeUnit.SECONDS);
                }
                producer.send(new ProducerRecord<>(
                                "chat-messages", "7", record(good).json()))
                        .get(10, TimeUnit.SECONDS);
            }

            nextChat(gateway, good, WAIT);
            List<LinkFrame> seen = gateway.received();
            assertTrue(
                    seen.stream()
                            .noneMatch(frame -> frame.op() == LinkOp.BROADCAST
                                    && frame.payloadText().contains(marker)),
                    "a forged record reached the link: " + seen);
        }
        for (var expected : droppedBefore.entrySet()) {
            long forgedForReason =
                    forged.values().stream().filter(expected.getKey()::equals).count();
            assertEquals(
                    expected.getValue() + forgedForReason,
                    dropped(expected.getKey()),
                    "records dropped for " + expected.getKey());
        }
        String history = given().auth()
                .oauth2(TestTokens.get().forActor(Players.newActor(), "reader"))
                .queryParam("limit", 100)
                .get("/api/chat/history")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(history.contains(good), "the good record is in history");
        assertFalse(history.contains(marker), "no forged record is in history: " + history);
    }

    private static double dropped(String reason) {
        return metric("mmo_chat_records_dropped_total{reason=\"" + reason + "\"}");
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "forger");
        return config;
    }

    /** A record as chat-service writes it, to be spoilt in one way. */
    private static ForgedLine record(String text) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("actorId", 7)
                .put("from", "mallory")
                .put("text", text)
                .put("at", Instant.now().toString());
        return new ForgedLine(node);
    }

    private record ForgedLine(ObjectNode node) {
        String json() {
            return node.toString();
        }

        String without(String field) {
            node.remove(field);
            return json();
        }

        String with(String field, String value) {
            node.put(field, value);
            return json();
        }
    }
}
