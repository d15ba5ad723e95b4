package dev.mmo.world.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Holds the server's step rule to the reference walks of {@code testdata/step-rule-reference.json}, which the web
 * client's tests ({@code web-client/test/stepRule.test.ts}) hold the client's step rule to as well: both must land on
 * those positions bit for bit, so a change on either side that would make clients drift from the server fails a build.
 * <p>
 * Every run also writes the positions the server computes, in the file's own format, to
 * {@code target/step-rule-reference.json}. To add a walk, add its start, target, rate and the ticks to check to the
 * file (positions may be left out), run this test and copy the written file over. A deliberate change of the rule
 * breaks every client: change web-client/src/world/stepRule.ts (and docs/protocol.md) in the same commit.
 */
class StepRuleReferenceTest {

    private static final Path REFERENCE = Path.of("..", "testdata", "step-rule-reference.json");
    private static final Path COMPUTED = Path.of("target", "step-rule-reference.json");
    private static final long WALKER = 1;

    record Point(double x, double y) {}

    /** The position after {@code ticks} ticks of the walk; x and y are null where the file leaves them out. */
    record Position(long ticks, Double x, Double y) {}

    record ReferenceWalk(
            String name, String why, int tickRate, double speed, Point start, Point target, List<Position> after) {}

    record Reference(String about, List<ReferenceWalk> walks) {}

    @Test
    void theWorldWalksEveryReferenceWalkOnTheFilesPositionsToTheLastBit() throws IOException {
        Reference reference = new ObjectMapper().readValue(REFERENCE.toFile(), Reference.class);
        assertFalse(reference.walks().isEmpty(), "no walks in " + REFERENCE);

        List<ReferenceWalk> computed = reference.walks().stream()
                .map(StepRuleReferenceTest::walkOnTheServer)
                .toList();
        Files.createDirectories(COMPUTED.getParent());
        Files.writeString(COMPUTED, format(new Reference(reference.about(), computed)));

        for (int w = 0; w < computed.size(); w++) {
            ReferenceWalk expected = reference.walks().get(w);
            assertFalse(expected.after().isEmpty(), "no positions to check in walk '" + expected.name() + "'");
            for (int i = 0; i < expected.after().size(); i++) {
                assertEquals(
                        expected.after().get(i),
                        computed.get(w).after().get(i),
                        "walk '" + expected.name() + "' (what the server computes is in " + COMPUTED.toAbsolutePath()
                                + ")");
            }
        }
    }

    @Test
    void aWalkReplayedFromItsStateGivesTheSameNumbersAsTheWorld() throws IOException {
        // Walk.after is how a world-service that takes over computes where the old owner's walkers got to.
        Reference reference = new ObjectMapper().readValue(REFERENCE.toFile(), Reference.class);
        for (ReferenceWalk walk : reference.walks()) {
            Walk start = new Walk(
                    walk.start().x(),
                    walk.start().y(),
                    walk.target().x(),
                    walk.target().y());
            for (Position expected : walk.after()) {
                Walk replayed = start.after(expected.ticks(), config(walk).step());
                assertEquals(
                        expected,
                        new Position(expected.ticks(), replayed.x(), replayed.y()),
                        "walk '" + walk.name() + "'");
            }
        }
    }

    /** The walk as the world runs it: the walker joins at the start, then its target arrives. */
    private static ReferenceWalk walkOnTheServer(ReferenceWalk walk) {
        World world = new World(config(walk));
        world.submit(new WorldInput.Join(
                WALKER, "walker", 0, walk.start().x(), walk.start().y()));
        world.tick();
        world.submit(
                new WorldInput.Target(WALKER, walk.target().x(), walk.target().y()));
        List<Position> after = new ArrayList<>();
        long ticks = 0;
        for (Position wanted : walk.after()) {
            if (wanted.ticks() < ticks) {
                throw new IllegalArgumentException("walk '" + walk.name() + "': list the ticks in ascending order");
            }
            while (ticks < wanted.ticks()) {
                world.tick();
                ticks++;
            }
            ActorSnapshot walker = world.snapshotAll().getFirst();
            after.add(new Position(ticks, walker.x(), walker.y()));
        }
        return new ReferenceWalk(
                walk.name(), walk.why(), walk.tickRate(), walk.speed(), walk.start(), walk.target(), after);
    }

    private static WorldConfig config(ReferenceWalk walk) {
        return new WorldConfig(
                walk.tickRate(),
                walk.speed(),
                WorldConfig.DEFAULT.boundsHalfSize(),
                WorldConfig.DEFAULT.persistEveryTicks(),
                WorldConfig.DEFAULT.maxCatchUpTicks());
    }

    /** The file's format: every number in Java's shortest round-trip form, one position a line. */
    private static String format(Reference reference) {
        String walks = reference.walks().stream()
                .map(walk -> "    {\n"
                        + "      \"name\": " + quoted(walk.name()) + ",\n"
                        + "      \"why\": " + quoted(walk.why()) + ",\n"
                        + "      \"tickRate\": " + walk.tickRate() + ",\n"
                        + "      \"speed\": " + walk.speed() + ",\n"
                        + "      \"start\": " + point(walk.start()) + ",\n"
                        + "      \"target\": " + point(walk.target()) + ",\n"
                        + "      \"after\": [\n"
                        + walk.after().stream()
                                .map(p -> "        {\"ticks\": " + p.ticks() + ", \"x\": " + p.x() + ", \"y\": " + p.y()
                                        + "}")
                                .collect(Collectors.joining(",\n"))
                        + "\n      ]\n    }")
                .collect(Collectors.joining(",\n"));
        return "{\n  \"about\": " + quoted(reference.about()) + ",\n  \"walks\": [\n" + walks + "\n  ]\n}\n";
    }

    private static String point(Point p) {
        return "{\"x\": " + p.x() + ", \"y\": " + p.y() + "}";
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
