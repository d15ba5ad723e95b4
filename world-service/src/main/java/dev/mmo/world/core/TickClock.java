package dev.mmo.world.core;

import java.util.function.LongSupplier;

/**
 * Tells a fixed-rate loop how many ticks it owes, from a monotonic nanosecond clock ({@code System::nanoTime} in
 * production, a fake in tests).
 * <p>
 * Tick k after {@link #start()} is due at {@code start + k / tickRate} seconds, computed exactly in integer
 * nanoseconds, so the schedule does not drift even where the period is not a whole number of nanoseconds (30 Hz).
 * A loop that fell behind runs the missed ticks back to back; the world never takes bigger steps to catch up. A
 * loop that fell more than {@code maxCatchUpTicks} behind (a long GC pause, a suspended machine) runs
 * {@code maxCatchUpTicks} and drops the older ones: the world simply paused for that long, which clients, who follow
 * tick numbers rather than wall-clock time, see as a pause. {@link Due#skipped()} reports the dropped ticks so the
 * loop can log them.
 * <p>
 * Not thread-safe: it belongs to the loop thread. A loop looks like:
 * <pre>{@code
 * clock.start();
 * while (running) {
 *     TickClock.Due due = clock.poll();
 *     if (due.skipped() > 0) log.warnf("world loop %d ticks behind, dropped them", due.skipped());
 *     for (int i = 0; i < due.ticks(); i++) publish(world.tick());
 *     LockSupport.parkNanos(clock.nanosUntilNextTick());
 * }
 * }</pre>
 */
public final class TickClock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * What is due now.
     *
     * @param ticks   how many ticks to run now, back to back
     * @param skipped how many older due ticks were dropped because the loop was too far behind
     */
    public record Due(int ticks, long skipped) {
        static final Due NONE = new Due(0, 0);
    }

    private final LongSupplier nanoTime;
    private final int tickRate;
    private final int maxCatchUpTicks;

    private boolean started;
    private long startNanos;
    /** Ticks since start that have been handed out by {@link #poll()} or dropped. */
    private long ticksAccountedFor;

    public TickClock(LongSupplier nanoTime, int tickRate, int maxCatchUpTicks) {
        if (tickRate < 1 || maxCatchUpTicks < 1) {
            throw new IllegalArgumentException("tickRate and maxCatchUpTicks must be >= 1");
        }
        this.nanoTime = nanoTime;
        this.tickRate = tickRate;
        this.maxCatchUpTicks = maxCatchUpTicks;
    }

    /** A clock on {@code System.nanoTime()} with the config's rate and catch-up limit. */
    public static TickClock system(WorldConfig config) {
        return new TickClock(System::nanoTime, config.tickRate(), config.maxCatchUpTicks());
    }

    /** Starts the schedule now; the first tick is due one period later. */
    public void start() {
        startNanos = nanoTime.getAsLong();
        ticksAccountedFor = 0;
        started = true;
    }

    /** How many ticks are due now; they count as run once returned. */
    public Due poll() {
        long behind = ticksDueSinceStart(elapsedNanos()) - ticksAccountedFor;
        if (behind <= 0) {
            return Due.NONE;
        }
        long skipped = Math.max(0, behind - maxCatchUpTicks);
        ticksAccountedFor += behind;
        return new Due((int) (behind - skipped), skipped);
    }

    /** Nanoseconds until the next tick is due; 0 if it already is. */
    public long nanosUntilNextTick() {
        return Math.max(0, dueNanosSinceStart(ticksAccountedFor + 1) - elapsedNanos());
    }

    private long elapsedNanos() {
        if (!started) {
            throw new IllegalStateException("TickClock not started");
        }
        return Math.max(0, nanoTime.getAsLong() - startNanos);
    }

    /** floor(elapsed · tickRate / 1e9), split so that it cannot overflow. */
    private long ticksDueSinceStart(long elapsedNanos) {
        return elapsedNanos / NANOS_PER_SECOND * tickRate
                + elapsedNanos % NANOS_PER_SECOND * tickRate / NANOS_PER_SECOND;
    }

    /** ceil(tick · 1e9 / tickRate): the first elapsed time at which {@code tick} is due. */
    private long dueNanosSinceStart(long tick) {
        return tick / tickRate * NANOS_PER_SECOND + Math.ceilDiv(tick % tickRate * NANOS_PER_SECOND, tickRate);
    }
}
