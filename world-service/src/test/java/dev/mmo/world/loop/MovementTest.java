package dev.mmo.world.loop;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.entriesOf;
import static dev.mmo.world.Links.join;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.newSession;
import static dev.mmo.world.Links.nextArrival;
import static dev.mmo.world.Links.nextEntry;
import static dev.mmo.world.Links.onPath;
import static dev.mmo.world.Links.replay;
import static dev.mmo.world.Links.target;
import static dev.mmo.world.WorldTestResource.STEP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.OnlineActors;
import dev.mmo.world.TestActors;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WorldTestResource.class)
class MovementTest {

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void othersHearAWalkWhenItStartsAndWhenItArrivesExactlyAndNothingBetween() {
        TestActor alice = actors.create(200, 300);
        TestActor bob = actors.create(210, 300);
        try (LinkClient alicesGateway = LinkClient.connect(service);
                LinkClient bobsGateway = LinkClient.connect(service)) {
            long session = joined(alicesGateway, alice);
            joined(bobsGateway, bob);

            alicesGateway.frame(session, target(220, 315));
            Entry start = nextEntry(bobsGateway, alice.actorId());
            Entry arrival = nextEntry(bobsGateway, alice.actorId());

            List<double[]> path = replay(200, 300, 220, 315, STEP);
            assertArrayEquals(
                    path.getFirst(), new double[] {start.x(), start.y()}, "the start entry includes the first step");
            assertEquals(220.0, start.tx());
            assertEquals(315.0, start.ty());
            assertTrue(
                    arrival.arrival() && arrival.x() == 220 && arrival.y() == 315, "exactly on the target: " + arrival);
            assertEquals(start.tick() + path.size() - 1, arrival.tick(), "arrives when the step rule says");
            assertEquals(
                    List.of(start, arrival),
                    entriesOf(bobsGateway.received(), alice.actorId()),
                    "no entry while she walks a straight line");
        }
    }

    @Test
    void aClosedSessionDespawnsForOthersAndItsPositionIsSaved() {
        TestActor alice = actors.create(-100, -100);
        TestActor bob = actors.create(-90, -100);
        try (LinkClient alicesGateway = LinkClient.connect(service);
                LinkClient bobsGateway = LinkClient.connect(service)) {
            long session = joined(alicesGateway, alice);
            joined(bobsGateway, bob);
            alicesGateway.frame(session, target(-100, -95));
            nextArrival(bobsGateway, alice.actorId());
            actors.awaitStoredPosition(alice, -100, -95, WAIT); // saved when it stopped

            alicesGateway.frame(session, target(-100, 900));
            Entry start = nextEntry(bobsGateway, alice.actorId());
            alicesGateway.closed(session);
            bobsGateway.nextMessage(
                    m -> m.path("type").asText().equals("Despawn")
                            && m.get("actorId").asLong() == alice.actorId(),
                    WAIT,
                    "Alice's Despawn");

            double[] saved = actors.awaitStoredPositionOtherThan(alice, -100, -95, WAIT);
            assertTrue(onPath(start, saved), "saved where she stood when she left: " + saved[0] + ", " + saved[1]);
        }
    }

    @Test
    void aPlayerWhoReconnectsAtOnceStandsWhereTheyLeft() {
        TestActor alice = actors.create(500, 500);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long first = joined(gateway, alice);
            gateway.frame(first, target(500, 1500));
            nextEntry(gateway, alice.actorId());
            gateway.closed(first);
            // nobody near her hears her go: ask the world
            Await.until(() -> OnlineActors.of(alice) == null, WAIT, "Alice offline");

            // at once: the save of where she left may not have reached the database yet
            JsonNode own = join(gateway, newSession(), alice).get(2);
            double x = own.at("/model/instanced_entity/x").asDouble();
            double y = own.at("/model/instanced_entity/y").asDouble();
            assertEquals(500.0, x);
            assertTrue(y > 500, "not back at the stored start: " + y);
            assertEquals(x, own.get("tx").asDouble(), "standing");
            assertEquals(y, own.get("ty").asDouble(), "standing");
            actors.awaitStoredPosition(alice, x, y, WAIT);
        }
    }
}
