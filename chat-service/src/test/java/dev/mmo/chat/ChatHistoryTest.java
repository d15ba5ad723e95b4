package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.await;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.say;
import static dev.mmo.chat.Players.unique;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.chat.kafka.ChatFeed;
import dev.mmo.chat.kafka.ChatRecords;
import dev.mmo.chat.kafka.ChatRelay;
import dev.mmo.chat.kafka.KafkaClients;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatStack.class)
class ChatHistoryTest {

    private static final String TOKEN = TestTokens.get().forActor(Players.newActor(), "reader");

    @TestHTTPResource("/")
    URI service;

    @Inject
    ChatRelay relay;

    @Inject
    KafkaClients kafka;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Test
    void historyHasTheLastMessagesOldestFirst() {
        List<String> said = sayThree("history");

        given().auth()
                .oauth2(TOKEN)
                .queryParam("limit", 3)
                .when()
                .get("/api/chat/history")
                .then()
                .statusCode(200)
                .body("", hasSize(3))
                .body("text", equalTo(said))
                .body("from", equalTo(List.of("historian", "historian", "historian")))
                .body("[0].id", notNullValue())
                .body("[0].actorId", notNullValue())
                .body("[0].at", notNullValue());
        given().auth()
                .oauth2(TOKEN)
                .when()
                .get("/api/chat/history")
                .then()
                .statusCode(200)
                .body("size()", lessThanOrEqualTo(50))
                .body("[-1].text", equalTo(said.get(2)));
    }

    @Test
    void limitIsOneToAHundred() {
        for (int limit : new int[] {0, 101, -1}) {
            given().auth()
                    .oauth2(TOKEN)
                    .queryParam("limit", limit)
                    .when()
                    .get("/api/chat/history")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("bad_request"));
        }
        given().auth()
                .oauth2(TOKEN)
                .queryParam("limit", 100)
                .when()
                .get("/api/chat/history")
                .then()
                .statusCode(200);
    }

    @Test
    void historyNeedsAPlayersToken() {
        when().get("/api/chat/history").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth()
                .oauth2(TestTokens.get().expired(1, "old"))
                .when()
                .get("/api/chat/history")
                .then()
                .statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    /**
     * What a restarted replica does, inside this test: a second feed, built like the service's own, loads history
     * from the topic alone and then delivers only what is said after it attached. (A restart of the whole process,
     * and two replicas side by side, are covered by the e2e tests.)
     */
    @Test
    void aNewFeedLoadsHistoryFromTheTopicAndThenFollowsIt() throws Exception {
        List<String> said = sayThree("before the restart");
        List<String> live = new CopyOnWriteArrayList<>();
        ChatRecords records = new ChatRecords(json, new ChatText(200), metrics);
        try (ChatFeed restarted = new ChatFeed(kafka, records, message -> live.add(message.text()), metrics)) {
            restarted.start();
            await("loading history from the topic", WAIT, restarted::hasReadHistory);

            assertEquals(relay.history(ChatFeed.HISTORY_SIZE).orElseThrow(), restarted.history(ChatFeed.HISTORY_SIZE));
            assertEquals(
                    said, restarted.history(3).stream().map(ChatMessage::text).toList());
            assertTrue(live.isEmpty(), "history is not delivered again: " + live);

            List<String> after = sayThree("after the restart");
            // three more said after them: once the last is delivered, everything said before it has been
            List<String> markers = sayThree("marker");
            await("the new feed delivering what was said since", WAIT, () -> live.contains(markers.getLast()));
            assertEquals(
                    Stream.concat(after.stream(), markers.stream()).toList(),
                    live,
                    "each delivered once, in order, and nothing else");
        }
    }

    private List<String> sayThree(String prefix) {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "historian");
            List<String> texts = List.of(unique(prefix + " 1"), unique(prefix + " 2"), unique(prefix + " 3"));
            for (String text : texts) {
                say(gateway, player, text);
                nextChat(gateway, text, WAIT);
            }
            return texts;
        }
    }
}
