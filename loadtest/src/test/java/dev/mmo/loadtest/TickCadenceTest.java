package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TickCadenceTest {

    private static final long MS = 1_000_000;

    @Test
    void aFrameOnTheServersCadenceHasNoJitter() {
        TickCadence cadence = new TickCadence(50 * MS);
        assertNull(cadence.arrive(100, 1_000 * MS), "the first frame has nothing to compare with");
        TickCadence.Gap gap = cadence.arrive(101, 1_050 * MS);
        assertEquals(50 * MS, gap.interval());
        assertEquals(0, gap.jitter());
        assertEquals(1_000 * MS, gap.previousAt());
        // ticks in which nothing in view changed send nothing: 20 ticks later, 1 s later, is on time
        assertEquals(0, cadence.arrive(121, 2_050 * MS).jitter());
        assertEquals(30 * MS, cadence.arrive(122, 2_130 * MS).jitter(), "30 ms late");
    }

    @Test
    void aFrameCarryingSeveralTicksIsTimedByItsNewestTick() {
        TickCadence cadence = new TickCadence(50 * MS);
        cadence.arrive(100, 1_000 * MS);
        // ticks 101 and 102 batched in one frame 100 ms later: on time for 102
        TickCadence.Gap gap = cadence.arrive(102, 1_100 * MS);
        assertEquals(100 * MS, gap.interval());
        assertEquals(0, gap.jitter());
        // ...and the next, tick 103 at +150 ms, is on time too (not "two ticks after 101")
        assertEquals(0, cadence.arrive(103, 1_150 * MS).jitter());
        // the same ticks in one frame at the time of the first: the second is early by a tick
        TickCadence burst = new TickCadence(50 * MS);
        burst.arrive(100, 1_000 * MS);
        assertEquals(50 * MS, burst.arrive(102, 1_050 * MS).jitter());
    }

    @Test
    void aFrameWithNoNewerTickDoesNotMoveTheCadence() {
        TickCadence cadence = new TickCadence(50 * MS);
        cadence.arrive(100, 1_000 * MS);
        assertNull(cadence.arrive(100, 1_020 * MS));
        assertNull(cadence.arrive(99, 1_030 * MS));
        TickCadence.Gap gap = cadence.arrive(101, 1_050 * MS);
        assertEquals(50 * MS, gap.interval(), "measured from the frame of tick 100");
        assertEquals(0, gap.jitter());
    }
}
