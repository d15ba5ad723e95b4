package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.entryIn;
import static dev.mmo.world.Links.join;
import static dev.mmo.world.Links.newSession;
import static dev.mmo.world.Links.target;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.TestActors;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Who hears what over a gateway's link, with the default cells (400 units, radius 1): a player at (0, 0) sees
 * x from −600 to 600. Far from everything else the tests use, at y = −4000.
 */
@QuarkusTest
@WithTestResource(WorldTestResource.class)
class ViewTest {

    private static final double Y = -4000;

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aWalkerComesIntoViewAsModelDataArrivesAndGoesOutAsLeave() {
        TestActor alice = actors.create(0, Y);
        TestActor bob = actors.create(610, Y);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long alices = newSession();
            List<JsonNode> alicesWelcome = join(gateway, alices, alice);
            long bobs = newSession();
            List<JsonNode> bobsWelcome = join(gateway, bobs, bob);
            assertTrue(alicesWelcome.stream().noneMatch(m -> m.at("/model/id").asLong() == bob.actorId()));
            assertTrue(bobsWelcome.stream().noneMatch(m -> m.at("/model/id").asLong() == alice.actorId()));
            assertEquals(gateway.viewOf(alices) + 2, gateway.viewOf(bobs), "two cells apart");

            gateway.frame(bobs, target(590, Y));
            JsonNode bobComes = gateway.nextMessageFor(alices, m -> about(m, bob), WAIT, "news of Bob");
            assertEquals("ModelData", bobComes.get("type").asText(), "the first Alice hears of Bob: " + bobComes);
            assertEquals(590.0, bobComes.get("tx").asDouble());
            assertTrue(bobComes.at("/model/instanced_entity/x").asDouble() < 600);
            JsonNode arrival = gateway.nextMessageFor(
                    alices, m -> entryIn(m, bob.actorId()).isPresent(), WAIT, "Bob's arrival");
            assertTrue(entryIn(arrival, bob.actorId()).orElseThrow().arrival());
            assertEquals(590.0, entryIn(arrival, bob.actorId()).orElseThrow().x());
            assertEquals(gateway.viewOf(alices) + 1, gateway.viewOf(bobs), "Bob is in the cell next to Alice's");
            assertTrue(
                    heard(gateway, bobs, m -> m.path("type").asText().equals("ModelData") && about(m, alice)),
                    "Bob, who walked, was told of Alice when she came into his view");

            given().auth()
                    .oauth2(alice.token())
                    .queryParam("x", 0)
                    .queryParam("y", Y)
                    .get("/api/world/actors")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(2));

            gateway.frame(bobs, target(650, Y));
            JsonNode bobGoes = gateway.nextMessageFor(
                    alices, m -> about(m, bob) && !m.path("type").asText().equals("Moves"), WAIT, "Bob going");
            assertTrue(
                    gateway.received().stream()
                            .flatMap(f -> gateway.messagesFor(f, alices).stream())
                            .anyMatch(m -> entryIn(m, bob.actorId())
                                    .map(e -> e.tx() == 650)
                                    .orElse(false)),
                    "Alice saw him set off while still in view");
            assertEquals("Leave", bobGoes.get("type").asText(), bobGoes.toString());
            assertTrue(heard(gateway, bobs, m -> m.path("type").asText().equals("Leave") && about(m, alice)));
            given().auth()
                    .oauth2(alice.token())
                    .queryParam("x", 0)
                    .queryParam("y", Y)
                    .get("/api/world/actors")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].model.id", equalTo((int) alice.actorId()));
            gateway.closed(alices);
            gateway.closed(bobs);
        }
    }

    @Test
    void aPointToLookAroundNeedsBothCoordinatesAsNumbersInsideTheWorld() {
        TestActor alice = actors.create(0, Y);
        for (String[] query : List.of(new String[] {"x", "1"}, new String[] {"y", "1"})) {
            given().auth()
                    .oauth2(alice.token())
                    .queryParam(query[0], query[1])
                    .get("/api/world/actors")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("bad_request"));
        }
        given().auth()
                .oauth2(alice.token())
                .queryParam("x", "abc")
                .queryParam("y", 0)
                .get("/api/world/actors")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"));
        given().auth()
                .oauth2(alice.token())
                .queryParam("x", 0)
                .queryParam("y", 5000.5)
                .get("/api/world/actors")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"));
        given().auth()
                .oauth2(alice.token())
                .queryParam("x", "NaN")
                .queryParam("y", 0)
                .get("/api/world/actors")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"));
    }

    private static boolean about(JsonNode message, TestActor actor) {
        return message.path("actorId").asLong() == actor.actorId()
                || message.at("/model/id").asLong() == actor.actorId()
                || entryIn(message, actor.actorId()).isPresent();
    }

    /** Whether the session was given such a message by now. */
    private static boolean heard(LinkClient gateway, long session, Predicate<JsonNode> wanted) {
        return gateway.received().stream()
                .flatMap(frame -> gateway.messagesFor(frame, session).stream())
                .anyMatch(wanted);
    }
}
