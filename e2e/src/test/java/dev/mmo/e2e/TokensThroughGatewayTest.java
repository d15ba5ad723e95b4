package dev.mmo.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.testing.Await;
import dev.mmo.testing.GameClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Refresh tokens and a signing key rotation, through the gateway against every real service. */
class TokensThroughGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RunningSystem system = RunningSystem.get();

    private JsonPath loginAnswer(String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", Players.PASSWORD))
                .post(system.gateway("/api/auth/login"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post(system.gateway("/api/auth/refresh"))
                .then();
    }

    @Test
    void aRefreshRotatesItsTokenAndLogoutEndsTheSession() {
        String name = Players.uniqueName("refresher");
        Players.register(system, name, 2);
        String first = loginAnswer(name).getString("refreshToken");

        JsonPath refreshed = refresh(first).statusCode(200).extract().jsonPath();
        String second = refreshed.getString("refreshToken");
        assertNotEquals(first, second);
        given().auth()
                .oauth2(refreshed.getString("token"))
                .get(system.gateway("/api/auth/me"))
                .then()
                .statusCode(200)
                .body("username", equalTo(name));

        refresh(first).statusCode(401).body("error", equalTo("invalid_refresh_token")); // spent: ends the session
        refresh(second).statusCode(401);

        String third = loginAnswer(name).getString("refreshToken");
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", third))
                .post(system.gateway("/api/auth/logout"))
                .then()
                .statusCode(204);
        refresh(third).statusCode(401);
    }

    @Test
    void afterAKeyRotationOldAndNewTokensWorkInEveryService() throws Exception {
        String name = Players.uniqueName("rotator");
        long actorId = Players.register(system, name, 4);
        String before = Players.login(system, name);
        String oldKey = keyIdOf(before);
        // the gateway and the world have seen the old key: they hold it in memory from here on
        assertWelcomed(before, actorId);

        rotateKeys();
        awaitPublishedFirst(oldKey);

        String after = Players.login(system, name);
        String newKey = keyIdOf(after);
        assertNotEquals(oldKey, newKey, "tokens now carry the new key's id");
        assertWelcomed(after, actorId); // gateway and world fetch the JWKS again for the new kid
        assertWelcomed(before, actorId); // and still accept the old one until it expires
        for (String token : List.of(before, after)) {
            given().auth()
                    .oauth2(token)
                    .get(system.gateway("/api/auth/me"))
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(token)
                    .queryParam("x", 0)
                    .queryParam("y", 0)
                    .get(system.gateway("/api/world/actors"))
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(token)
                    .get(system.gateway("/api/chat/history?limit=1"))
                    .then()
                    .statusCode(200);
        }
    }

    private void assertWelcomed(String token, long actorId) {
        try (GameClient client = GameClient.join(system.gameSocket(), token)) {
            JsonNode welcome = client.next(WAIT);
            assertEquals("Welcome", welcome.path("type").asText(), welcome.toString());
            assertEquals(actorId, welcome.path("actorId").asLong());
        }
    }

    /** What ./mmo rotate-keys runs, against the running system's key folder. */
    private void rotateKeys() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path app = system.root().resolve("auth-service/target/quarkus-app");
        String classPath = app.resolve("app") + "/*" + File.pathSeparator + app.resolve("lib/main") + "/*";
        Process rotate = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        classPath,
                        "dev.mmo.auth.token.RotateKeys",
                        system.authKeysDir().toString())
                .inheritIO()
                .start();
        if (!rotate.waitFor(60, TimeUnit.SECONDS) || rotate.exitValue() != 0) {
            throw new AssertionError("RotateKeys failed");
        }
    }

    /** Waits until the JWKS, as the gateway passes it on, lists a new key first and the old one after it. */
    private void awaitPublishedFirst(String oldKey) {
        List<String> published = Await.until(
                () -> given().get(system.gateway("/api/auth/jwks"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .<String>getList("keys.kid"),
                kids -> !kids.getFirst().equals(oldKey),
                Duration.ofSeconds(30),
                "JWKS with a new key first");
        assertEquals(List.of(published.getFirst(), oldKey), published);
    }

    private static String keyIdOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return JsonPath.from(header).getString("kid");
    }
}
