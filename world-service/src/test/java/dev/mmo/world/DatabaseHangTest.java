package dev.mmo.world;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.newSession;
import static dev.mmo.world.Links.nextArrival;
import static dev.mmo.world.Links.target;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.stack.InjectLocalStack;
import dev.mmo.stack.LocalStack;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.TestActors.TestActor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL hangs (SIGSTOP) while players play: the world goes on, new joins are turned away with 1013 quickly,
 * readiness stays up and says the database is down, the ownership lock's connection times out and is taken back
 * afterwards, and every position is written once PostgreSQL resumes. An application of its own with short database
 * timeouts, so that the hang outlasts them within a few seconds.
 */
@QuarkusTest
@TestProfile(DatabaseHangTest.ShortTimeouts.class)
@WithTestResource(WorldTestResource.class)
class DatabaseHangTest {

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "2",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.loginTimeout", "2",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "1",
                    "mmo.world.admission-timeout", "1s",
                    "mmo.world.ownership-check-interval", "500ms");
        }
    }

    @InjectLocalStack
    LocalStack stack;

    @Inject
    TestActors actors;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI service;

    @Test
    void theWorldPlaysOnWhilePostgresHangsAndWritesEveryPositionOnceItIsBack() throws Exception {
        TestActor alice = actors.create(0, 0);
        TestActor bob = actors.create(30, 0);
        long epoch = Standby.epoch(dataSource);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long alices = joined(gateway, alice);
            try (PostgresFreeze hung = PostgresFreeze.of(stack)) {
                gateway.frame(alices, target(70, 0));
                Entry arrived = nextArrival(gateway, alice.actorId());
                assertEquals(70.0, arrived.x(), "a walk starts and ends while the database is hung: the world ticks");

                long bobs = newSession();
                gateway.open(bobs, bob.token());
                LinkFrame kick = gateway.next(LinkOp.KICK, bobs, WAIT);
                assertTrue(
                        kick.payloadText().startsWith("1013 "),
                        "a join is turned away to retry: " + kick.payloadText());

                Await.until(
                        () -> "down".equals(readiness().getString("checks[0].data.database")),
                        WAIT,
                        "readiness to say the database is down");
                Await.until(
                        () -> "reconnecting".equals(readiness().getString("checks[0].data.role")),
                        WAIT,
                        "the ownership lock's connection to time out");
                JsonPath ready = readiness();
                assertEquals(
                        "UP", ready.getString("status"), "the world still serves its players: " + ready.prettify());
                given().get(Metrics.management("/q/health/live")).then().statusCode(200);

                gateway.frame(alices, target(70, 100));
                assertEquals(100.0, nextArrival(gateway, alice.actorId()).y(), "and goes on ticking");
            }
            actors.awaitStoredPosition(alice, 70, 100, WAIT);
            Await.until(
                    () -> "owner".equals(readiness().getString("checks[0].data.role")),
                    WAIT,
                    "the lock to be taken back");
            assertEquals(epoch, Standby.epoch(dataSource), "nobody else owned the world meanwhile");
            Await.until(
                    () -> "up".equals(readiness().getString("checks[0].data.database")),
                    WAIT,
                    "readiness to say the database is back");

            long bobsAgain = newSession();
            Links.join(gateway, bobsAgain, bob); // and joins work again
        }
    }

    private static JsonPath readiness() {
        return given().get(Metrics.management("/q/health/ready"))
                .then()
                .extract()
                .jsonPath();
    }
}
