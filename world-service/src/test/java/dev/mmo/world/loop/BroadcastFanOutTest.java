package dev.mmo.world.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.Await;
import dev.mmo.world.TestActors;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.entriesOf;
import static dev.mmo.world.Links.newSession;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The world writes one NEWS frame per tick to a gateway, however many players are behind it; each player gets only
 * its own entries on their own.
 */
@QuarkusTest
@WithTestResource(WorldTestResource.class)
class BroadcastFanOutTest {

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void fiftyPlayersBehindOneLinkGetTheFramesOfOne() {
        assertEquals(2, framesForAWalkOf(1, 3000), "one player: the start and the arrival");
        assertTrue(framesForAWalkOf(50, 3100) <= 4,
                "fifty players: still one frame per tick; their targets may straddle two ticks, no more");
    }

    /**
     * Joins that many players on one link, lets each walk 5 steps, and returns the NEWS frames that carried their
     * walks, after checking that no tick was written twice and that what each player got for itself alone is its
     * own entries.
     */
    private int framesForAWalkOf(int players, double y) {
        try (LinkClient gateway = LinkClient.connect(service)) {
            List<TestActor> team = new ArrayList<>();
            List<Long> sessions = new ArrayList<>();
            for (int i = 0; i < players; i++) {
                TestActor actor = actors.create(i * 10, y);
                long session = newSession();
                team.add(actor);
                sessions.add(session);
                gateway.open(session, actor.token());
            }
            Await.until(() -> gateway.received().stream().filter(f -> f.op() == LinkOp.SEND).count() == players,
                    WAIT, "every welcome");
            int walkStart = gateway.received().size();

            for (int i = 0; i < players; i++) {
                gateway.frame(sessions.get(i), target(i * 10 + 7, y));
            }
            Await.until(() -> team.stream().allMatch(actor -> entriesOf(walkFrames(gateway, walkStart),
                    actor.actorId()).stream().anyMatch(entry -> entry.arrival())), WAIT, "every arrival");

            List<LinkFrame> frames = walkFrames(gateway, walkStart);
            for (LinkFrame frame : frames) {
                if (frame.op() == LinkOp.SEND) {
                    long actorId = team.get(sessions.indexOf(frame.session())).actorId();
                    for (JsonNode message : LinkClient.messages(frame)) {
                        assertEquals("Moves", message.get("type").asText(), message.toString());
                        assertEquals(1, message.get("moves").size(), message.toString());
                        assertEquals(actorId, message.at("/moves/0/id").asLong(), "only its own entry: " + message);
                    }
                }
            }
            Set<Long> ticks = new HashSet<>();
            int framesWithTheirWalks = 0;
            for (LinkFrame frame : frames) {
                if (frame.op() != LinkOp.NEWS) {
                    continue;
                }
                for (JsonNode message : LinkClient.messages(frame)) {
                    if (message.has("tick")) {
                        assertTrue(ticks.add(message.get("tick").asLong()), "one frame per tick: " + frames);
                        break;
                    }
                }
                if (team.stream().anyMatch(actor -> !entriesOf(List.of(frame), actor.actorId()).isEmpty())) {
                    framesWithTheirWalks++;
                }
            }
            return framesWithTheirWalks;
        }
    }

    private static List<LinkFrame> walkFrames(LinkClient gateway, int from) {
        List<LinkFrame> all = gateway.received();
        return all.subList(from, all.size());
    }
}
