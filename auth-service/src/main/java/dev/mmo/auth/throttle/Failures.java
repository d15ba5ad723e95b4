package dev.mmo.auth.throttle;

import java.time.Duration;

/** Failed logins counted against one address or one username, forgotten a while after the last one. */
final class Failures {

    private int count;
    private long lastAt;

    int count(long now, Duration memory) {
        if (count > 0 && now - lastAt > memory.toNanos()) {
            count = 0;
        }
        return count;
    }

    void add(long now) {
        count++;
        lastAt = now;
    }

    /** Takes back an attempt counted in advance that turned out not to be a failure. */
    void remove() {
        if (count > 0) {
            count--;
        }
    }

    /**
     * How long the next attempt must still wait: none for the first {@code free} failures, then {@code first},
     * doubling with each further failure up to {@code max}, counted from the last failure.
     */
    Duration wait(long now, int free, Duration first, Duration max) {
        if (count < free) {
            return Duration.ZERO;
        }
        long delay = (long) Math.min((double) max.toNanos(), first.toNanos() * Math.pow(2, count - free));
        long left = lastAt + delay - now;
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
