package dev.mmo.world.link;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.join;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.modelData;
import static dev.mmo.world.Links.newSession;
import static dev.mmo.world.Links.nextEntry;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import dev.mmo.world.Links.Entry;
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

@QuarkusTest
@WithTestResource(WorldTestResource.class)
class JoinTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aNewcomerIsNewsToItsCellsThenAcceptedThenWelcomedWithItselfAndEveryoneNear() throws Exception {
        TestActor bob = actors.create(10, 20);
        TestActor alice = actors.create(-30.5, 40.25);
        try (LinkClient bobsGateway = LinkClient.connect(service);
                LinkClient alicesGateway = LinkClient.connect(service)) {
            joined(bobsGateway, bob);
            long session = newSession();
            List<JsonNode> welcome = join(alicesGateway, session, alice);

            JsonNode greeting = welcome.get(0);
            long tick = greeting.get("tick").asLong();
            assertEquals(JSON.readTree("""
                    {"type":"Welcome","actorId":%d,"tickRate":%d,"speed":70.0,"tick":%d}""".formatted(alice.actorId(), WorldTestResource.TICK_RATE, tick)), greeting);
            assertEquals("Online", welcome.get(1).get("type").asText());
            assertTrue(welcome.get(1).get("count").asInt() >= 2, "Bob and Alice are online: " + welcome.get(1));
            assertEquals(modelData(alice, tick, alice.x(), alice.y()), welcome.get(2));
            assertTrue(
                    welcome.subList(3, welcome.size()).contains(modelData(bob, tick, bob.x(), bob.y())),
                    "Bob, already online and near, is in Alice's welcome: " + welcome);

            // on Alice's link: the tick's news (which she is not yet given), then ACCEPT, VIEW and her welcome
            List<LinkFrame> frames = alicesGateway.received();
            int news = indexOf(
                    frames,
                    f -> f.op() == LinkOp.NEWS
                            && LinkClient.messages(f).contains(modelData(alice, tick, alice.x(), alice.y())));
            int accept = indexOf(frames, f -> f.op() == LinkOp.ACCEPT && f.session() == session);
            int view = indexOf(frames, f -> f.op() == LinkOp.VIEW && f.session() == session);
            int send = indexOf(frames, f -> f.op() == LinkOp.SEND && f.session() == session);
            assertTrue(
                    news >= 0 && news < accept && view == accept + 1 && send == accept + 2,
                    "order on the link: " + frames);

            // everyone else sees her arrive where she was stored, in the same tick
            JsonNode seenByBob = bobsGateway.nextMessage(
                    m -> m.path("type").asText().equals("ModelData")
                            && m.at("/model/id").asLong() == alice.actorId(),
                    WAIT,
                    "Alice's ModelData");
            assertEquals(modelData(alice, tick, alice.x(), alice.y()), seenByBob);
        }
    }

    @Test
    void aSecondSessionForTheSameActorReplacesTheFirstWith4409AndKeepsItsWalk() {
        TestActor alice = actors.create(100, 100);
        try (LinkClient firstGateway = LinkClient.connect(service);
                LinkClient secondGateway = LinkClient.connect(service)) {
            long first = joined(firstGateway, alice);
            firstGateway.frame(first, target(1100, 100));
            assertEquals(1100.0, nextEntry(firstGateway, alice.actorId()).tx());

            long second = newSession();
            List<JsonNode> welcome = join(secondGateway, second, alice);
            assertEquals(
                    "4409 replaced by a newer session",
                    firstGateway.next(LinkOp.KICK, first, WAIT).payloadText());
            JsonNode own = welcome.get(2);
            assertEquals(1100.0, own.get("tx").asDouble(), "the walk goes on under the new session");
            assertTrue(own.at("/model/instanced_entity/x").asDouble() > 100, "it kept its live position");

            // the gateway closes the replaced player and says so; the actor stays online
            firstGateway.closed(first);
            secondGateway.frame(second, target(100, 100));
            Entry retarget = nextEntry(secondGateway, alice.actorId());
            assertEquals(100.0, retarget.tx());
        }
    }

    @Test
    void aSecondOpenOnTheSameLinkAlsoReplacesTheFirst() {
        TestActor alice = actors.create(0, 0);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long first = joined(gateway, alice);
            long second = newSession();
            join(gateway, second, alice);
            List<LinkFrame> frames = gateway.received();
            int kick = indexOf(
                    frames,
                    f -> f.op() == LinkOp.KICK
                            && f.session() == first
                            && f.payloadText().equals("4409 replaced by a newer session"));
            int accept = indexOf(frames, f -> f.op() == LinkOp.ACCEPT && f.session() == second);
            assertTrue(
                    kick >= 0 && kick < accept, "the older session is kicked before the newer is accepted: " + frames);

            // the gateway sends no CLOSED for a kicked session: the kick ended it on the world's side too
            gateway.frame(first, "not json");
            gateway.frame(second, "not json");
            gateway.next(LinkOp.SEND, second, WAIT);
            assertTrue(
                    gateway.received().stream()
                            .filter(f -> f.op() == LinkOp.SEND && f.session() == first)
                            .allMatch(f -> f.payloadText().contains("Welcome")),
                    "nothing more for the kicked session");
        }
    }

    @Test
    void badTokensAreKickedWith4401() {
        TestTokens tokens = TestTokens.get();
        TestActor alice = actors.create(0, 0);
        List<String> badTokens = List.of(
                "not-a-token",
                tokens.expired(alice.actorId(), alice.name()),
                tokens.tampered(alice.actorId(), alice.name()),
                tokens.unsigned(alice.actorId(), alice.name()),
                tokens.forActor(987_654_321, "nobody"));
        try (LinkClient gateway = LinkClient.connect(service)) {
            for (String token : badTokens) {
                long session = newSession();
                gateway.open(session, token);
                LinkFrame answer = gateway.next(f -> f.session() == session, WAIT, "an answer to session " + session);
                assertEquals(LinkOp.KICK, answer.op(), "token " + token);
                assertTrue(answer.payloadText().startsWith("4401 "), answer.payloadText());
            }
        }
    }

    @Test
    void aSessionClosedWhileItsTokenIsCheckedNeverJoins() {
        TestActor alice = actors.create(0, 0);
        TestActor bob = actors.create(5, 5);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long early = newSession();
            gateway.open(early, alice.token());
            gateway.closed(early);
            // a later session's welcome proves the world has handled both frames; Alice is not in it
            long bobs = newSession();
            List<JsonNode> welcome = join(gateway, bobs, bob);
            assertTrue(
                    welcome.stream().noneMatch(m -> m.at("/model/id").asLong() == alice.actorId()), welcome.toString());
            assertTrue(
                    gateway.received().stream().noneMatch(f -> f.session() == early), "nothing for the closed session");
        }
    }

    private static int indexOf(List<LinkFrame> frames, Predicate<LinkFrame> wanted) {
        for (int i = 0; i < frames.size(); i++) {
            if (wanted.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
