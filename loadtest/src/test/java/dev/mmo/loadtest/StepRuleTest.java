package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StepRuleTest {

    @Test
    void walksExactlyOneStepATickTowardTheTarget() {
        assertArrayEquals(new double[] {35.0, 0.0}, StepRule.advance(0, 0, 100, 0, 10, 3.5), 1e-9);
        // diagonal: 3-4-5 triangle, 2 ticks of 3.5 = 7 units along it
        assertArrayEquals(new double[] {4.2, 5.6}, StepRule.advance(0, 0, 30, 40, 2, 3.5), 1e-9);
        assertArrayEquals(new double[] {0.0, 0.0}, StepRule.advance(0, 0, 30, 40, 0, 3.5));
    }

    @Test
    void stopsExactlyOnTheTargetWithinOneStep() {
        assertArrayEquals(
                new double[] {100.0, 0.0},
                StepRule.advance(0, 0, 100, 0, 29, 3.5),
                "28 steps are 98 units; the 29th, 2 units short of a step, lands on the target");
        assertArrayEquals(new double[] {100.0, 0.0}, StepRule.advance(0, 0, 100, 0, 1_000, 3.5));
        assertArrayEquals(new double[] {-7.5, 2.0}, StepRule.advance(-7.5, 2.0, -7.5, 2.0, 50, 3.5), "standing still");
    }

    @Test
    void thePositionErrorIsTheDistanceFromWhereTheOwnEntrySaysTheActorIs() {
        // last own entry: at (10, 10) walking to (10, 110) at tick 1000; cut at tick 1020: it stood at (10, 80)
        double[] expected = StepRule.advance(10, 10, 10, 110, 20, StepRule.STEP);
        assertArrayEquals(new double[] {10, 80}, expected, 1e-9);
        // the server put it back where its last save had it, 5 s (100 ticks) earlier and 3 steps before: (10, 73)...
        assertEquals(7.0, StepRule.error(expected, 10, 73), 1e-9);
        // ...or exactly where it stood when it was despawned
        assertEquals(0.0, StepRule.error(expected, 10, 80), 1e-9);
        assertEquals(5.0, StepRule.error(new double[] {0, 0}, 3, -4), 1e-12);
    }
}
