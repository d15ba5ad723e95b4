package dev.mmo.world.core;

import static dev.mmo.world.core.WorldTestSupport.snapshotOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorldMembershipTest {

    private final World world = new World(WorldConfig.DEFAULT);

    @Test
    void ticksAreNumberedFromOne() {
        assertEquals(0, world.currentTick());
        assertEquals(1, world.tick().tick());
        assertEquals(2, world.tick().tick());
        assertEquals(2, world.currentTick());
    }

    @Test
    void aJoinAppearsStandingAtItsSavedPosition() {
        world.submit(new WorldInput.Join(7, "alice", 2, 12.5, -3));
        TickResult result = world.tick();
        ActorSnapshot alice = new ActorSnapshot(7, "alice", 2, 12.5, -3, 12.5, -3);
        assertEquals(List.of(alice), result.joined());
        assertTrue(result.moves().isEmpty());
        assertTrue(result.saves().isEmpty());
        assertEquals(List.of(alice), world.snapshotAll());
        assertEquals(1, world.actorsOnline());
    }

    @Test
    void joinsAreReportedInArrivalOrderAndSnapshotAllListsEveryoneInJoinOrder() {
        world.submit(new WorldInput.Join(3, "carol", 0, 1, 1));
        world.tick();
        world.submit(new WorldInput.Join(9, "bob", 1, 2, 2));
        world.submit(new WorldInput.Join(1, "alice", 2, 3, 3));
        TickResult result = world.tick();
        assertEquals(
                List.of(9L, 1L),
                result.joined().stream().map(ActorSnapshot::actorId).toList());
        assertEquals(
                List.of(3L, 9L, 1L),
                world.snapshotAll().stream().map(ActorSnapshot::actorId).toList());
        assertEquals(3, world.actorsOnline());
    }

    @Test
    void aSavedPositionOutsideTheWorldIsBroughtBackInside() {
        world.submit(new WorldInput.Join(1, "far", 0, 9000, -1e300));
        world.submit(new WorldInput.Join(2, "broken", 0, Double.NaN, Double.NEGATIVE_INFINITY));
        List<ActorSnapshot> joined = world.tick().joined();
        assertEquals(new ActorSnapshot(1, "far", 0, 5000, -5000, 5000, -5000), joined.get(0));
        assertEquals(new ActorSnapshot(2, "broken", 0, 0, 0, 0, 0), joined.get(1));
    }

    @Test
    void joiningWhileOnlineKeepsTheLiveWalkAndAnnouncesAgain() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.tick();
        world.submit(new WorldInput.Target(7, 100, 0));
        world.tick();
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        TickResult result = world.tick();
        assertEquals(List.of(new ActorSnapshot(7, "alice", 2, 7, 0, 100, 0)), result.joined());
        assertTrue(result.moves().isEmpty());
        assertEquals(1, world.actorsOnline());
    }

    @Test
    void aLeaveDespawnsAndSavesThePositionBeforeThatTicksStep() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.submit(new WorldInput.Join(8, "bob", 1, 50, 50));
        world.tick();
        world.submit(new WorldInput.Target(7, 0, 100));
        world.tick();
        world.submit(new WorldInput.Leave(7));
        TickResult result = world.tick();
        assertEquals(List.of(7L), result.left());
        assertEquals(List.of(new PositionSave(7, 0, 3.5, 0, 3.5, PositionSave.Reason.LEFT)), result.saves());
        assertTrue(result.moves().isEmpty());
        assertEquals(
                List.of(8L),
                world.snapshotAll().stream().map(ActorSnapshot::actorId).toList());
        assertEquals(1, world.actorsOnline());
        assertTrue(world.tick().saves().isEmpty(), "a departed walker is no longer stepped or saved");
    }

    @Test
    void aTargetFollowedByALeaveInTheSameTickLeavesNoEntry() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.tick();
        world.submit(new WorldInput.Target(7, 0, 100));
        world.submit(new WorldInput.Leave(7));
        TickResult result = world.tick();
        assertTrue(result.moves().isEmpty());
        assertEquals(List.of(new PositionSave(7, 0, 0, 0, 0, PositionSave.Reason.LEFT)), result.saves());
    }

    @Test
    void unknownLeavesAreIgnored() {
        world.submit(new WorldInput.Leave(42));
        assertFalse(world.tick().hasNews());
    }

    @Test
    void joiningAndLeavingWithinOneTickLeavesNoTrace() {
        world.submit(new WorldInput.Join(7, "alice", 2, 5, 5));
        world.submit(new WorldInput.Target(7, 50, 50));
        world.submit(new WorldInput.Leave(7));
        TickResult result = world.tick();
        assertFalse(result.hasNews());
        assertTrue(result.saves().isEmpty());
        assertEquals(0, world.actorsOnline());
    }

    @Test
    void leavingAndJoiningAgainWithinOneTickIsReportedInBothLists() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.tick();
        world.submit(new WorldInput.Leave(7));
        world.submit(new WorldInput.Join(7, "alice", 2, 30, 40));
        TickResult result = world.tick();
        assertEquals(List.of(7L), result.left());
        assertEquals(List.of(new ActorSnapshot(7, "alice", 2, 30, 40, 30, 40)), result.joined());
    }

    @Test
    void aRejoinThenLeaveInOneTickIsOnlyALeave() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.tick();
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.submit(new WorldInput.Leave(7));
        TickResult result = world.tick();
        assertTrue(result.joined().isEmpty());
        assertEquals(List.of(7L), result.left());
    }

    @Test
    void aJoinAndATargetInOneTickReportTheSameStateInBothPlaces() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        world.submit(new WorldInput.Target(7, 100, 0));
        TickResult result = world.tick();
        assertEquals(List.of(new ActorSnapshot(7, "alice", 2, 3.5, 0, 100, 0)), result.joined());
        assertEquals(List.of(new MoveEntry(7, 3.5, 0, 100, 0)), result.moves());
    }

    @Test
    void resultsAreImmutableAndNotReusedByLaterTicks() {
        world.submit(new WorldInput.Join(7, "alice", 2, 0, 0));
        TickResult first = world.tick();
        world.submit(new WorldInput.Leave(7));
        world.tick();
        assertEquals(1, first.joined().size());
        assertTrue(first.left().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> first.joined().clear());
    }

    @Test
    void inputsSubmittedFromManyThreadsAllArrive() throws InterruptedException {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 1000;
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    world.submit(new WorldInput.Join(base + i, "a" + (base + i), 0, 0, 0));
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4000, world.tick().joined().size());
        assertEquals(4000, world.actorsOnline());
        assertEquals("a3999", snapshotOf(world, 3999).name());
    }
}
