package dev.mmo.world.core;

import static dev.mmo.world.core.WorldTestSupport.savesFor;
import static dev.mmo.world.core.WorldTestSupport.snapshotOf;
import static dev.mmo.world.core.WorldTestSupport.worldWithActorAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
                log.add(result.tick() + ":" + save.reason());
            }
        }
        return log;
    }

    @Test
    void aLongWalkIsSavedEveryHundredTicksAndOnArrival() {
        World world = worldWithActorAt(WorldConfig.DEFAULT, ALICE, 0, 0);
        // 1001 units: 286 steps of 3.5 bring it to 1001 exactly, so it arrives in tick 2 + 285.
        world.submit(new WorldInput.Target(ALICE, 1001, 0));
        // actor 7 is saved in ticks 7, 107, 207, ... while it walks
        assertEquals(List.of("7:PERIODIC", "107:PERIODIC", "207:PERIODIC", "287:STOPPED"), saveLog(world, ALICE, 400));
    }

    @Test
    void theCadenceFollowsTheConfig() {
        WorldConfig everyFiveTicks = new WorldConfig(20, 70, 5000, 5, 40);
        World world = worldWithActorAt(everyFiveTicks, ALICE, 0, 0);
        world.submit(new WorldInput.Target(ALICE, 0, 42));
        assertEquals(List.of("2:PERIODIC", "7:PERIODIC", "12:PERIODIC", "13:STOPPED"), saveLog(world, ALICE, 20));
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
        assertEquals(List.of(new PositionSave(ALICE, -35, 0, Reason.LEFT)), result.saves());
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
            assertTrue(result.saves().size() <= 1, "one walker a tick at most, tick " + result.tick());
            for (PositionSave save : result.saves()) {
                assertEquals(Reason.PERIODIC, save.reason());
                assertEquals((result.tick() - 1) * 3.5, save.x(), "the position after the tick");
                saves.add(result.tick() + ":" + save.actorId());
            }
        }
        // the walk started in tick 2, so actor 1's first save is in tick 101; the idle actor 4 is never saved
        assertEquals(List.of("2:2", "3:3", "101:1", "102:2", "103:3", "201:1", "202:2", "203:3"), saves);
    }

    @Test
    void snapshotAllGivesEveryonesPositionForTheShutdownSave() {
        World world = new World(WorldConfig.DEFAULT);
        world.submit(new WorldInput.Join(1, "walker", 0, 0, 0));
        world.submit(new WorldInput.Join(2, "stander", 0, 9, 9));
        world.submit(new WorldInput.Target(1, 100, 0));
        world.tick();
        world.tick();
        assertEquals(List.of(
                        new ActorSnapshot(1, "walker", 0, 7, 0, 100, 0),
                        new ActorSnapshot(2, "stander", 0, 9, 9, 9, 9)),
                world.snapshotAll());
    }
}
