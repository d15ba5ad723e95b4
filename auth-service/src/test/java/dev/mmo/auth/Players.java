package dev.mmo.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What a client does against auth-service, for tests that tell a player's story. */
public final class Players {

    public static final String PASSWORD = "correct horse";
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Players() {}

    /** A username no other test uses, as all tests share one database. */
    public static String newUsername(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + NEXT.incrementAndGet();
    }

    public static ValidatableResponse register(String username, String password, Integer avatarId) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (avatarId != null) {
            body.put("avatarId", avatarId);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/auth/register")
                .then();
    }

    /** Registers and returns the new actor's id. */
    public static long registered(String username) {
        return register(username, PASSWORD, null)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("actorId");
    }

    public static ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when()
                .post("/api/auth/login")
                .then();
    }

    /**
     * A login as a proxy in front of auth-service forwards it: the tests' connections come from loopback, which
     * auth-service trusts to name the client in {@code X-Forwarded-For}.
     */
    public static ValidatableResponse loginFrom(String clientAddress, String username, String password) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", clientAddress)
                .body(Map.of("username", username, "password", password))
                .when()
                .post("/api/auth/login")
                .then();
    }

    /** A registration forwarded for that client address, as {@link #loginFrom}. */
    public static ValidatableResponse registerFrom(String clientAddress, String username) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", clientAddress)
                .body(Map.of("username", username, "password", PASSWORD))
                .when()
                .post("/api/auth/register")
                .then();
    }

    public static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .when()
                .post("/api/auth/refresh")
                .then();
    }

    public static ValidatableResponse logout(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .when()
                .post("/api/auth/logout")
                .then();
    }

    /** Logs in and returns the bearer token. */
    public static String tokenOf(String username) {
        return login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("token");
    }

    public static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get("/api/auth/me").then();
    }
}
