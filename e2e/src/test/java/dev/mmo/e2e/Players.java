package dev.mmo.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers and logs in players through the gateway, as the web client does. */
final class Players {

    private static final AtomicInteger NEXT = new AtomicInteger();
    static final String PASSWORD = "correct horse";

    private Players() {}

    /** A username no other test uses, so tests share one database without meeting. */
    static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() % 10000 + "_" + NEXT.incrementAndGet();
    }

    static long register(RunningSystem system, String username, int avatarId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "avatarId", avatarId))
                .post(system.gateway("/api/auth/register"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("actorId");
    }

    static String login(RunningSystem system, String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .post(system.gateway("/api/auth/login"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("token");
    }
}
