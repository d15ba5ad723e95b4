package dev.mmo.auth.account;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.login;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.register;
import static dev.mmo.auth.Players.registered;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.mmo.auth.Tables;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class BadRequestBodyTest {

    private static final String TEN_KB_NAME = "a".repeat(10 * 1024);

    @Inject
    Tables tables;

    static Stream<Arguments> badRegistrations() {
        return Stream.of(
                argumentSet("empty body", ""),
                argumentSet("JSON null", "null"),
                argumentSet("empty object", "{}"),
                argumentSet("an array", "[]"),
                argumentSet("not JSON", "username=mallory&password=secret123"),
                argumentSet("truncated JSON", "{\"username\": \"mallory\", \"password\": "),
                argumentSet("username missing", "{\"password\": \"secret123\"}"),
                argumentSet("password missing", "{\"username\": \"mallory\"}"),
                argumentSet("username null", "{\"username\": null, \"password\": \"secret123\"}"),
                argumentSet("username a number", "{\"username\": 12345, \"password\": \"secret123\"}"),
                argumentSet("username an object", "{\"username\": {\"$ne\": 1}, \"password\": \"secret123\"}"),
                argumentSet("password a number", "{\"username\": \"mallory\", \"password\": 12345678}"),
                argumentSet(
                        "avatarId a string",
                        "{\"username\": \"mallory\", \"password\": \"secret123\", \"avatarId\": \"3\"}"),
                argumentSet(
                        "avatarId a fraction",
                        "{\"username\": \"mallory\", \"password\": \"secret123\", \"avatarId\": 2.5}"),
                argumentSet(
                        "avatarId too big",
                        "{\"username\": \"mallory\", \"password\": \"secret123\", \"avatarId\": 8}"),
                argumentSet(
                        "avatarId negative",
                        "{\"username\": \"mallory\", \"password\": \"secret123\", \"avatarId\": -1}"),
                argumentSet(
                        "username twice",
                        "{\"username\": \"mallory\", \"username\": \"admin\", \"password\": \"secret123\"}"),
                argumentSet("username too short", "{\"username\": \"ab\", \"password\": \"secret123\"}"),
                argumentSet(
                        "username 21 characters",
                        "{\"username\": \"" + "a".repeat(21) + "\", \"password\": \"secret123\"}"),
                argumentSet(
                        "username of 10 KB", "{\"username\": \"" + TEN_KB_NAME + "\", \"password\": \"secret123\"}"),
                argumentSet(
                        "control character in username",
                        "{\"username\": \"mal\\u0000lory\", \"password\": \"secret123\"}"),
                argumentSet("newline in username", "{\"username\": \"mal\\nlory\", \"password\": \"secret123\"}"),
                argumentSet("SQL in username", "{\"username\": \"' OR 1=1 --\", \"password\": \"secret123\"}"),
                argumentSet("markup in username", "{\"username\": \"<script>\", \"password\": \"secret123\"}"),
                argumentSet("space in username", "{\"username\": \"mal lory\", \"password\": \"secret123\"}"),
                argumentSet(
                        "non-ASCII letter in username",
                        "{\"username\": \"mall\u00f6ry\", \"password\": \"secret123\"}"),
                argumentSet("password too short", "{\"username\": \"mallory\", \"password\": \"short\"}"),
                argumentSet(
                        "password too long", "{\"username\": \"mallory\", \"password\": \"" + "p".repeat(129) + "\"}"));
    }

    @ParameterizedTest
    @MethodSource("badRegistrations")
    void aBadRegistrationBodyGetsAJson400AndWritesNothing(String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/auth/register")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("bad_request"))
                .body("message", not(emptyOrNullString()));

        assertThat(tables.footprintOf("mallory"), equalTo(Tables.Footprint.NONE));
        assertThat(tables.footprintOf("admin"), equalTo(Tables.Footprint.NONE));
    }

    static Stream<Arguments> badLogins() {
        return Stream.of(
                argumentSet("empty body", ""),
                argumentSet("empty object", "{}"),
                argumentSet("not JSON", "' OR 1=1 --"),
                argumentSet("password missing", "{\"username\": \"mallory\"}"),
                argumentSet("username a number", "{\"username\": 1, \"password\": \"secret123\"}"),
                argumentSet(
                        "username of 10 KB", "{\"username\": \"" + TEN_KB_NAME + "\", \"password\": \"secret123\"}"));
    }

    @ParameterizedTest
    @MethodSource("badLogins")
    void aBadLoginBodyGetsAJson400(String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/auth/login")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("bad_request"));
    }

    @Test
    void aBodyThatIsNotMarkedAsJsonGetsAJson415() {
        given().contentType(ContentType.TEXT)
                .body("{\"username\": \"mallory\", \"password\": \"secret123\"}")
                .when()
                .post("/api/auth/register")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() {
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + "a".repeat(64 * 1024) + "\"}")
                .when()
                .post("/api/auth/register")
                .then()
                .statusCode(413);
    }

    @Test
    void theServiceKeepsServingAfterEveryKindOfBadBody() {
        badRegistrations()
                .forEach(bad ->
                        given().contentType(ContentType.JSON).body(bad.get()[0]).post("/api/auth/register"));

        String username = newUsername("Laura");
        register(username, PASSWORD, 1).statusCode(201);
        login(username, PASSWORD).statusCode(200);
        registered(newUsername("Mike"));
    }
}
