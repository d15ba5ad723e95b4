package dev.mmo.world;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.firstEntryAfter;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.nextArrival;
import static dev.mmo.world.Links.onPath;
import static dev.mmo.world.Links.target;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.ownership.Takeover;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Fail-stop: a tick that throws half-way stops the world for good. An application of its own (it ends its world),
 * with the test-only {@link FailingTick}; a {@link Standby} plays the second world-service.
 */
@QuarkusTest
@TestProfile(FailStopTest.WithFailingTick.class)
@WithTestResource(WorldTestResource.class)
class FailStopTest {

    public static class WithFailingTick implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingTick.class);
        }
    }

    private static final double SPEED = 70;

    @Inject
    TestActors actors;

    @Inject
    FailingTick failingTick;

    @Inject
    WorldLoop loop;

    @Inject
    WorldSettings settings;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aFailingTickStopsTheWorldClosesTheLinksWith1011AndAStandbyTakesOverFromThePublishedWalks() throws Exception {
        TestActor alice = actors.create(0, 0);
        TestActor bob = actors.create(20, 0);
        long epochBefore = Standby.epoch(dataSource);
        Entry alicesWalk;
        long targetSent;
        long walkSeen;
        long armed;
        long closed;
        try (LinkClient gateway = LinkClient.connect(service)) {
            long alices = joined(gateway, alice);
            long bobs = joined(gateway, bob);
            int walksStart = gateway.received().size();
            targetSent = System.nanoTime();
            gateway.frame(alices, target(0, 3000)); // about 43 s of walking: still on its way when the tick fails
            gateway.frame(bobs, target(50, 0));
            alicesWalk = firstEntryAfter(gateway, walksStart, alice.actorId());
            walkSeen = System.nanoTime();
            nextArrival(gateway, bob.actorId());

            try (Standby standby = new Standby(dataSource)) {
                assertFalse(standby.tryLock(), "while the world lives, a standby cannot take it");
            }

            armed = System.nanoTime();
            failingTick.arm();
            assertEquals(1011, gateway.awaitClose(WAIT), "the gateways hear that the world failed");
            closed = System.nanoTime();
        }

        Await.until(loop::isStopped, WAIT, "the world loop to end");
        assertTrue(failingTick.failedTick() > 0);
        assertEquals(failingTick.failedTick(), loop.currentTick(), "no tick ran after the one that failed");
        given().get(Metrics.management("/q/health/live"))
                .then()
                .statusCode(503)
                .body("checks[0].data.reason", startsWith("halted: a tick failed"));
        given().get(Metrics.management("/q/health/ready")).then().statusCode(503);
        given().get("/link").then().statusCode(503);

        try (Standby standby = new Standby(dataSource)) {
            Await.until(() -> tryLock(standby), WAIT, "the ownership lock to be let go");
            Takeover.Result takeover = standby.takeOver(settings.worldConfig());
            assertEquals(epochBefore + 1, takeover.epoch());
            assertEquals(1, takeover.walksSettled(), "Alice's walk was left to replay; Bob had arrived");

            assertArrayEquals(new double[] {50, 0}, actors.storedPosition(bob), "Bob stands where he arrived");
            double[] alicesPosition = actors.storedPosition(alice);
            assertTrue(
                    onPath(alicesWalk, alicesPosition),
                    "Alice is on her path, replayed with the step rule: " + alicesPosition[0] + ", "
                            + alicesPosition[1]);
            // where she stood when the tick failed, to within a second of walking: it failed between arming and the
            // close, and her walk began between sending the target and seeing its entry
            double walked = alicesPosition[1] - alicesWalk.y();
            double atLeast = seconds(armed - walkSeen) * SPEED - SPEED;
            double atMost = seconds(closed - targetSent) * SPEED + SPEED;
            assertTrue(
                    walked >= atLeast && walked <= atMost,
                    "Alice walked " + walked + " from her entry; expected " + atLeast + " to " + atMost);
        }
        given().get(Metrics.management("/q/health/ready"))
                .then()
                .statusCode(503)
                .body("checks[0].data.role", equalTo("released"));
    }

    private static boolean tryLock(Standby standby) {
        try {
            return standby.tryLock();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
