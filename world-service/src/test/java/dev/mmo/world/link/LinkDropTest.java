package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.nextEntry;
import static dev.mmo.world.Links.onPath;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.shared.link.LinkOp;
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
class LinkDropTest {

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aGatewayThatDropsTakesItsSessionsWithItAndTheirPositionsAreSaved() {
        TestActor alice = actors.create(-700, 0);
        TestActor carol = actors.create(-710, 0);
        TestActor bob = actors.create(-720, 0);
        try (LinkClient bobsGateway = LinkClient.connect(service)) {
            joined(bobsGateway, bob);
            Entry start;
            try (LinkClient droppingGateway = LinkClient.connect(service)) {
                long alices = joined(droppingGateway, alice);
                joined(droppingGateway, carol);
                droppingGateway.frame(alices, target(-700, 1000));
                start = nextEntry(bobsGateway, alice.actorId());
            }

            for (TestActor gone : List.of(alice, carol)) {
                Await.until(
                        () -> bobsGateway.received().stream()
                                .filter(frame -> frame.op() == LinkOp.NEWS)
                                .flatMap(frame -> LinkClient.messages(frame).stream())
                                .anyMatch(m -> m.path("type").asText().equals("Despawn")
                                        && m.get("actorId").asLong() == gone.actorId()),
                        WAIT,
                        "Despawn of " + gone.name());
                assertNull(OnlineActors.of(gone), gone.name() + " is offline");
            }
            double[] saved = actors.awaitStoredPositionOtherThan(alice, -700, 0, WAIT);
            assertTrue(onPath(start, saved), "Alice saved where she stood: " + saved[0] + ", " + saved[1]);
        }
    }
}
