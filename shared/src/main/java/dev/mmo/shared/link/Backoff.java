package dev.mmo.shared.link;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays that grow exponentially from {@code first} up to {@code max}, each drawn at random from
 * [half, all] of its step ("equal jitter"), so that many gateways that lost a service at the same moment do not all
 * come back in the same millisecond. {@link #reset()} after a success. Not thread-safe: one per link, used on its
 * event loop.
 */
public final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration first, Duration max) {
        this(first, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a given source of randomness in [0, 1), for tests. */
    public Backoff(Duration first, Duration max, DoubleSupplier random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        long step = firstMillis << Math.min(failures, 30);
        if (step <= 0 || step > maxMillis) {
            step = maxMillis;
        }
        failures++;
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }

    /** The link is up again: the next failure starts from {@code first}. */
    public void reset() {
        failures = 0;
    }
}
