package dev.mmo.world.link;

import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.nextArrival;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.shared.link.LinkOp;
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
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WorldTestResource.class)
class InputFloodTest {

    private static final String SUPERSEDED = "mmo_world_inputs_dropped_total{reason=\"superseded\"}";
    private static final int FLOOD = 500;

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aFloodOfTargetsReachesTheWorldAtMostOncePerTickAndTheLastOneWins() {
        TestActor alice = actors.create(0, 800);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long session = joined(gateway, alice);
            long firstTick = OnlineActors.of(alice).get("tick").asLong();
            double supersededBefore = Metrics.value(SUPERSEDED);

            for (int i = FLOOD - 1; i >= 0; i--) {
                gateway.frame(session, target(5 + i * 0.01, 800));
            }
            Entry arrival = nextArrival(gateway, alice.actorId());
            while (arrival.x() != 5) {
                arrival = nextArrival(gateway, alice.actorId()); // an earlier target may have been reached first
            }

            assertEquals(800.0, arrival.y(), "the last target wins");
            long ticks = arrival.tick() - firstTick;
            double superseded = Metrics.value(SUPERSEDED) - supersededBefore;
            assertTrue(
                    superseded >= FLOOD - ticks,
                    "at most one target per tick reached the world: " + superseded + " superseded in " + ticks
                            + " ticks");
            List<String> answers = gateway.received().stream()
                    .filter(f -> f.op() == LinkOp.SEND && f.session() == session)
                    .flatMap(f -> LinkClient.messages(f).stream())
                    .filter(m -> m.path("type").asText().equals("Error"))
                    .map(Object::toString)
                    .toList();
            assertEquals(List.of(), answers, "a flood of good targets is coalesced, not answered with errors");
        }
    }
}
