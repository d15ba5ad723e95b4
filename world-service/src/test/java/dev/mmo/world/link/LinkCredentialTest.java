package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.join;
import static dev.mmo.world.Links.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.Metrics;
import dev.mmo.world.TestActors;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code /link} is for gateways only: without the link secret there is no WebSocket at all. */
@QuarkusTest
@WithTestResource(WorldTestResource.class)
class LinkCredentialTest {

    private static final String REFUSED = "mmo_world_link_refused_total{reason=\"credential\"}";

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void anUpgradeWithoutTheSecretOrWithAWrongOneIsRefusedWith401() {
        double before = Metrics.value(REFUSED);
        assertEquals(401, LinkClient.refusedUpgrade(service, null), "no credential");
        assertEquals(
                401,
                LinkClient.refusedUpgrade(service, "a wrong secret that is long enough to look real"),
                "a wrong credential");
        assertEquals(401, LinkClient.refusedUpgrade(service, LinkClient.configuredSecret() + "x"), "almost the secret");
        assertEquals(before + 3, Metrics.value(REFUSED), "each refusal is counted");
    }

    @Test
    void theRightSecretOpensALinkThatCarriesPlayers() {
        try (LinkClient gateway = LinkClient.connect(service, LinkClient.configuredSecret())) {
            long session = newSession();
            var welcome = join(gateway, session, actors.create(0, 0));
            assertEquals("Welcome", welcome.getFirst().path("type").asText());
            assertFalse(gateway.isClosed());
            gateway.next(
                    frame -> frame.op() == LinkOp.NEWS || frame.op() == LinkOp.BROADCAST,
                    WAIT,
                    "the world's traffic on an admitted link");
        }
    }
}
