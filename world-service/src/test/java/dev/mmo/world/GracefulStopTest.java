package dev.mmo.world;

import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.TestActors.TestActor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.firstEntryAfter;
import static dev.mmo.world.Links.onPath;
import static dev.mmo.world.Links.target;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shutdown path, through {@link WorldService#stop()} as the application's shutdown runs it. A profile of its
 * own gives this test an application of its own, since it stops the world.
 */
@QuarkusTest
@TestProfile(GracefulStopTest.OwnApplication.class)
@WithTestResource(WorldTestResource.class)
class GracefulStopTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    TestActors actors;

    @Inject
    WorldService world;

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

            world.stop();

            // written before the links closed: no waiting for the database here
            double[] alicesPosition = actors.storedPosition(alice);
            double[] bobsPosition = actors.storedPosition(bob);
            assertTrue(alicesPosition[1] > 0 && onPath(alicesWalk, alicesPosition), "Alice saved mid-walk");
            assertTrue(bobsPosition[1] < 0 && onPath(bobsWalk, bobsPosition), "Bob saved mid-walk");
            assertEquals(1012, gateway.awaitClose(WAIT), "gateways are told the world restarts");
        }
        given().auth().oauth2(TestTokens.get().forActor(alice.actorId(), alice.name()))
                .get("/api/world/actors").then().statusCode(503);
        given().get(Metrics.management("/q/health/live")).then().statusCode(503);
    }
}
