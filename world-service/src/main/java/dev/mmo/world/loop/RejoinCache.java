package dev.mmo.world.loop;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Where actors left, for a minute. A rejoin uses it instead of the loaded row, which may have been read before the
 * leave's save reached the database (a page reload right after a disconnect). Loop thread only.
 */
@ApplicationScoped
class RejoinCache {

    private static final long RETENTION_NANOS = Duration.ofMinutes(1).toNanos();

    record LeftAt(double x, double y, long nanos) {}

    /** In the order the actors left, oldest first. */
    private final LinkedHashMap<Long, LeftAt> recentlyLeft = new LinkedHashMap<>();

    void left(long actorId, double x, double y, long nanos) {
        recentlyLeft.remove(actorId); // re-inserted at the end, so the map stays in time order
        recentlyLeft.put(actorId, new LeftAt(x, y, nanos));
    }

    /** Where the actor left, if within the last minute; forgotten once taken. */
    LeftAt take(long actorId) {
        return recentlyLeft.remove(actorId);
    }

    void forgetOld(long nowNanos) {
        long oldest = nowNanos - RETENTION_NANOS;
        Iterator<LeftAt> byAge = recentlyLeft.values().iterator();
        while (byAge.hasNext() && byAge.next().nanos() - oldest < 0) {
            byAge.remove();
        }
    }
}
