package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.nextEntry;
import static dev.mmo.world.Links.onPath;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Links.Entry;
import dev.mmo.world.Metrics;
import dev.mmo.world.OnlineActors;
import dev.mmo.world.TestActors;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A gateway that hangs keeps its TCP connection open and says nothing: the world notices by the missing heartbeat
 * and ends the link as if it had dropped.
 */
@QuarkusTest
@WithTestResource(WorldTestResource.class)
class SilentGatewayTest {

    /** mmo.link.silence-limit and heartbeat-interval (defaults). */
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(3);

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aGatewayThatStopsBeatingIsClosedAndItsPlayersLeaveWithTheirPositionsSaved() {
        TestActor alice = actors.create(-1700, 0);
        TestActor bob = actors.create(-1710, 0);
        double silentBefore = Metrics.value("mmo_world_link_silent_total");
        try (LinkClient bobsGateway = LinkClient.connect(service);
                LinkClient hangingGateway = LinkClient.connect(service)) {
            joined(bobsGateway, bob);
            long alices = joined(hangingGateway, alice);
            hangingGateway.frame(alices, target(-1700, 1000));
            Entry start = nextEntry(bobsGateway, alice.actorId());

            long stoppedAt = System.nanoTime();
            hangingGateway.stopBeating();
            hangingGateway.awaitClose(SILENCE_LIMIT.plus(INTERVAL).plus(WAIT));
            Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
            // the last beat went at most one interval before the stop: the world waited for the silence limit
            assertTrue(took.compareTo(SILENCE_LIMIT.minus(INTERVAL)) >= 0, "closed after only " + took);

            Await.until(
                    () -> bobsGateway.received().stream()
                            .filter(frame -> frame.op() == LinkOp.NEWS)
                            .flatMap(frame -> LinkClient.messages(frame).stream())
                            .anyMatch(m -> m.path("type").asText().equals("Despawn")
                                    && m.get("actorId").asLong() == alice.actorId()),
                    WAIT,
                    "Despawn of alice");
            assertNull(OnlineActors.of(alice), "alice is offline");
            double[] saved = actors.awaitStoredPositionOtherThan(alice, -1700, 0, WAIT);
            assertTrue(onPath(start, saved), "alice saved where she stood: " + saved[0] + ", " + saved[1]);
            assertEquals(silentBefore + 1, Metrics.value("mmo_world_link_silent_total"));

            // the positive control: Bob's gateway, which only beat, idled just as long and is still linked
            assertFalse(bobsGateway.isClosed(), "a gateway that beats stays linked");
            assertTrue(bobsGateway.heartbeatsHeard() >= 2, "the world beats too: " + bobsGateway.heartbeatsHeard());
            assertTrue(OnlineActors.of(bob) != null, "bob still plays");
        }
    }
}
