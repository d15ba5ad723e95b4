package dev.mmo.gateway.game;

/**
 * A token bucket over client frames: a burst of {@code perSecond} frames, refilled at that rate.
 * Used from the session's own event loop only, so it needs no locking.
 */
final class RateLimit {

    private final double perSecond;
    private double tokens;
    private long lastNanos;
    private int rejectedInARow;

    RateLimit(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastNanos = nowNanos;
    }

    /** Whether one more frame may pass now. */
    boolean tryPass(long nowNanos) {
        tokens = Math.min(perSecond, tokens + (nowNanos - lastNanos) * perSecond / 1e9);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            rejectedInARow = 0;
            return true;
        }
        rejectedInARow++;
        return false;
    }

    int rejectedInARow() {
        return rejectedInARow;
    }
}
