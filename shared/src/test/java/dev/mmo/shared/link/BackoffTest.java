package dev.mmo.shared.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximumEachBetweenHalfAndAllOfItsStep() {
        Backoff lowest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> 0.999999);
        List<Long> low = new ArrayList<>();
        List<Long> high = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            low.add(lowest.next().toMillis());
            high.add(highest.next().toMillis());
        }
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 2500L, 2500L, 2500L), low);
        assertEquals(List.of(499L, 999L, 1999L, 3999L, 4999L, 4999L, 4999L), high);
    }

    @Test
    void aSuccessStartsOverFromTheFirstStep() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
        backoff.next();
        backoff.next();
        backoff.next();
        backoff.reset();
        assertEquals(Duration.ofMillis(50), backoff.next());
    }

    @Test
    void manyFailuresNeverOverflowTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        for (int i = 0; i < 100; i++) {
            backoff.next();
        }
        assertEquals(Duration.ofSeconds(15), backoff.next());
    }

    @Test
    void refusesAMaximumBelowTheFirstStep() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
