package dev.mmo.world.core;

import static dev.mmo.world.core.WorldTestSupport.snapshotOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TickClockTest {

    private static final long MS = 1_000_000L;

    /** A hand-driven monotonic clock that does not start at zero, like System.nanoTime. */
    private long now = 987_654_321_000L;

    private final TickClock clock = new TickClock(() -> now, 20, 40);

    @Test
    void oneTickIsDueEveryFiftyMillisecondsAtTwentyHertz() {
        clock.start();
        assertEquals(new TickClock.Due(0, 0), clock.poll());
        assertEquals(50 * MS, clock.nanosUntilNextTick());

        now += 50 * MS - 1;
        assertEquals(0, clock.poll().ticks());
        assertEquals(1, clock.nanosUntilNextTick());

        now += 1;
        assertEquals(new TickClock.Due(1, 0), clock.poll());
        assertEquals(0, clock.poll().ticks(), "a due tick is handed out once");
        assertEquals(50 * MS, clock.nanosUntilNextTick());
    }

    @Test
    void aSlowTickIsFollowedByTheMissedTicksNotBiggerSteps() {
        World world = new World(WorldConfig.DEFAULT);
        world.submit(new WorldInput.Join(7, "alice", 0, 0, 0));
        world.submit(new WorldInput.Target(7, 4000, 0));
        clock.start();

        now += 50 * MS;
        assertEquals(1, clock.poll().ticks());
        world.tick();
        now += 180 * MS; // that tick took 180 ms: ticks 2, 3 and 4 fell due meanwhile

        TickClock.Due due = clock.poll();
        assertEquals(new TickClock.Due(3, 0), due);
        for (int i = 0; i < due.ticks(); i++) {
            world.tick();
        }
        assertEquals(4, world.currentTick());
        assertEquals(4 * 3.5, snapshotOf(world, 7).x(), "every tick was one step of 3.5");
        assertEquals(20 * MS, clock.nanosUntilNextTick(), "the schedule is unchanged: tick 5 at 250 ms");
    }

    @Test
    void fallingFurtherBehindThanTheCapRunsTheCapAndDropsTheRest() {
        clock.start();
        now += 10_000 * MS; // a ten-second stall: 200 ticks due
        assertEquals(new TickClock.Due(40, 160), clock.poll());
        assertEquals(TickClock.Due.NONE, clock.poll());
        assertEquals(50 * MS, clock.nanosUntilNextTick());
        now += 50 * MS;
        assertEquals(new TickClock.Due(1, 0), clock.poll());
    }

    @Test
    void exactlyTheCapIsStillCaughtUpInFull() {
        clock.start();
        now += 40 * 50 * MS;
        assertEquals(new TickClock.Due(40, 0), clock.poll());
    }

    @Test
    void aPeriodThatIsNotWholeNanosecondsDoesNotDrift() {
        TickClock thirtyHz = new TickClock(() -> now, 30, 40);
        thirtyHz.start();
        assertEquals(33_333_334, thirtyHz.nanosUntilNextTick(), "ceil(1e9 / 30)");
        long ticks = 0;
        for (int ms = 0; ms < 100_000; ms++) {
            now += MS;
            ticks += thirtyHz.poll().ticks();
            if (ms % 1000 == 999) {
                assertEquals((ms + 1) / 1000 * 30L, ticks, "after " + (ms + 1) + " ms");
            }
        }
        assertEquals(3000, ticks);
    }

    @Test
    void aClockThatSeemsToRunBackwardsOwesNothing() {
        clock.start();
        now -= 5 * MS;
        assertEquals(TickClock.Due.NONE, clock.poll());
    }

    @Test
    void mustBeStartedFirst() {
        assertThrows(IllegalStateException.class, clock::poll);
    }

    @Test
    void aSimulatedLoopKeepsTheWorldOnWallClockTimeDespiteSlowTicks() {
        World world = new World(WorldConfig.DEFAULT);
        world.submit(new WorldInput.Join(7, "alice", 0, -4000, 0));
        world.submit(new WorldInput.Target(7, 4000, 0));
        long startedAt = now;
        clock.start();
        while (now - startedAt < 10_000 * MS) {
            now += clock.nanosUntilNextTick();
            TickClock.Due due = clock.poll();
            for (int i = 0; i < due.ticks(); i++) {
                world.tick();
                // Every 37th tick is slow (130 ms); the others take 2 ms.
                now += world.currentTick() % 37 == 0 ? 130 * MS : 2 * MS;
            }
        }
        assertEquals(200, world.currentTick(), "ten seconds at 20 Hz");
        assertEquals(-4000 + 200 * 3.5, snapshotOf(world, 7).x());
    }
}
