package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.management;
import static dev.mmo.chat.Players.metric;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.say;
import static dev.mmo.chat.Players.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mmo.testing.LinkClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /link} is for gateways only, and chat's health, metrics and OpenAPI are on the management port only. */
@QuarkusTest
@WithTestResource(ChatStack.class)
class ChatLinkCredentialTest {

    private static final String REFUSED = "mmo_chat_link_refused_total{reason=\"credential\"}";

    @TestHTTPResource("/")
    URI service;

    @Test
    void anUpgradeWithoutTheSecretOrWithAWrongOneIsRefusedWith401() {
        double before = metric(REFUSED);
        assertEquals(401, LinkClient.refusedUpgrade(service, null), "no credential");
        assertEquals(
                401,
                LinkClient.refusedUpgrade(service, "a wrong secret that is long enough to look real"),
                "a wrong credential");
        assertEquals(
                401,
                LinkClient.refusedUpgrade(service, LinkClient.configuredSecret().substring(1)),
                "almost the secret");
        assertEquals(before + 3, metric(REFUSED), "each refusal is counted");
    }

    @Test
    void theRightSecretOpensALinkThatCarriesChat() {
        try (LinkClient gateway = LinkClient.connect(service, LinkClient.configuredSecret())) {
            long player = join(gateway, 1, "admitted");
            String text = unique("through an admitted link");
            say(gateway, player, text);
            nextChat(gateway, text, WAIT);
        }
    }

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementInterfaceOnly() {
        given().get(management("/q/health/ready")).then().statusCode(200);
        given().get(management("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("mmo_chat_link_refused_total"));
        given().get(management("/q/openapi")).then().statusCode(200).body(containsString("/api/chat/history"));
        given().get(management("/q/swagger-ui/")).then().statusCode(200).body(containsString("swagger"));
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(404);
        }
    }
}
