package dev.mmo.world.loop;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.entriesOf;
import static dev.mmo.world.Links.newSession;
import static dev.mmo.world.Links.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.TestActors;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
        Walks one = framesForAWalkOf(1, 3000);
        assertEquals(2, one.frames(), "one player: the start and the arrival");
        // fifty targets sent one after another reach the world within a few ticks (more on a busy machine); however
        // many players started or arrived in a tick, that tick costs one frame
        Walks fifty = framesForAWalkOf(50, 3100);
        assertTrue(fifty.ticks() < 25, "the fifty walks started and ended within a few ticks: " + fifty);
        assertEquals(fifty.ticks(), fifty.frames(), "fifty players: one frame per tick, not one per player");
    }

    /** The NEWS frames that carried a team's walks, and the number of ticks their walks started or ended in. */
    private record Walks(int frames, int ticks) {}

    /**
     * Joins that many players on one link, lets each walk 2 steps, and counts the NEWS frames that carried their
     * walks and the ticks their walks started or ended in, after checking that no tick was written twice and that
     * what each player got for itself alone is its own entries.
     */
    private Walks framesForAWalkOf(int players, double y) {
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
            Await.until(
                    () -> gateway.received().stream()
                                    .filter(f -> f.op() == LinkOp.SEND)
                                    .count()
                            == players,
                    WAIT,
                    "every welcome");
            int walkStart = gateway.received().size();

            for (int i = 0; i < players; i++) {
                gateway.frame(sessions.get(i), target(i * 10 + 7, y));
            }
            Await.until(
                    () -> team.stream()
                            .allMatch(actor -> entriesOf(walkFrames(gateway, walkStart), actor.actorId()).stream()
                                    .anyMatch(entry -> entry.arrival())),
                    WAIT,
                    "every arrival");

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
                if (team.stream()
                        .anyMatch(actor ->
                                !entriesOf(List.of(frame), actor.actorId()).isEmpty())) {
                    framesWithTheirWalks++;
                }
            }
            Set<Long> walkTicks = new HashSet<>();
            for (TestActor actor : team) {
                entriesOf(
                                frames.stream()
                                        .filter(frame -> frame.op() == LinkOp.NEWS)
                                        .toList(),
                                actor.actorId())
                        .forEach(entry -> walkTicks.add(entry.tick()));
            }
            return new Walks(framesWithTheirWalks, walkTicks.size());
        }
    }

    private static List<LinkFrame> walkFrames(LinkClient gateway, int from) {
        List<LinkFrame> all = gateway.received();
        return all.subList(from, all.size());
    }
}
