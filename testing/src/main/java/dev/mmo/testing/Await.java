package dev.mmo.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something to happen that only asking can see (an HTTP answer, a state another thread changes), instead of
 * sleeping a guessed time: it asks again and again until the answer is the wanted one, and fails with a message that
 * names what did not happen when that takes longer than the time given. It asks again after a few milliseconds at
 * first, then less and less often, at most every 100 ms, so that what happens at once is seen at once and a long
 * wait does not keep a core busy.
 */
public final class Await {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Await() {}

    /** Until {@code condition} holds. */
    public static void until(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        for (long pause = FIRST_PAUSE_MILLIS; !condition.getAsBoolean(); pause = next(pause)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within);
            }
            pause(pause, what);
        }
    }

    /** Until {@code ask} answers what {@code wanted} accepts; returns that answer. The failure names the last one. */
    public static <T> T until(Supplier<T> ask, Predicate<? super T> wanted, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        for (long pause = FIRST_PAUSE_MILLIS; ; pause = next(pause)) {
            T answer = ask.get();
            if (wanted.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within + "; the last answer: " + answer);
            }
            pause(pause, what);
        }
    }

    /**
     * Until {@code attempt} succeeds, trying once every {@code pace}: for an attempt that costs the server something,
     * such as a chat line sent until chat takes it (each one counts against a rate limit).
     */
    public static void retrying(BooleanSupplier attempt, Duration pace, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!attempt.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within);
            }
            pause(pace.toMillis(), what);
        }
    }

    private static long next(long pause) {
        return Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
    }

    private static void pause(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
