package dev.mmo.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.restassured.RestAssured;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shortcuts for chat tests on a link: players with their own actors (so rate limits never meet), chat frames. */
final class Players {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT_ACTOR = new AtomicLong(1000);

    private Players() {}

    /** A new actor id; all tests of one run share the application and so its rate limits. */
    static long newActor() {
        return NEXT_ACTOR.incrementAndGet();
    }

    /** Opens a session for a new actor named {@code username} and waits until chat accepts it. */
    static long join(LinkClient link, long session, String username) {
        link.open(session, TestTokens.get().forActor(newActor(), username));
        link.next(LinkOp.ACCEPT, session, WAIT);
        return session;
    }

    static void say(LinkClient link, long session, String text) {
        link.frame(
                session,
                JSON.createObjectNode().put("type", "Chat").put("text", text).toString());
    }

    /** Text no other test says. */
    static String unique(String text) {
        return text + " #" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The next broadcast chat message with that text; other frames before it are skipped. */
    static JsonNode nextChat(LinkClient link, String text, Duration within) {
        LinkFrame frame = link.next(
                f -> f.op() == LinkOp.BROADCAST
                        && text.equals(json(f).path("text").asText()),
                within,
                "Chat broadcast of \"" + text + "\"");
        return json(frame);
    }

    /** The next Error sent to that session; asserts its code. */
    static JsonNode nextError(LinkClient link, long session, String code, Duration within) {
        JsonNode error = json(link.next(LinkOp.SEND, session, within));
        assertEquals("Error", error.path("type").asText(), error.toString());
        assertEquals(code, error.path("code").asText(), error.toString());
        return error;
    }

    /** A SEND or BROADCAST payload: chat sends one JSON object per frame. */
    static JsonNode json(LinkFrame frame) {
        List<JsonNode> messages = LinkClient.messages(frame);
        assertEquals(1, messages.size(), frame.payloadText());
        return messages.getFirst();
    }

    static long count(List<LinkFrame> frames, LinkOp op, String text) {
        return frames.stream()
                .filter(frame ->
                        frame.op() == op && text.equals(json(frame).path("text").asText()))
                .count();
    }

    /** A path on the running test application's management interface (its port is picked at start). */
    static URI management(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return URI.create("http://localhost:" + port + path);
    }

    /** The value of one series of {@code /q/metrics}, 0 while it does not exist. */
    static double metric(String nameAndLabels) {
        String text = RestAssured.get(management("/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return text.lines()
                .filter(line -> line.startsWith(nameAndLabels + " "))
                .mapToDouble(line -> Double.parseDouble(
                        line.substring(nameAndLabels.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }

    /** {@link Await#until}, in the order these tests read best: what, how long, the condition. */
    static void await(String what, Duration within, BooleanSupplier condition) {
        Await.until(condition, within, what);
    }
}
