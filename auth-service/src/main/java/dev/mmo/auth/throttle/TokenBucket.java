package dev.mmo.auth.throttle;

import java.time.Duration;

/** {@code capacity} attempts at once, refilled evenly: {@code capacity} more per {@code window}. Not thread-safe. */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, Duration window, long now) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) window.toNanos();
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one attempt: {@link Duration#ZERO} when there was one, else how long until there is. */
    Duration take(long now) {
        tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
        updatedAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    /** Gives back an attempt that was taken but never made (the service refused it for its own reasons). */
    void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }
}
