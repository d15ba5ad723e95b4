package dev.mmo.world;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.firstEntryAfter;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.replay;
import static dev.mmo.world.Links.target;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.TestActors.StoredWalk;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.loop.WorldLoop;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The shutdown path, through {@link WorldService#stop()} as the application's shutdown runs it. A profile of its
 * own gives this test an application of its own, since it stops the world.
 */
@QuarkusTest
@TestProfile(GracefulStopTest.OwnApplication.class)
@WithTestResource(WorldTestResource.class)
class GracefulStopTest {

    public static class OwnApplication implements QuarkusTestProfile {}

    @Inject
    TestActors actors;

    @Inject
    WorldService world;

    @Inject
    WorldLoop loop;

    @TestHTTPResource("/")
    URI service;

    @Test
    void stoppingSavesEveryWalkingActorWhereItStandsThenClosesTheLinks() {
        TestActor alice = actors.create(0, 0);
        TestActor bob = actors.create(10, 0);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long alices = joined(gateway, alice);
            long bobs = joined(gateway, bob);
            int walksStart = gateway.received().size();
            gateway.frame(alices, target(0, 1000));
            gateway.frame(bobs, target(10, -1000));
            Entry alicesWalk = firstEntryAfter(gateway, walksStart, alice.actorId());
            Entry bobsWalk = firstEntryAfter(gateway, walksStart, bob.actorId());
            // the start of a walk is saved in its tick, and walkers every 5 s: let them walk on past their starts
            OnlineActors.ofAfterTicks(alice, 10);

            world.stop();

            // written before the links closed: no waiting for the database here
            long lastTick = loop.currentTick();
            assertSavedStandingWhereTheLastTickLeftIt(alice, alicesWalk, lastTick);
            assertSavedStandingWhereTheLastTickLeftIt(bob, bobsWalk, lastTick);
            assertEquals(1012, gateway.awaitClose(WAIT), "gateways are told the world restarts");
        }
        given().auth()
                .oauth2(TestTokens.get().forActor(alice.actorId(), alice.name()))
                .queryParam("x", 0)
                .queryParam("y", 0)
                .get("/api/world/actors")
                .then()
                .statusCode(503)
                .header("Retry-After", "1");
        given().get(Metrics.management("/q/health/live")).then().statusCode(503);
    }

    /**
     * The shutdown's save: the walker's live state after the last tick, as standing there (its walk ends with the
     * world). The saves of a walk's start and the periodic ones keep its target and an earlier tick, so neither
     * passes for it.
     */
    private void assertSavedStandingWhereTheLastTickLeftIt(TestActor actor, Entry walk, long lastTick) {
        assertTrue(lastTick >= walk.tick() + 10, "the walk went on for ten ticks before the stop");
        double[] live = replay(walk.x(), walk.y(), walk.tx(), walk.ty(), WorldTestResource.STEP)
                .get((int) (lastTick - walk.tick() - 1));
        assertEquals(
                new StoredWalk(live[0], live[1], live[0], live[1], lastTick),
                actors.storedWalk(actor),
                "actor " + actor.actorId() + " saved standing where tick " + lastTick + " left it");
        assertArrayEquals(live, actors.storedPosition(actor), "and its position with it");
    }
}
