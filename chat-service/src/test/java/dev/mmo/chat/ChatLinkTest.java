package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.count;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.json;
import static dev.mmo.chat.Players.management;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.nextError;
import static dev.mmo.chat.Players.say;
import static dev.mmo.chat.Players.unique;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Chat as a gateway sees it on the link, with a real Kafka behind chat-service. */
@QuarkusTest
@WithTestResource(ChatStack.class)
class ChatLinkTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void aMessageReachesEachLinkAsOneBroadcastWithSenderAndTime() {
        try (LinkClient gateway = LinkClient.connect(service);
                LinkClient otherGateway = LinkClient.connect(service)) {
            long alice = join(gateway, 1, "alice");
            join(gateway, 2, "bob");
            join(otherGateway, 1, "carol");
            String text = unique("hi");
            Instant before = Instant.now().minusSeconds(1);

            say(gateway, alice, text);

            JsonNode chat = nextChat(gateway, text, WAIT);
            assertEquals("Chat", chat.path("type").asText());
            assertEquals("alice", chat.path("from").asText());
            Instant at = Instant.parse(chat.path("at").asText());
            assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), "at " + at);
            assertEquals(4, chat.size(), "a Chat frame has type, from, text and at only: " + chat);
            nextChat(otherGateway, text, WAIT);

            // a marker said after it: once both links have it, whatever the first message caused has come
            String marker = unique("marker");
            say(gateway, alice, marker);
            nextChat(gateway, marker, WAIT);
            nextChat(otherGateway, marker, WAIT);
            List<LinkFrame> heard = gateway.received();
            assertEquals(1, count(heard, LinkOp.BROADCAST, text), "one broadcast per link, not one per session");
            assertTrue(
                    heard.stream().noneMatch(frame -> frame.op() == LinkOp.SEND),
                    "nothing sent to one session: " + heard);
            assertEquals(1, count(otherGateway.received(), LinkOp.BROADCAST, text));
        }
    }

    @Test
    void theSixthMessageWithinFiveSecondsIsRateLimited() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "chatty");
            String text = unique("spam");
            for (int i = 1; i <= 6; i++) {
                say(gateway, player, text + " " + i);
            }
            nextError(gateway, player, "rate_limited", WAIT);
            // a marker from someone else, said after the sixth: once it is delivered, the sixth would have been
            String marker = unique("marker");
            say(gateway, join(gateway, 2, "quiet"), marker);
            nextChat(gateway, marker, WAIT);
            List<LinkFrame> heard = gateway.received();
            IntStream.rangeClosed(1, 5)
                    .forEach(i -> assertEquals(
                            1, count(heard, LinkOp.BROADCAST, text + " " + i), "message " + i + " delivered"));
            assertEquals(0, count(heard, LinkOp.BROADCAST, text + " 6"), "the sixth is dropped");
        }
    }

    @Test
    void badTextIsRefusedAndNothingIsPublished() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "sloppy");
            String tooLong = "x".repeat(201);
            for (String bad : List.of(tooLong, "", "   \t  ", "\u0000\u0007\u001b")) {
                say(gateway, player, bad);
                JsonNode error = nextError(gateway, player, "bad_request", WAIT);
                assertTrue(error.path("message").isTextual());
            }
            String id = unique("max");
            String exactlyMax = id + "y".repeat(200 - id.length());
            // said after the refused ones: once it is delivered, any of them would have been
            say(gateway, player, exactlyMax);
            nextChat(gateway, exactlyMax, WAIT);
            assertEquals(
                    List.of(exactlyMax),
                    gateway.received().stream()
                            .filter(frame -> frame.op() == LinkOp.BROADCAST)
                            .map(frame -> json(frame).path("text").asText())
                            .toList(),
                    "only the good text is published");
        }
    }

    @Test
    void controlCharactersAreRemovedFromWhatIsDelivered() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "beeper");
            String id = unique("");
            say(gateway, player, "\u0007ring\u0000 the\nbell" + id + "\u001b");
            nextChat(gateway, "ring the bell" + id, WAIT);
        }
    }

    @Test
    void markupIsDeliveredAsPlainTextUnchanged() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "mallory");
            String markup = "<img src=x onerror=alert(1)>";
            String text = markup + unique("");

            say(gateway, player, text);

            LinkFrame frame = gateway.next(
                    f -> f.op() == LinkOp.BROADCAST && f.payloadText().contains(text),
                    WAIT,
                    "the broadcast with markup");
            assertEquals(text, json(frame).path("text").asText());
            assertTrue(
                    frame.payloadText().contains("\"text\":\"" + text + "\""),
                    "a JSON string with the characters as they were, nothing escaped or stripped: "
                            + frame.payloadText());
        }
    }

    @Test
    void aBadTokenIsKickedWith4401() {
        TestTokens tokens = TestTokens.get();
        try (LinkClient gateway = LinkClient.connect(service)) {
            List<String> badTokens = List.of(
                    tokens.expired(7, "old"), tokens.tampered(7, "eve"), tokens.unsigned(7, "eve"), "not a token");
            for (int session = 1; session <= badTokens.size(); session++) {
                gateway.open(session, badTokens.get(session - 1));
                LinkFrame kick = gateway.next(LinkOp.KICK, session, WAIT);
                assertTrue(kick.payloadText().startsWith("4401 "), kick.payloadText());
            }
            say(gateway, 1, "let me in");
            nextError(gateway, 1, "not_joined", WAIT);
        }
    }

    @Test
    void framesOtherThanChatAreRefused() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "confused");
            gateway.frame(player, "{\"type\":\"Target\",\"x\":1,\"y\":2}");
            nextError(gateway, player, "bad_request", WAIT);
            gateway.frame(player, "{\"type\":\"Chat\",\"text\":42}");
            nextError(gateway, player, "bad_request", WAIT);
            gateway.frame(player, "not json");
            nextError(gateway, player, "bad_request", WAIT);
            String text = unique("still here");
            say(gateway, player, text);
            nextChat(gateway, text, WAIT);
        }
    }

    @Test
    void aClosedSessionCanNoLongerChat() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "leaver");
            gateway.closed(player);
            say(gateway, player, "anyone?");
            nextError(gateway, player, "not_joined", WAIT);
        }
    }

    @Test
    void trafficShowsInMetrics() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "counted");
            String text = unique("count me");
            say(gateway, player, text);
            nextChat(gateway, text, WAIT);
            say(gateway, player, " ");
            nextError(gateway, player, "bad_request", WAIT);
        }
        when().get(management("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("mmo_chat_messages_in_total"))
                .body(containsString("mmo_chat_messages_published_total"))
                .body(containsString("mmo_chat_messages_out_total"))
                .body(containsString("mmo_chat_messages_rejected_total{reason=\"bad_request\""))
                .body(containsString("mmo_chat_consumer_lag"))
                .body(containsString("mmo_chat_kafka_connected"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag"));
    }
}
