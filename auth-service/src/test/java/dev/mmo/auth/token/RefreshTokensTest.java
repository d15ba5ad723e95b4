package dev.mmo.auth.token;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.login;
import static dev.mmo.auth.Players.logout;
import static dev.mmo.auth.Players.me;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.refresh;
import static dev.mmo.auth.Players.registered;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.mmo.auth.Tables;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class RefreshTokensTest {

    private static final String FAMILIES_OF_USER = "select count(*) from refresh_token_families f "
            + "join users u on u.id = f.user_id where lower(u.username) = lower(?)";

    @Inject
    Tables tables;

    @Inject
    RefreshTokens refreshTokens;

    @Test
    void aRefreshHandsOutNewTokensAndSpendsTheOldRefreshToken() {
        String username = newUsername("Rita");
        long actorId = registered(username);
        String first =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");

        JsonPath refreshed = refresh(first)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("actorId", equalTo((int) actorId))
                .body("refreshToken", matchesPattern("[A-Za-z0-9_-]{64}"))
                .body("refreshExpiresIn", equalTo(30 * 24 * 3600))
                .extract()
                .jsonPath();
        String second = refreshed.getString("refreshToken");

        assertThat(second, not(equalTo(first)));
        me(refreshed.getString("token")).statusCode(200).body("username", equalTo(username));
        refresh(second).statusCode(200);
    }

    @Test
    void aSpentRefreshTokenPresentedAgainEndsTheWholeSession() {
        String username = newUsername("Theo");
        registered(username);
        String stolen =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");
        String ownersNext = refresh(stolen).statusCode(200).extract().jsonPath().getString("refreshToken");

        refresh(stolen).statusCode(401).contentType(ContentType.JSON).body("error", equalTo("invalid_refresh_token"));

        // the owner's newer token, never spent, belonged to the same session: it is over too
        refresh(ownersNext).statusCode(401).body("error", equalTo("invalid_refresh_token"));
        assertThat(tables.count(FAMILIES_OF_USER, username), equalTo(0L));
    }

    @Test
    void endingOneSessionLeavesTheOtherLoginsOfThePlayerAlone() {
        String username = newUsername("Uma");
        registered(username);
        String phone =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");
        String laptop =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");
        refresh(phone).statusCode(200);

        refresh(phone).statusCode(401);

        refresh(laptop).statusCode(200);
    }

    @Test
    void logoutEndsTheSessionAndIsIdempotent() {
        String username = newUsername("Vera");
        registered(username);
        String token =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");

        logout(token).statusCode(204);

        refresh(token).statusCode(401).body("error", equalTo("invalid_refresh_token"));
        assertThat(tables.count(FAMILIES_OF_USER, username), equalTo(0L));
        logout(token).statusCode(204);
        logout("not a refresh token at all").statusCode(204);
    }

    @Test
    void unknownAndMalformedRefreshTokensAreRefused() {
        byte[] random = new byte[48];
        new java.security.SecureRandom().nextBytes(random);

        refresh(Base64.getUrlEncoder().withoutPadding().encodeToString(random))
                .statusCode(401)
                .body("error", equalTo("invalid_refresh_token"));
        refresh("short").statusCode(401).body("error", equalTo("invalid_refresh_token"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/auth/refresh")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/auth/logout")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"));
    }

    @Test
    void anExpiredSessionCannotBeRefreshedAndIsPurged() {
        String username = newUsername("Walt");
        registered(username);
        String token =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");
        String other = newUsername("Xena");
        registered(other);
        login(other, PASSWORD).statusCode(200);
        expireSessionsOf(username);

        refresh(token).statusCode(401).body("error", equalTo("invalid_refresh_token"));

        assertThat(tables.count(FAMILIES_OF_USER, username), equalTo(0L));
        login(username, PASSWORD).statusCode(200);
        expireSessionsOf(username);
        assertThat(refreshTokens.purgeExpired() >= 1, is(true));
        assertThat(tables.count(FAMILIES_OF_USER, username), equalTo(0L));
        assertThat(tables.count(FAMILIES_OF_USER, other), equalTo(1L));
    }

    private void expireSessionsOf(String username) {
        tables.update(
                "update refresh_token_families set expires_at = now() - interval '1 minute' "
                        + "where user_id = (select id from users where username = ?)",
                username);
    }

    @Test
    void onlyTheSha256OfTheSecretIsStored() throws Exception {
        String username = newUsername("Yuri");
        registered(username);
        String token =
                login(username, PASSWORD).statusCode(200).extract().jsonPath().getString("refreshToken");
        byte[] decoded = Base64.getUrlDecoder().decode(token);
        byte[] secret = Arrays.copyOfRange(decoded, 16, 48);

        Map<String, Object> stored = tables.row(
                "select encode(f.current_token_hash, 'hex') as hash, "
                        + "f.id::text as family from refresh_token_families f join users u on u.id = f.user_id "
                        + "where u.username = ?",
                username);

        assertThat(
                stored.get("hash"),
                equalTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(secret))));
        assertThat(
                stored.values().stream()
                        .map(String::valueOf)
                        .noneMatch(v -> v.contains(HexFormat.of().formatHex(secret))),
                is(true));
        assertThat(secret.length * 8, equalTo(256));
    }
}
