package dev.mmo.world.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Clients draw every actor from the server's entries and snapshots plus the documented step rule alone. This test
 * plays such a client, written from the rule in {@link World}'s documentation and sharing no code with the server,
 * against random walks, and checks it knows every actor's position after every tick.
 */
class WorldReplayTest {

    private static final int ACTOR_POOL = 60;
    private static final int TICKS = 600;

    /** A client that hears only ticks with something to say, over JSON, as over the WebSocket. */
    private static final class ReplayingClient {
        private final double step;
        /** Per actor: {x, y, tx, ty} after tick {@link #replayedTick}. */
        private final Map<Long, double[]> actors = new HashMap<>();

        private long replayedTick;

        ReplayingClient(double speed, int tickRate) {
            this.step = speed / tickRate;
        }

        /** A newcomer starts from the snapshot of everyone it receives on joining. */
        void startFrom(long tick, List<ActorSnapshot> everyone) {
            replayedTick = tick;
            everyone.forEach(this::put);
        }

        void receive(TickResult frame) {
            advanceTo(frame.tick());
            frame.left().forEach(actors::remove);
            frame.joined().forEach(this::put);
            for (MoveEntry entry : frame.moves()) {
                actors.put(entry.actorId(), json(entry.x(), entry.y(), entry.tx(), entry.ty()));
            }
        }

        void advanceTo(long tick) {
            for (; replayedTick < tick; replayedTick++) {
                for (double[] state : actors.values()) {
                    ClientStepRule.stepOnce(state, step);
                }
            }
        }

        private void put(ActorSnapshot snapshot) {
            actors.put(snapshot.actorId(), json(snapshot.x(), snapshot.y(), snapshot.tx(), snapshot.ty()));
        }

        /** Numbers cross the wire as decimal text. */
        private static double[] json(double... values) {
            double[] parsed = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                parsed[i] = Double.parseDouble(Double.toString(values[i]));
            }
            return parsed;
        }
    }

    @Test
    void aClientReplayMatchesTheServerAfterEveryTickAtTwentyHertz() {
        for (long seed = 1; seed <= 4; seed++) {
            replayRandomWalks(WorldConfig.DEFAULT, seed);
        }
    }

    @Test
    void aClientReplayMatchesTheServerWithAStepThatIsNotAShortDecimal() {
        // 70 / 30 = 2.333…, so positions are never round numbers.
        for (long seed = 11; seed <= 14; seed++) {
            replayRandomWalks(new WorldConfig(30, 70, 400, 100, 40), seed);
        }
    }

    private void replayRandomWalks(WorldConfig config, long seed) {
        Random random = new Random(seed);
        World world = new World(config);
        ReplayingClient fromStart = new ReplayingClient(config.speed(), config.tickRate());
        ReplayingClient lateComer = null;
        int entries = 0;

        for (int t = 1; t <= TICKS; t++) {
            submitRandomInputs(world, config, random);
            TickResult result = world.tick();
            entries += result.moves().size();
            if (result.hasNews()) {
                fromStart.receive(result);
                if (lateComer != null) {
                    lateComer.receive(result);
                }
            }
            if (t == TICKS / 3) {
                lateComer = new ReplayingClient(config.speed(), config.tickRate());
                lateComer.startFrom(world.currentTick(), world.snapshotAll());
            }
            assertKnowsEveryone(fromStart, world, seed);
            if (lateComer != null) {
                assertKnowsEveryone(lateComer, world, seed);
            }
        }
        assertTrue(entries > 200, "the random walks exercised the protocol: " + entries + " entries, seed " + seed);
    }

    private static void assertKnowsEveryone(ReplayingClient client, World world, long seed) {
        client.advanceTo(world.currentTick());
        List<ActorSnapshot> everyone = world.snapshotAll();
        assertEquals(everyone.size(), client.actors.size(), "actors known, seed " + seed);
        for (ActorSnapshot server : everyone) {
            double[] replayed = client.actors.get(server.actorId());
            String where = "actor " + server.actorId() + " after tick " + world.currentTick() + ", seed " + seed;
            assertNotNull(replayed, where);
            // Exact, not merely within 1e-6: same operations on the same doubles.
            assertEquals(server.x(), replayed[0], where);
            assertEquals(server.y(), replayed[1], where);
            assertEquals(server.tx(), replayed[2], where);
            assertEquals(server.ty(), replayed[3], where);
        }
    }

    private static void submitRandomInputs(World world, WorldConfig config, Random random) {
        Map<Long, ActorSnapshot> online = new HashMap<>();
        world.snapshotAll().forEach(s -> online.put(s.actorId(), s));
        double half = config.boundsHalfSize();
        for (long id = 1; id <= ACTOR_POOL; id++) {
            ActorSnapshot actor = online.get(id);
            if (actor == null) {
                if (random.nextInt(20) == 0) {
                    // Saved positions are sometimes outside today's bounds; the world brings them inside.
                    double scale = random.nextInt(10) == 0 ? 3 * half : half;
                    world.submit(new WorldInput.Join(
                            id, "actor" + id, random.nextInt(8), coordinate(random, scale), coordinate(random, scale)));
                }
                continue;
            }
            int roll = random.nextInt(100);
            if (roll < 2) {
                world.submit(new WorldInput.Leave(id));
            } else if (roll < 10) {
                int targets = random.nextInt(10) == 0 ? 2 : 1;
                for (int i = 0; i < targets; i++) {
                    double[] target = randomTarget(actor, config, random);
                    world.submit(new WorldInput.Target(id, target[0], target[1]));
                }
            } else if (roll < 11) {
                world.submit(new WorldInput.Join(id, "actor" + id, 0, 0, 0));
            }
        }
    }

    private static double[] randomTarget(ActorSnapshot actor, WorldConfig config, Random random) {
        double half = config.boundsHalfSize();
        return switch (random.nextInt(8)) {
            case 0 -> new double[] {actor.x(), actor.y()};
            case 1 -> new double[] {actor.tx(), actor.ty()};
            case 2 ->
                new double[] {
                    Math.clamp(actor.x() + random.nextDouble(-3, 3), -half, half),
                    Math.clamp(actor.y() + random.nextDouble(-3, 3), -half, half)
                };
            case 3 -> new double[] {coordinate(random, half), coordinate(random, half)};
            case 4 -> new double[] {random.nextBoolean() ? half : -half, coordinate(random, half)};
            case 5 -> new double[] {Double.NaN, random.nextBoolean() ? 2 * half : Double.POSITIVE_INFINITY};
            default ->
                new double[] {
                    Math.clamp(actor.x() + random.nextDouble(-150, 150), -half, half),
                    Math.clamp(actor.y() + random.nextDouble(-150, 150), -half, half)
                };
        };
    }

    private static double coordinate(Random random, double half) {
        return random.nextDouble(-half, half);
    }
}
