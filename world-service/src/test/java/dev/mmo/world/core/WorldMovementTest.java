package dev.mmo.world.core;

import static dev.mmo.world.core.WorldTestSupport.entryFor;
import static dev.mmo.world.core.WorldTestSupport.snapshotOf;
import static dev.mmo.world.core.WorldTestSupport.worldWithActorAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldMovementTest {

    private static final WorldConfig CONFIG = WorldConfig.DEFAULT;
    private static final long ALICE = 7;

    @Test
    void walksExactlyOneStepOf3point5PerTick() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 1000, 0));
        for (int n = 1; n <= 20; n++) {
            world.tick();
            assertEquals(3.5 * n, snapshotOf(world, ALICE).x());
            assertEquals(0.0, snapshotOf(world, ALICE).y());
        }
    }

    @Test
    void diagonalStepHasLengthStep() {
        World world = worldWithActorAt(CONFIG, ALICE, 10, 20);
        world.submit(new WorldInput.Target(ALICE, 10 + 300, 20 + 400));
        world.tick();
        ActorSnapshot after = snapshotOf(world, ALICE);
        assertEquals(3.5 * 0.6, after.x() - 10, 1e-12);
        assertEquals(3.5 * 0.8, after.y() - 20, 1e-12);
    }

    @Test
    void startsWithAnEntryAfterTheFirstStepThenStaysQuietUntilItArrivesExactly() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 35, 0));

        TickResult start = world.tick();
        assertEquals(new MoveEntry(ALICE, 3.5, 0, 35, 0), entryFor(start, ALICE).orElseThrow());

        for (int n = 2; n <= 9; n++) {
            assertTrue(world.tick().moves().isEmpty(), "no entry while walking straight, tick " + n);
        }
        TickResult arrival = world.tick();
        MoveEntry entry = entryFor(arrival, ALICE).orElseThrow();
        assertEquals(new MoveEntry(ALICE, 35, 0, 35, 0), entry);
        assertTrue(entry.arrival());
        assertTrue(world.tick().moves().isEmpty(), "an actor that stands produces nothing");
    }

    @Test
    void arrivesBitExactlyOnAnAwkwardDiagonalTarget() {
        World world = worldWithActorAt(CONFIG, ALICE, -17.3, 4.1);
        double tx = 123.456789;
        double ty = -78.90123;
        world.submit(new WorldInput.Target(ALICE, tx, ty));
        MoveEntry last = null;
        for (int n = 0; n < 100 && (last == null || !last.arrival()); n++) {
            last = entryFor(world.tick(), ALICE).orElse(last);
        }
        assertTrue(last.arrival());
        assertEquals(tx, last.x());
        assertEquals(ty, last.y());
        ActorSnapshot standing = snapshotOf(world, ALICE);
        assertEquals(tx, standing.x());
        assertEquals(ty, standing.y());
        assertFalse(standing.walking());
    }

    @Test
    void aTargetWithinOneStepIsReachedInTheSameTick() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 2, -1.5));
        MoveEntry entry = entryFor(world.tick(), ALICE).orElseThrow();
        assertEquals(new MoveEntry(ALICE, 2, -1.5, 2, -1.5), entry);
    }

    @Test
    void retargetingMidWalkEmitsOneEntryAtTheRetargetTickOnly() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 100, 0));
        assertTrue(entryFor(world.tick(), ALICE).isPresent());
        world.tick();
        world.tick();
        ActorSnapshot before = snapshotOf(world, ALICE);
        assertEquals(10.5, before.x());

        world.submit(new WorldInput.Target(ALICE, 10.5, 50));
        TickResult retarget = world.tick();
        assertEquals(
                new MoveEntry(ALICE, 10.5, 3.5, 10.5, 50),
                entryFor(retarget, ALICE).orElseThrow());

        List<Long> ticksWithEntries = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            TickResult result = world.tick();
            entryFor(result, ALICE).ifPresent(e -> ticksWithEntries.add(result.tick()));
        }
        // 3.5 + 13 more steps = 49, the 14th step arrives on 50: retarget tick + 14.
        assertEquals(List.of(retarget.tick() + 14), ticksWithEntries);
    }

    @Test
    void severalTargetsInOneTickLeaveOneEntryForTheLast() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 100, 0));
        world.submit(new WorldInput.Target(ALICE, -100, 0));
        world.submit(new WorldInput.Target(ALICE, 0, 100));
        TickResult result = world.tick();
        assertEquals(1, result.moves().size());
        assertEquals(new MoveEntry(ALICE, 0, 3.5, 0, 100), result.moves().getFirst());
    }

    @Test
    void aTargetOnTheSpotWhereAStandingActorStandsIsANoOp() {
        World world = worldWithActorAt(CONFIG, ALICE, 12.5, -3);
        world.submit(new WorldInput.Target(ALICE, 12.5, -3));
        TickResult result = world.tick();
        assertTrue(result.moves().isEmpty());
        assertTrue(result.saves().isEmpty());
    }

    @Test
    void resendingTheCurrentTargetWhileWalkingChangesNothing() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 100, 0));
        world.tick();
        world.submit(new WorldInput.Target(ALICE, 100, 0));
        assertTrue(world.tick().moves().isEmpty());
        assertEquals(7.0, snapshotOf(world, ALICE).x());
    }

    @Test
    void aTargetOnTheCurrentPositionStopsAWalkingActorWithAnArrival() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 100, 0));
        world.tick();
        world.tick();
        world.submit(new WorldInput.Target(ALICE, 7, 0));
        TickResult result = world.tick();
        assertEquals(new MoveEntry(ALICE, 7, 0, 7, 0), entryFor(result, ALICE).orElseThrow());
        assertEquals(List.of(new PositionSave(ALICE, 7, 0, 7, 0, PositionSave.Reason.STOPPED)), result.saves());
        assertTrue(world.tick().moves().isEmpty());
    }

    @Test
    void theWorldIgnoresInvalidTargetsItIsGiven() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        double[][] invalid = {
            {Double.NaN, 0}, {0, Double.NaN}, {Double.POSITIVE_INFINITY, 0}, {0, Double.NEGATIVE_INFINITY},
            {1e308, 0}, {0, -1e308}, {5000.5, 0}, {0, -5001}
        };
        for (double[] target : invalid) {
            world.submit(new WorldInput.Target(ALICE, target[0], target[1]));
        }
        TickResult result = world.tick();
        assertTrue(result.moves().isEmpty());
        assertEquals(new ActorSnapshot(ALICE, "actor7", 0, 0, 0, 0, 0), snapshotOf(world, ALICE));
    }

    @Test
    void targetsForActorsThatAreNotOnlineAreIgnored() {
        World world = worldWithActorAt(CONFIG, ALICE, 0, 0);
        world.submit(new WorldInput.Target(99, 10, 10));
        TickResult result = world.tick();
        assertFalse(result.hasNews());
        assertEquals(1, world.actorsOnline());
    }

    @Test
    void aThousandWalkersEachArriveExactlyOnTimeWithTwoEntriesApiece() {
        World world = new World(CONFIG);
        int actors = 1000;
        double[][] targets = new double[actors][];
        long[] arrivalTick = new long[actors];
        for (int i = 0; i < actors; i++) {
            double x = (i % 40) * 200.0 - 4000;
            double y = Math.floorDiv(i, 40) * 300.0 - 4000;
            world.submit(new WorldInput.Join(i, "actor" + i, i % 8, x, y));
        }
        world.tick();
        for (int i = 0; i < actors; i++) {
            ActorSnapshot start = snapshotOf(world, i);
            double angle = i * 0.7;
            int fullSteps = 20 + i % 50;
            // Half a step past a whole number of steps: rounding cannot move the arrival to another tick.
            double distance = CONFIG.step() * (fullSteps + 0.5);
            targets[i] = new double[] {start.x() + Math.cos(angle) * distance, start.y() + Math.sin(angle) * distance};
            arrivalTick[i] = world.currentTick() + fullSteps + 1;
            world.submit(new WorldInput.Target(i, targets[i][0], targets[i][1]));
        }

        int[] entries = new int[actors];
        while (world.currentTick() < 80) {
            TickResult result = world.tick();
            for (MoveEntry entry : result.moves()) {
                int i = (int) entry.actorId();
                entries[i]++;
                if (entry.arrival()) {
                    assertEquals(arrivalTick[i], result.tick(), "arrival tick of actor " + i);
                } else {
                    assertEquals(2, result.tick(), "only the start tick has non-arrival entries");
                }
            }
        }
        for (int i = 0; i < actors; i++) {
            assertEquals(2, entries[i], "entries of actor " + i);
            ActorSnapshot end = snapshotOf(world, i);
            assertEquals(targets[i][0], end.x());
            assertEquals(targets[i][1], end.y());
        }
    }
}
