package dev.mmo.world.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorldConfigTest {

    private final WorldConfig config = WorldConfig.DEFAULT;

    @Test
    void defaultsMatchTheDesign() {
        assertEquals(20, config.tickRate());
        assertEquals(70.0, config.speed());
        assertEquals(5000.0, config.boundsHalfSize());
        assertEquals(100, config.persistEveryTicks());
        assertEquals(3.5, config.step());
    }

    @Test
    void acceptsTargetsInsideTheBoundsEdgesIncluded() {
        assertEquals(TargetCheck.OK, config.checkTarget(12.5, -3));
        assertEquals(TargetCheck.OK, config.checkTarget(5000, -5000));
        assertEquals(TargetCheck.OK, config.checkTarget(-0.0, 0.0));
        assertNull(TargetCheck.OK.errorCode());
    }

    @Test
    void rejectsNonFiniteTargetsAsBadTarget() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals(TargetCheck.NOT_FINITE, config.checkTarget(bad, 0));
            assertEquals(TargetCheck.NOT_FINITE, config.checkTarget(0, bad));
        }
        assertEquals("bad_target", TargetCheck.NOT_FINITE.errorCode());
    }

    @Test
    void rejectsTargetsOutsideTheBoundsAsBadTarget() {
        assertEquals(TargetCheck.OUT_OF_BOUNDS, config.checkTarget(1e308, 0));
        assertEquals(TargetCheck.OUT_OF_BOUNDS, config.checkTarget(0, -1e308));
        assertEquals(TargetCheck.OUT_OF_BOUNDS, config.checkTarget(5000.000001, 0));
        assertEquals(TargetCheck.OUT_OF_BOUNDS, config.checkTarget(0, -Math.nextUp(5000.0)));
        assertEquals("bad_target", TargetCheck.OUT_OF_BOUNDS.errorCode());
    }

    @Test
    void durationsBecomeWholeTicksRoundedDown() {
        WorldConfig thirtyHz = WorldConfig.of(30, 70, 5000, Duration.ofSeconds(5), Duration.ofMillis(2010));
        assertEquals(150, thirtyHz.persistEveryTicks());
        assertEquals(60, thirtyHz.maxCatchUpTicks());
        assertEquals(
                1,
                WorldConfig.of(20, 70, 5000, Duration.ZERO, Duration.ofMillis(1))
                        .persistEveryTicks());
    }

    @Test
    void rejectsNonsensicalConfigs() {
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(0, 70, 5000, 100, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, Double.NaN, 5000, 100, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, -1, 5000, 100, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, 70, Double.POSITIVE_INFINITY, 100, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, 70, 1e12, 100, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, 1e-9, 1e9, 100, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, 70, 5000, 0, 40));
        assertThrows(IllegalArgumentException.class, () -> new WorldConfig(20, 70, 5000, 100, 0));
    }
}
