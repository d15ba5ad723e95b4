package dev.mmo.chat;

import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.management;
import static dev.mmo.chat.Players.nextError;
import static dev.mmo.chat.Players.say;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** chat-service started while Kafka is not there at all: it runs, says so, and refuses chat at once. */
@QuarkusTest
@WithTestResource(ChatWithoutKafkaTest.NoKafka.class)
class ChatWithoutKafkaTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void startsAndStaysReadyButRefusesChatAtOnce() {
        when().get(management("/q/health/live")).then().statusCode(200);
        when().get(management("/q/health/ready"))
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'chat' }.data.kafka", equalTo("unreachable"))
                .body("checks.find { it.name == 'chat' }.data.history", equalTo("waiting for Kafka"));

        try (LinkClient gateway = LinkClient.connect(service)) {
            long player = join(gateway, 1, "early");
            say(gateway, player, "is anyone there?");
            // refused before anything is sent to Kafka: no send timeout to wait for
            nextError(gateway, player, "chat_unavailable", Duration.ofSeconds(1));
        }

        given().auth()
                .oauth2(TestTokens.get().forActor(1, "early"))
                .when()
                .get("/api/chat/history")
                .then()
                .statusCode(503)
                .body("error", equalTo("chat_unavailable"));
    }

    /** Test tokens, and a Kafka address where nothing listens. */
    public static class NoKafka implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(TestTokens.get().verifierConfig());
            config.put("kafka.bootstrap.servers", "localhost:" + closedPort());
            return config;
        }

        @Override
        public void stop() {}

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
