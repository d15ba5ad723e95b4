package dev.mmo.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A player signs up and in through the public entry, the way the browser does. */
class AccountThroughGatewayTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void aNewPlayerRegistersLogsInAndIsKnownByTheirToken() {
        String name = Players.uniqueName("alice");
        long actorId = Players.register(system, name, 3);
        String token = Players.login(system, name);

        given().auth()
                .oauth2(token)
                .get(system.gateway("/api/auth/me"))
                .then()
                .statusCode(200)
                .body("username", equalTo(name))
                .body("actorId", equalTo((int) actorId));
    }

    @Test
    void aTakenNameAndABadBodyAreRefusedWithJsonErrors() {
        String name = Players.uniqueName("bob");
        Players.register(system, name, 0);

        given().contentType(ContentType.JSON)
                .body(Map.of("username", name.toUpperCase(Locale.ROOT), "password", Players.PASSWORD))
                .post(system.gateway("/api/auth/register"))
                .then()
                .statusCode(409)
                .contentType(ContentType.JSON)
                .body("error", not(equalTo(null)));

        given().contentType(ContentType.JSON)
                .body("{\"username\": ")
                .post(system.gateway("/api/auth/register"))
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("bad_request"));
    }

    @Test
    void aWrongPasswordIsRefusedAndNoHashEverLeaves() {
        String name = Players.uniqueName("carol");
        Players.register(system, name, 0);

        given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "wrong password"))
                .post(system.gateway("/api/auth/login"))
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body(not(containsString("$2a$")));
    }
}
