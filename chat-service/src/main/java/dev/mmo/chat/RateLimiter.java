package dev.mmo.chat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} messages per actor in any sliding window of the given length. It remembers the times of
 * each actor's last {@code limit} messages, and forgets actors who have been quiet for a whole window.
 */
final class RateLimiter {

    private final int limit;
    private final long windowNanos;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Whether that actor may send now; a message that passes takes one place in the window. */
    boolean tryAcquire(long actorId, long nowNanos) {
        return windows.computeIfAbsent(actorId, id -> new Window(limit)).tryAcquire(nowNanos, windowNanos);
    }

    /**
     * Drops actors with nothing in their window. A message racing with this may land in a dropped window and so
     * not count: one extra message at most, once, which is cheaper than locking the map.
     */
    void forgetIdle(long nowNanos) {
        windows.values().removeIf(window -> window.isEmpty(nowNanos, windowNanos));
    }

    int trackedActors() {
        return windows.size();
    }

    private static final class Window {

        /** Times of the last accepted messages, a ring; {@code next} is the oldest once it is full. */
        private final long[] times;

        private int next;
        private int filled;

        Window(int limit) {
            times = new long[limit];
        }

        synchronized boolean tryAcquire(long now, long windowNanos) {
            if (filled == times.length) {
                if (now - times[next] < windowNanos) {
                    return false;
                }
            } else {
                filled++;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            return true;
        }

        synchronized boolean isEmpty(long now, long windowNanos) {
            int newest = (next + times.length - 1) % times.length;
            return filled == 0 || now - times[newest] >= windowNanos;
        }
    }
}
