package dev.mmo.auth.throttle;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.loginFrom;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registerFrom;
import static dev.mmo.auth.Players.registered;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.mmo.auth.ProductionLimits;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** The throttle through HTTP, each client address named in X-Forwarded-For as the gateway names it. */
@QuarkusTest
@TestProfile(ProductionLimits.class)
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class ThrottlingTest {

    private static void assertTooManyAttempts(ValidatableResponse answer) {
        answer.statusCode(429).contentType(ContentType.JSON).body("error", equalTo("too_many_attempts"));
        int retryAfter = Integer.parseInt(answer.extract().header("Retry-After"));
        assertThat(retryAfter, greaterThanOrEqualTo(1));
    }

    @Test
    void guessingOnePlayersPasswordIsCutOffWhileThePlayerStillGetsIn() {
        String victim = newUsername("victim");
        registered(victim);
        String attacker = "203.0.113.50";

        int guesses = 0;
        ValidatableResponse answer;
        do {
            answer = loginFrom(attacker, victim, "guess number " + guesses);
            guesses++;
        } while (answer.extract().statusCode() == 401 && guesses < 20);

        assertTooManyAttempts(answer);
        assertThat(guesses, lessThanOrEqualTo(6)); // 5 free failures at one username, then the wait
        // the right password from the guessing address is not even checked now
        assertTooManyAttempts(loginFrom(attacker, victim, PASSWORD));
        // the owner, from an address that has not been guessing, logs in
        loginFrom("198.51.100.60", victim, PASSWORD).statusCode(200);
    }

    @Test
    void anotherAddressGetsOneGuessAtAnAttackedAccountThenWaitsToo() {
        String victim = newUsername("target");
        registered(victim);
        for (int i = 0; i < 5; i++) {
            loginFrom("203.0.113." + (60 + i), victim, "wrong " + i).statusCode(401);
        }

        loginFrom("203.0.113.70", victim, "wrong again").statusCode(401);

        assertTooManyAttempts(loginFrom("203.0.113.70", victim, "and again"));
    }

    @Test
    void oneAddressMakesOnlySoManyRegistrations() {
        String address = "203.0.113.80";
        for (int i = 0; i < 10; i++) {
            registerFrom(address, newUsername("bulk")).statusCode(201);
        }

        assertTooManyAttempts(registerFrom(address, newUsername("bulk")));
        registerFrom("203.0.113.81", newUsername("other")).statusCode(201);
    }
}
