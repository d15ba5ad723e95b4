package dev.mmo.auth.overload;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registered;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.mmo.auth.FrozenPostgres;
import dev.mmo.stack.InjectLocalStack;
import dev.mmo.stack.LocalStack;
import dev.mmo.stack.LocalStackTestResource;
import dev.mmo.testing.Await;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PostgreSQL hung (SIGSTOP): auth-service says so at once, and carries on when it is back (SIGCONT). */
@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class DatabaseOutageTest {

    /** A broken service would hang forever; this turns that into a failure. Not a speed target. */
    private static final RestAssuredConfig GIVE_UP_AFTER_30_S = RestAssured.config()
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30_000));

    @InjectLocalStack
    LocalStack stack;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    private static ValidatableResponse post(String path, Map<String, Object> body) {
        return given().config(GIVE_UP_AFTER_30_S)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then();
    }

    private static void assertUnavailable(ValidatableResponse answer) {
        answer.statusCode(503).contentType(ContentType.JSON).body("error", equalTo("unavailable"));
        assertThat(Integer.parseInt(answer.extract().header("Retry-After")), greaterThanOrEqualTo(1));
    }

    @Test
    @Timeout(180)
    void whilePostgresHangsLoginAndRegistrationAnswer503AndWorkAgainAfterwards() throws Exception {
        String player = newUsername("patient");
        registered(player);
        Map<String, Object> login = Map.of("username", player, "password", PASSWORD);

        try (FrozenPostgres ignored = FrozenPostgres.freeze(stack)) {
            assertUnavailable(post("/api/auth/login", login)); // the first one meets the timeouts
            assertUnavailable(
                    post("/api/auth/register", Map.of("username", newUsername("newbie"), "password", PASSWORD)));
            assertUnavailable(post("/api/auth/login", login));
            assertUnavailable(post("/api/auth/refresh", Map.of("refreshToken", "A".repeat(64))));

            given().config(GIVE_UP_AFTER_30_S)
                    .get(management.resolve("/q/health/ready"))
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"));
            assertThat(
                    given().config(GIVE_UP_AFTER_30_S)
                            .get(management.resolve("/q/metrics"))
                            .asString(),
                    containsString("mmo_auth_database_up 0.0"));
        }

        Await.until(
                () -> post("/api/auth/login", login).extract().statusCode() == 200,
                Duration.ofSeconds(60),
                "login working again after PostgreSQL resumed");
        post("/api/auth/register", Map.of("username", newUsername("newbie"), "password", PASSWORD))
                .statusCode(201);
        given().get(management.resolve("/q/health/ready")).then().statusCode(200);
    }
}
