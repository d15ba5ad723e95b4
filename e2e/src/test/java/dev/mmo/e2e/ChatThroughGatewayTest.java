package dev.mmo.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mmo.testing.Await;
import dev.mmo.testing.GameClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Players chat through the gateway; chat-service relays through the real Kafka. */
class ChatThroughGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RunningSystem system = RunningSystem.get();

    /**
     * Joins and waits until chat has taken the session too, by saying hello and hearing it back. A gateway that has
     * just started closes players until its world link is up: like the web client, the player comes back.
     */
    private GameClient joined(URI gameSocket, String name) {
        String token = Players.login(system, name);
        GameClient client = Await.until(
                () -> {
                    GameClient attempt = GameClient.join(gameSocket, token);
                    JsonNode first = attempt.nextOrNullOnClose(WAIT);
                    if (first == null) {
                        return null;
                    }
                    assertEquals("Welcome", first.path("type").asText(), first.toString());
                    return attempt;
                },
                Objects::nonNull,
                WAIT,
                "a welcome through " + gameSocket);
        say(client, "hello, I am " + name);
        return client;
    }

    private static String chatFrame(String text) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("type", "Chat")
                .put("text", text)
                .toString();
    }

    /**
     * Says something once chat has taken the session (chat checks the token just after the world does; until then the
     * gateway answers chat_unavailable), and returns the first answer that is not about someone else's message.
     */
    private static void say(GameClient client, String text) {
        Await.retrying(
                () -> {
                    client.send(chatFrame(text));
                    JsonNode answer = client.next(
                            message -> ("Chat".equals(message.path("type").asText())
                                            && text.equals(message.path("text").asText()))
                                    || "Error".equals(message.path("type").asText()),
                            WAIT,
                            "our chat or an error");
                    if ("Error".equals(answer.path("type").asText())) {
                        assertEquals("chat_unavailable", answer.path("code").asText(), answer.toString());
                        return false;
                    }
                    return true;
                },
                Duration.ofMillis(200),
                WAIT,
                "chat taking the session");
    }

    private static JsonNode chatSaying(GameClient client, String text) {
        return client.next(
                message -> "Chat".equals(message.path("type").asText())
                        && text.equals(message.path("text").asText()),
                WAIT,
                "the chat \"" + text + "\"");
    }

    /** Everything the client is told up to the chat line saying {@code text}. */
    private static List<JsonNode> upTo(GameClient client, String text) {
        return client.nextUpTo(
                message -> "Chat".equals(message.path("type").asText())
                        && text.equals(message.path("text").asText()),
                WAIT,
                "the chat \"" + text + "\"");
    }

    private static long chatsSaying(List<JsonNode> messages, String text) {
        return messages.stream()
                .filter(message -> "Chat".equals(message.path("type").asText())
                        && text.equals(message.path("text").asText()))
                .count();
    }

    @Test
    void aSaysHiAndBothReceiveItOnceWithHerNameAndTime() {
        String alice = Players.uniqueName("alice");
        String bob = Players.uniqueName("bob");
        Players.register(system, alice, 0);
        Players.register(system, bob, 0);
        try (GameClient a = joined(system.gameSocket(), alice);
                GameClient b = joined(system.gameSocket(), bob)) {
            Instant before = Instant.now().minusSeconds(1);
            String hi = "hi from " + alice;
            say(a, hi);

            JsonNode heard = chatSaying(b, hi);
            assertEquals(alice, heard.path("from").asText());
            Instant at = Instant.parse(heard.path("at").asText());
            assertTrue(!at.isBefore(before) && at.isBefore(Instant.now().plusSeconds(1)), "sent just now: " + at);
            // a marker said after it: once it has come, a second copy of the first would have come before it
            String marker = "and then " + alice;
            a.send(chatFrame(marker));
            assertEquals(0, chatsSaying(upTo(b, marker), hi), "bob hears it once");
            assertEquals(0, chatsSaying(upTo(a, marker), hi), "alice sees it once");
        }
    }

    @Test
    void markupIsDeliveredAsPlainTextUnchanged() {
        String alice = Players.uniqueName("alice");
        String bob = Players.uniqueName("bob");
        Players.register(system, alice, 0);
        Players.register(system, bob, 0);
        String markup = "<img src=x onerror=alert(1)> " + alice;
        try (GameClient a = joined(system.gameSocket(), alice);
                GameClient b = joined(system.gameSocket(), bob)) {
            say(a, markup);
            assertEquals(markup, chatSaying(b, markup).path("text").asText());
        }
    }

    @Test
    void aPlayerOnAnotherGatewayAndChatReplicaHearsTheMessage() throws Exception {
        ServiceProcess secondChat = system.newChat("chat-service-2");
        ServiceProcess secondGateway = system.newGateway("gateway-2", secondChat);
        try (secondChat;
                secondGateway) {
            secondChat.start(system.startTimeout());
            secondGateway.start(system.startTimeout());
            String alice = Players.uniqueName("alice");
            String bob = Players.uniqueName("bob");
            Players.register(system, alice, 0);
            Players.register(system, bob, 0);
            try (GameClient a = joined(system.gameSocket(), alice);
                    GameClient b = joined(secondGateway.gameSocket(), bob)) {
                String hello = "across replicas from " + alice;
                say(a, hello);
                assertEquals(alice, chatSaying(b, hello).path("from").asText());
            }
        }
    }

    @Test
    void historySurvivesAChatServiceRestart() {
        String alice = Players.uniqueName("alice");
        Players.register(system, alice, 0);
        String remembered = "remember me, " + alice;
        try (GameClient a = joined(system.gameSocket(), alice)) {
            say(a, remembered);
        }
        system.chat().stop();
        system.chat().start(system.startTimeout());

        List<String> texts = given().auth()
                .oauth2(Players.login(system, alice))
                .get(system.gateway("/api/chat/history?limit=100"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("text", String.class);
        assertTrue(texts.contains(remembered), "history after the restart: " + texts);
    }

    @Test
    void withKafkaDownChatSaysSoAndTheWorldGoesOnThenChatRecoversByItself() throws Exception {
        String alice = Players.uniqueName("alice");
        Players.register(system, alice, 0);
        try (GameClient a = joined(system.gameSocket(), alice)) {
            say(a, "before the outage " + alice);
            system.stack().stopKafka();
            try {
                long sent = System.nanoTime();
                a.send(chatFrame("during the outage"));
                JsonNode error = a.next("Error", WAIT);
                assertEquals("chat_unavailable", error.path("code").asText());
                assertTrue(Duration.ofNanos(System.nanoTime() - sent).toSeconds() < 8, "the error comes quickly");

                a.target(35, 0);
                JsonNode moves = a.next("Moves", WAIT);
                assertFalse(moves.path("moves").isEmpty(), "the world keeps running without Kafka");
            } finally {
                system.stack().startKafka();
            }
            String after = "after the outage " + alice;
            // once a second: each refused line counts against the chat rate limit (5 in 5 s)
            Await.retrying(
                    () -> {
                        a.send(chatFrame(after));
                        JsonNode answer = a.next(
                                message -> "Error".equals(message.path("type").asText())
                                        || after.equals(message.path("text").asText()),
                                WAIT,
                                "our chat or an error");
                        return "Chat".equals(answer.path("type").asText());
                    },
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60),
                    "chat recovering");
        }
    }
}
