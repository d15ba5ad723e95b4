package dev.mmo.auth.account;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.login;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.register;
import static dev.mmo.auth.Players.registered;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import dev.mmo.auth.Tables;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class DuplicateUsernameTest {

    @Inject
    Tables tables;

    @Test
    void aTakenUsernameIsRefusedAndNothingIsWrittenTwice() {
        String username = newUsername("Frank");
        long actorId = registered(username);

        register(username, "another password", 2)
                .statusCode(409)
                .contentType(ContentType.JSON)
                .body("error", equalTo("username_taken"));

        assertThat(tables.footprintOf(username), equalTo(Tables.Footprint.ONE_ACCOUNT));
        login(username, PASSWORD).statusCode(200).body("actorId", equalTo((int) actorId));
    }

    @Test
    void aUsernameDifferingOnlyInLetterCaseIsTakenToo() {
        String username = newUsername("Grace");
        registered(username);

        register(username.toUpperCase(Locale.ROOT), PASSWORD, null)
                .statusCode(409)
                .body("error", equalTo("username_taken"));
        register(username.toLowerCase(Locale.ROOT), PASSWORD, null)
                .statusCode(409)
                .body("error", equalTo("username_taken"));

        assertThat(tables.footprintOf(username), equalTo(Tables.Footprint.ONE_ACCOUNT));
    }

    /** The index decides, not a look-up before the insert, so a race has one winner and no 500. */
    @Test
    void playersRacingForOneNameGetOneAccountBetweenThem() throws Exception {
        String username = newUsername("Heidi");
        List<String> spellings = List.of(
                username,
                username.toUpperCase(Locale.ROOT),
                username.toLowerCase(Locale.ROOT),
                username,
                username.toUpperCase(Locale.ROOT),
                username.toLowerCase(Locale.ROOT));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService racers = Executors.newFixedThreadPool(spellings.size());
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String spelling : spellings) {
                statuses.add(racers.submit(() -> {
                    start.await();
                    return register(spelling, PASSWORD, null).extract().statusCode();
                }));
            }
            start.countDown();

            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(seen, containsInAnyOrder(201, 409, 409, 409, 409, 409));
        } finally {
            racers.shutdownNow();
        }
        assertThat(tables.footprintOf(username), equalTo(Tables.Footprint.ONE_ACCOUNT));
    }
}
