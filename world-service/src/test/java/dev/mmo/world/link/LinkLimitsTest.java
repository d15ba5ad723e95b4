package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.join;
import static dev.mmo.world.Links.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Metrics;
import dev.mmo.world.TestActors;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The world holds at most max-links gateway links and max-sessions-per-link sessions on each. */
@QuarkusTest
@WithTestResource(WorldTestResource.class)
@TestProfile(LinkLimitsTest.SmallLimits.class)
class LinkLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmo.world.max-links", "2", "mmo.world.max-sessions-per-link", "2");
        }
    }

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    /** Links of the test before are let go in the world's close handler, a moment after the client's close. */
    @BeforeEach
    void noLinksLeft() {
        Await.until(() -> Metrics.value("mmo_world_links") == 0, WAIT, "world without links");
    }

    @Test
    void aLinkBeyondTheCapIsRefusedWith503UntilOneCloses() {
        try (LinkClient first = LinkClient.connect(service)) {
            try (LinkClient second = LinkClient.connect(service)) {
                assertEquals(503, LinkClient.refusedUpgrade(service, LinkClient.configuredSecret()));
                // a stranger learns nothing about how full the world is
                assertEquals(401, LinkClient.refusedUpgrade(service, null));
            }
            LinkClient third = awaitLink();
            third.close();
        }
    }

    @Test
    void aSessionBeyondTheCapIsKickedWith1013AndTheLinkStays() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long first = newSession();
            join(gateway, first, actors.create(100, 100));
            join(gateway, newSession(), actors.create(110, 100));

            long third = newSession();
            gateway.open(third, actors.create(120, 100).token());
            LinkFrame kick = gateway.next(LinkOp.KICK, third, WAIT);
            assertTrue(kick.payloadText().startsWith("1013 "), kick.payloadText());

            gateway.closed(first);
            long fourth = newSession();
            var welcome = join(gateway, fourth, actors.create(130, 100));
            assertEquals("Welcome", welcome.getFirst().path("type").asText(), "room again once one closed");
        }
    }

    /** The world forgets a closed link in its close handler, a moment after the client's close returns. */
    private LinkClient awaitLink() {
        LinkClient[] admitted = new LinkClient[1];
        Await.until(
                () -> {
                    try {
                        admitted[0] = LinkClient.connect(service);
                        return true;
                    } catch (RuntimeException refused) {
                        return false;
                    }
                },
                WAIT,
                "link admitted again after one closed");
        return admitted[0];
    }
}
