package dev.mmo.auth.account;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registered;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mmo.auth.Tables;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class RegistrationRollbackTest {

    @Inject
    AccountService accounts;

    @Inject
    Tables tables;

    /**
     * The REST layer never lets avatar 9 through, but the database refuses it too (check
     * constraint on actors). Calling the service directly with it makes the last of the four
     * inserts fail after the user, entity and instance rows were written.
     */
    @Test
    void aRegistrationThatFailsHalfwayLeavesNoRowsBehind() {
        registered(newUsername("Ivan"));
        long usersBefore = tables.lastIdOf("users");
        long entitiesBefore = tables.lastIdOf("entities");
        long instancesBefore = tables.lastIdOf("instanced_entities");
        long actorsBefore = tables.lastIdOf("actors");
        String username = newUsername("Judy");

        assertThrows(RuntimeException.class, () -> accounts.register(username, Passwords.hash(PASSWORD), 9));

        // Each id sequence moved on, so each insert really ran before the failure ...
        assertThat(tables.lastIdOf("users"), equalTo(usersBefore + 1));
        assertThat(tables.lastIdOf("entities"), equalTo(entitiesBefore + 1));
        assertThat(tables.lastIdOf("instanced_entities"), equalTo(instancesBefore + 1));
        assertThat(tables.lastIdOf("actors"), equalTo(actorsBefore + 1));
        // ... and the rollback took all of them back.
        assertThat(tables.footprintOf(username), equalTo(Tables.Footprint.NONE));
    }

    @Test
    void theNameOfAFailedRegistrationIsStillFree() {
        String username = newUsername("Ken");
        assertThrows(RuntimeException.class, () -> accounts.register(username, Passwords.hash(PASSWORD), -1));

        registered(username);

        assertThat(tables.footprintOf(username), equalTo(Tables.Footprint.ONE_ACCOUNT));
    }
}
