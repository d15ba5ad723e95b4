package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.entriesOf;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.nextArrival;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.shared.link.LinkOp;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every frame the world refuses gets an Error on that session, moves nothing and leaves the session open. */
@QuarkusTest
@WithTestResource(WorldTestResource.class)
class BadInputTest {

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    private TestActor alice;
    private LinkClient gateway;
    private long session;

    @BeforeEach
    void aliceIsOnline() {
        alice = actors.create(40, 40);
        gateway = LinkClient.connect(service);
        session = joined(gateway, alice);
    }

    @AfterEach
    void closeLink() {
        gateway.close();
    }

    @Test
    void malformedJson() {
        assertRefused("{\"type\":\"Target\",\"x\":1,", "bad_request");
    }

    @Test
    void somethingAfterTheObject() {
        assertRefused("{\"type\":\"Target\",\"x\":1,\"y\":2} {", "bad_request");
    }

    @Test
    void aFrameThatIsNotAnObject() {
        assertRefused("[{\"type\":\"Target\",\"x\":1,\"y\":2}]", "bad_request");
    }

    @Test
    void anUnknownType() {
        assertRefused("{\"type\":\"Teleport\",\"x\":1,\"y\":2}", "bad_request");
    }

    @Test
    void aMissingField() {
        assertRefused("{\"type\":\"Target\",\"x\":1}", "bad_request");
    }

    @Test
    void stringsForNumbers() {
        assertRefused("{\"type\":\"Target\",\"x\":\"1\",\"y\":\"2\"}", "bad_request");
    }

    @Test
    void aHugeNumber() {
        assertRefused("{\"type\":\"Target\",\"x\":1e308,\"y\":0}", "bad_target");
    }

    @Test
    void aNumberBeyondDoubles() {
        assertRefused("{\"type\":\"Target\",\"x\":1e400,\"y\":0}", "bad_target");
    }

    @Test
    void aTargetOutOfBounds() {
        assertRefused("{\"type\":\"Target\",\"x\":0,\"y\":-5000.5}", "bad_target");
    }

    @Test
    void theSessionStaysUsable() {
        assertRefused("{\"type\":\"Target\",\"x\":0,\"y\":-5000.5}", "bad_target");
        gateway.frame(session, target(40, 45));
        assertEquals(45.0, nextArrival(gateway, alice.actorId()).y());
    }

    @Test
    void aTargetOnTheEdgeIsInside() {
        TestActor bob = actors.create(4998, -4998);
        long bobs = joined(gateway, bob);
        gateway.frame(bobs, target(5000, -5000));
        Entry arrival = nextArrival(gateway, bob.actorId());
        assertEquals(5000.0, arrival.x());
        assertEquals(-5000.0, arrival.y());
    }

    private void assertRefused(String frame, String code) {
        gateway.frame(session, frame);
        JsonNode error =
                LinkClient.messages(gateway.next(LinkOp.SEND, session, WAIT)).getFirst();
        assertEquals("Error", error.get("type").asText());
        assertEquals(code, error.get("code").asText(), error.toString());
        assertTrue(error.get("message").isTextual());

        JsonNode model = OnlineActors.ofAfterTicks(alice, 3);
        assertEquals(40.0, model.at("/model/instanced_entity/x").asDouble(), "nothing moved");
        assertEquals(40.0, model.at("/model/instanced_entity/y").asDouble(), "nothing moved");
        assertEquals(40.0, model.get("tx").asDouble(), "no target taken");
        assertEquals(40.0, model.get("ty").asDouble(), "no target taken");
        // a walk after it, one step long: once its news has come, an entry of the refused frame would have too
        gateway.frame(session, target(41, 40));
        gateway.next(
                news -> news.op() == LinkOp.NEWS
                        && !entriesOf(List.of(news), alice.actorId()).isEmpty(),
                WAIT,
                "the news of Alice's walk after it");
        List<Entry> entries = entriesOf(gateway.received(), alice.actorId());
        assertEquals(1, entries.size(), "one Moves entry, the walk's after it: " + entries);
        assertTrue(
                entries.getFirst().arrival()
                        && entries.getFirst().x() == 41
                        && entries.getFirst().y() == 40,
                entries.getFirst().toString());
        assertFalse(gateway.isClosed(), "the link stays");
    }
}
