package dev.mmo.world;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.firstEntryAfter;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.target;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.core.Walk;
import dev.mmo.world.core.WorldConfig;
import dev.mmo.world.ownership.Takeover;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two writers, for real: the owner's lock session ends without it noticing (its check interval is an hour here),
 * another world-service takes the world over, and the former owner's next position write is refused by the epoch
 * check: it writes nothing over the new owner's world and steps down (1012). An application of its own.
 */
@QuarkusTest
@TestProfile(SupersededTest.OwnerThatDoesNotCheck.class)
@WithTestResource(WorldTestResource.class)
class SupersededTest {

    public static class OwnerThatDoesNotCheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmo.world.ownership-check-interval", "1h");
        }
    }

    @Inject
    TestActors actors;

    @Inject
    WorldSettings settings;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aFormerOwnersWritesAreFencedOffAndItStepsDown() throws Exception {
        TestActor alice = actors.create(0, 0);
        long epoch = Standby.epoch(dataSource);
        try (LinkClient gateway = LinkClient.connect(service);
                Standby standby = new Standby(dataSource)) {
            long alices = joined(gateway, alice);
            int start = gateway.received().size();
            gateway.frame(alices, target(0, 28)); // 20 ticks of 1.4: she arrives, and her arrival is saved
            Entry walk = firstEntryAfter(gateway, start, alice.actorId());
            actors.awaitStoredPosition(alice, walk.x(), walk.y(), WAIT); // her walk's start is written

            assertTrue(standby.endTheOwnersSession(), "the owner held the lock");
            Await.until(() -> tryLock(standby), WAIT, "the lock to be free");
            Takeover.Result takeover = standby.takeOver(settings.worldConfig());
            assertEquals(epoch + 1, takeover.epoch());
            double[] taken = actors.storedPosition(alice);

            assertEquals(1012, gateway.awaitClose(WAIT), "the former owner steps down");
            given().get(Metrics.management("/q/health/ready"))
                    .then()
                    .statusCode(503)
                    .body("checks[0].data.reason", startsWith("halted: another world-service took the world over"));
            assertTrue(Metrics.value("mmo_world_positions_fenced_batches_total") >= 1, "its write was refused");
            assertArrayEquals(taken, actors.storedPosition(alice), "and nothing of it landed");
            assertTrue(taken[1] < 28, "(it would have written her arrival at y = 28)");

            replaysStopAtStoppedAtOrACheckIntervalAfterAliveAt(standby, alice);
        }
    }

    /** With walks left as rows: replayed exactly to stopped_at; without it, to alive_at plus the check interval. */
    private void replaysStopAtStoppedAtOrACheckIntervalAfterAliveAt(Standby standby, TestActor alice) throws Exception {
        WorldConfig rules = settings.worldConfig();
        Instant tickAt = Instant.parse("2026-01-01T12:00:00Z");
        String walkRow = """
                insert into actor_walks (instanced_entity_id, x, y, tx, ty, tick, tick_at) values (?, 0, 0, 1000, 0, 7, ?)
                on conflict (instanced_entity_id) do update set x = 0, y = 0, tx = 1000, ty = 0, tick_at = excluded.tick_at""";
        long muchLater = tickAt.plusSeconds(3600).toEpochMilli();

        standby.execute(walkRow, alice.instancedEntityId(), Timestamp.from(tickAt));
        standby.execute(
                "update world_owner set stopped_at = ?, alive_at = ?",
                Timestamp.from(tickAt.plusMillis(1000)),
                Timestamp.from(tickAt.plusMillis(1000)));
        standby.takeOver(rules, muchLater);
        Walk oneSecond = new Walk(0, 0, 1000, 0).after(rules.tickRate(), rules.step());
        assertArrayEquals(
                new double[] {oneSecond.x(), oneSecond.y()},
                actors.storedPosition(alice),
                "a knowing stop: exactly one second of walking");

        standby.execute(walkRow, alice.instancedEntityId(), Timestamp.from(tickAt));
        standby.execute(
                "update world_owner set stopped_at = null, alive_at = ?", Timestamp.from(tickAt.plusMillis(1000)));
        standby.takeOver(rules, muchLater);
        Walk twoSeconds = new Walk(0, 0, 1000, 0).after(2L * rules.tickRate(), rules.step());
        assertArrayEquals(
                new double[] {twoSeconds.x(), twoSeconds.y()},
                actors.storedPosition(alice),
                "a death after its last alive record: up to one check interval (1 s) more");
    }

    private static boolean tryLock(Standby standby) {
        try {
            return standby.tryLock();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
