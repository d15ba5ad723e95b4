package dev.mmo.world;

import dev.mmo.world.loop.TickInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the next tick after {@link #arm()} throw half-way, after the world stepped and before it was published: the
 * fault a bug in a tick would be. Active
 * only in the applications of test profiles that enable it (never in production: it exists only in the tests).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FailingTick implements TickInterceptor {

    private volatile boolean armed;
    private final AtomicLong failedTick = new AtomicLong();

    public void arm() {
        armed = true;
    }

    /** The tick that threw, 0 before. */
    public long failedTick() {
        return failedTick.get();
    }

    @Override
    public void beforePublish(long tick) {
        if (armed) {
            armed = false;
            failedTick.set(tick);
            throw new IllegalStateException("injected failure in tick " + tick);
        }
    }
}
