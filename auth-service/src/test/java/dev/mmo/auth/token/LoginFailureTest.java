package dev.mmo.auth.token;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.login;
import static dev.mmo.auth.Players.me;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.register;
import static dev.mmo.auth.Players.registered;
import static dev.mmo.auth.Players.tokenOf;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.mmo.auth.Tables;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class LoginFailureTest {

    @Inject
    Tables tables;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String username = newUsername("Nina");
        registered(username);

        String wrongPassword = login(username, "not the password")
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_credentials"))
                .extract()
                .asString();
        String unknownUser = login(newUsername("Nobody"), PASSWORD)
                .statusCode(401)
                .contentType(ContentType.JSON)
                .extract()
                .asString();

        assertThat(unknownUser, equalTo(wrongPassword));
    }

    /** BCrypt alone would ignore everything after the 72nd byte. */
    @Test
    void aLongPasswordIsWrongEvenWhenOnlyItsEndDiffers() {
        String username = newUsername("Ruth");
        String longPassword = "p".repeat(100);
        register(username, longPassword, null).statusCode(201);

        login(username, "p".repeat(99) + "q").statusCode(401);
        login(username, longPassword).statusCode(200);
    }

    @Test
    void failedLoginsAreCounted() {
        double before = failedLogins();

        login(newUsername("Nobody"), PASSWORD).statusCode(401);

        assertThat(failedLogins(), equalTo(before + 1));
    }

    @Test
    void thePasswordHashNeverLeavesTheService() {
        String username = newUsername("Oscar");
        String hash = (String) tables.value(
                "select password_hash from users where id = " + "(select user_id from actors where id = ?)",
                registered(username));
        assertThat(hash, startsWith("$2"));
        String token = tokenOf(username);

        List<String> answers = List.of(
                register(username, PASSWORD, null).extract().asString(),
                login(username, PASSWORD).extract().asString(),
                login(username, "not the password").extract().asString(),
                me(token).extract().asString(),
                given().get("/api/auth/jwks").asString(),
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), UTF_8));

        for (String answer : answers) {
            assertThat(answer, not(containsString(hash)));
            assertThat(answer, not(containsString("$2a$")));
        }
    }

    private double failedLogins() {
        return given().get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> line.startsWith("mmo_auth_logins_total{") && line.contains("outcome=\"failure\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
