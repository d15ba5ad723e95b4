package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.await;
import static dev.mmo.chat.Players.count;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.management;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.nextError;
import static dev.mmo.chat.Players.say;
import static dev.mmo.chat.Players.unique;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.chat.kafka.ChatRelay;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.stack.InjectLocalStack;
import dev.mmo.stack.LocalStack;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Kafka goes away and comes back while chat-service keeps running. */
@QuarkusTest
@WithTestResource(ChatStack.class)
class KafkaOutageTest {

    private static final Logger LOG = Logger.getLogger(KafkaOutageTest.class);
    /** The send timeout (2 s in tests) plus the publisher's second of grace, plus slack for a busy machine. */
    private static final Duration ERROR_WITHIN = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URI service;

    @InjectLocalStack
    LocalStack stack;

    @Inject
    ChatRelay relay;

    @Test
    void sendersHearQuicklyWhileKafkaIsDownAndChatRecoversByItself() throws Exception {
        String token = TestTokens.get().forActor(Players.newActor(), "reader");
        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "patient");
            String before = unique("before");
            say(gateway, player, before);
            nextChat(gateway, before, WAIT);

            stack.stopKafka();
            try {
                String during = unique("during");
                long start = System.nanoTime();
                say(gateway, player, during);
                nextError(gateway, player, "chat_unavailable", ERROR_WITHIN);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(ERROR_WITHIN) < 0, "the error took " + took);
                LOG.infof("chat_unavailable after %d ms", took.toMillis());

                // the service stays up and says why chat is degraded; what it has read stays readable
                await("readiness reporting Kafka unreachable", WAIT, () -> !relay.isKafkaConnected());
                when().get(management("/q/health/live")).then().statusCode(200);
                when().get(management("/q/health/ready"))
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'chat' }.data.kafka", equalTo("unreachable"));
                given().auth()
                        .oauth2(token)
                        .queryParam("limit", 1)
                        .when()
                        .get("/api/chat/history")
                        .then()
                        .statusCode(200)
                        .body("[0].text", equalTo(before));

                stack.startKafka();
                long restarted = System.nanoTime();
                await("chat-service reconnecting to Kafka", Duration.ofSeconds(30), relay::isKafkaConnected);
                String after = unique("after");
                say(gateway, player, after);
                nextChat(gateway, after, WAIT);
                LOG.infof(
                        "chat working again %d ms after Kafka was up",
                        Duration.ofNanos(System.nanoTime() - restarted).toMillis());
                when().get(management("/q/health/ready"))
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'chat' }.data.kafka", equalTo("connected"));

                // a marker said after the recovery: once it is delivered, the refused message would have been
                String marker = unique("marker");
                say(gateway, player, marker);
                nextChat(gateway, marker, WAIT);
                assertEquals(
                        0,
                        count(gateway.received(), LinkOp.BROADCAST, during),
                        "a message refused with chat_unavailable is never delivered later");
            } finally {
                if (!stack.isKafkaRunning()) {
                    stack.startKafka();
                }
            }
        }
    }
}
