package dev.mmo.world.core;

import static dev.mmo.world.core.WorldTestSupport.savesFor;
import static dev.mmo.world.core.WorldTestSupport.snapshotOf;
import static dev.mmo.world.core.WorldTestSupport.worldWithActorAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.world.core.PositionSave.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldPersistenceTest {

    private static final long ALICE = 7;

    /** Every save of the actor over the given number of ticks, as "tick:reason". */
    private static List<String> saveLog(World world, long actorId, int ticks) {
        List<String> log = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            TickResult result = world.tick();
            for (PositionSave save : savesFor(result, actorId)) {
                ActorSnapshot now = snapshotOf(world, actorId);
                assertEquals(now.x(), save.x(), "saved x is the position after the tick");
                assertEquals(now.y(), save.y());
                assertEquals(now.tx(), save.tx(), "with the target, so that the walk can be replayed");
                assertEquals(now.ty(), save.ty());
                log.add(result.tick() + ":" + save.reason());
            }
        }
        return log;
    }

    @Test
    void aLongWalkIsSavedWhenItStartsEveryHundredTicksAndOnArrival() {
        World world = worldWithActorAt(WorldConfig.DEFAULT, ALICE, 0, 0);
        // 1001 units: 286 steps of 3.5 bring it to 1001 exactly, so it arrives in tick 2 + 285.
        world.submit(new WorldInput.Target(ALICE, 1001, 0));
        // actor 7 is saved in ticks 7, 107, 207, ... while it walks
        assertEquals(
                List.of("2:WALKED", "7:PERIODIC", "107:PERIODIC", "207:PERIODIC", "287:STOPPED"),
                saveLog(world, ALICE, 400));
    }

    @Test
    void aNewTargetIsSavedInItsTickInsteadOfAPeriodicSave() {
        World world = worldWithActorAt(new WorldConfig(20, 70, 5000, 5, 40), ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 1000, 0));
        List<String> log = new ArrayList<>(saveLog(world, ALICE, 5)); // ticks 2..6: actor 7 is due in tick 7
        world.submit(new WorldInput.Target(ALICE, 0, 1000));
        log.addAll(saveLog(world, ALICE, 1));
        assertEquals(List.of("2:WALKED", "7:WALKED"), log, "one save for tick 7, the new walk");
    }

    @Test
    void replayingASavedWalkGivesTheWorldsPositionsBitForBit() {
        WorldConfig config = WorldConfig.DEFAULT;
        World world = worldWithActorAt(config, ALICE, 12.25, -7.5);
        world.submit(new WorldInput.Target(ALICE, -301.1, 999.7));
        PositionSave started = savesFor(world.tick(), ALICE).getFirst();
        assertEquals(Reason.WALKED, started.reason());
        for (int ticks = 1; ticks <= 400; ticks++) {
            world.tick();
            ActorSnapshot now = snapshotOf(world, ALICE);
            Walk replayed = started.walk().after(ticks, config.step());
            assertEquals(now.x(), replayed.x(), "x after " + ticks + " ticks");
            assertEquals(now.y(), replayed.y(), "y after " + ticks + " ticks");
        }
        assertFalse(snapshotOf(world, ALICE).walking(), "the walk ended within the ticks compared");
        Walk longAfter = started.walk().after(Long.MAX_VALUE, config.step());
        assertEquals(new Walk(-301.1, 999.7, -301.1, 999.7), longAfter, "a replay stops on the target");
    }

    @Test
    void theCadenceFollowsTheConfig() {
        WorldConfig everyFiveTicks = new WorldConfig(20, 70, 5000, 5, 40);
        World world = worldWithActorAt(everyFiveTicks, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 0, 42));
        assertEquals(List.of("2:WALKED", "7:PERIODIC", "12:PERIODIC", "13:STOPPED"), saveLog(world, ALICE, 20));
    }

    @Test
    void aStandingActorIsNeverSavedPeriodically() {
        World world = worldWithActorAt(new WorldConfig(20, 70, 5000, 5, 40), ALICE, 1, 2);
        assertEquals(List.of(), saveLog(world, ALICE, 50));
    }

    @Test
    void aLeaveSavesTheLastPosition() {
        World world = worldWithActorAt(WorldConfig.DEFAULT, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, -500, 0));
        for (int i = 0; i < 10; i++) {
            world.tick();
        }
        world.submit(new WorldInput.Leave(ALICE));
        TickResult result = world.tick();
        assertEquals(List.of(new PositionSave(ALICE, -35, 0, -35, 0, Reason.LEFT)), result.saves());
    }

    @Test
    void walkersAreSavedSpreadOverTheCadenceEachOnceInEveryHundredTicks() {
        World world = new World(WorldConfig.DEFAULT);
        for (long id = 1; id <= 3; id++) {
            world.submit(new WorldInput.Join(id, "actor" + id, 0, 0, id * 10));
        }
        world.submit(new WorldInput.Join(4, "idle", 0, 0, -10));
        world.tick();
        for (long id = 1; id <= 3; id++) {
            world.submit(new WorldInput.Target(id, 4000, id * 10));
        }
        List<String> saves = new ArrayList<>();
        while (world.currentTick() < 250) {
            TickResult result = world.tick();
            List<PositionSave> periodic = result.saves().stream()
                    .filter(save -> save.reason() == Reason.PERIODIC)
                    .toList();
            assertTrue(periodic.size() <= 1, "one walker a tick at most, tick " + result.tick());
            for (PositionSave save : periodic) {
                assertEquals((result.tick() - 1) * 3.5, save.x(), "the position after the tick");
                saves.add(result.tick() + ":" + save.actorId());
            }
        }
        // the walks started in tick 2 (saved as WALKED, actor 2's periodic turn with them), so actor 1's first
        // periodic save is in tick 101; the idle actor 4 is never saved
        assertEquals(List.of("3:3", "101:1", "102:2", "103:3", "201:1", "202:2", "203:3"), saves);
    }

    @Test
    void snapshotAllGivesEveryonesPositionForTheShutdownSave() {
        World world = new World(WorldConfig.DEFAULT);
        world.submit(new WorldInput.Join(1, "walker", 0, 0, 0));
        world.submit(new WorldInput.Join(2, "stander", 0, 9, 9));
        world.submit(new WorldInput.Target(1, 100, 0));
        world.tick();
        world.tick();
        assertEquals(
                List.of(
                        new ActorSnapshot(1, "walker", 0, 7, 0, 100, 0),
                        new ActorSnapshot(2, "stander", 0, 9, 9, 9, 9)),
                world.snapshotAll());
    }
}
