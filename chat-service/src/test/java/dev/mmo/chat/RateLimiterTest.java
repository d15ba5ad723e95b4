package dev.mmo.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(5));

    @Test
    void theSixthMessageWithinTheWindowIsRefused() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(1, i * SECOND / 2));
        }
        assertFalse(limiter.tryAcquire(1, 3 * SECOND));
    }

    @Test
    void theWindowSlides() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(1, i * SECOND));
        }
        assertFalse(limiter.tryAcquire(1, 5 * SECOND - 1));
        assertTrue(limiter.tryAcquire(1, 5 * SECOND), "the first message has left the window");
        assertFalse(limiter.tryAcquire(1, 5 * SECOND + 1));
    }

    @Test
    void aRefusedMessageTakesNoPlace() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(1, 0));
        }
        for (int i = 0; i < 10; i++) {
            assertFalse(limiter.tryAcquire(1, SECOND));
        }
        assertTrue(limiter.tryAcquire(1, 5 * SECOND));
    }

    @Test
    void actorsAreLimitedApart() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(1, 0));
        }
        assertFalse(limiter.tryAcquire(1, 0));
        assertTrue(limiter.tryAcquire(2, 0));
    }

    @Test
    void quietActorsAreForgotten() {
        limiter.tryAcquire(1, 0);
        limiter.tryAcquire(2, 4 * SECOND);
        limiter.forgetIdle(5 * SECOND);
        assertEquals(1, limiter.trackedActors());
    }
}
