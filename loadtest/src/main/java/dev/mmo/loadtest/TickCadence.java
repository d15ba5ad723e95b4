package dev.mmo.loadtest;

/**
 * The arrival cadence of one bot's movement frames. A movement frame carries one or more {@code Moves} messages;
 * its tick is the newest of them (what the player sees once the frame is applied). Between two movement frames
 * the inter-arrival is their time apart, and the jitter how far that is from the server's cadence for the ticks
 * between them: |interval − (newest tick − previous newest tick) × tick length|. So a frame that carries ticks
 * N+1 and N+2 after a frame of tick N is expected two ticks later, not one, and a tick the gateway held back and
 * sent along with the next one shows as the earlier frame's lateness, not as a gap.
 */
final class TickCadence {

    /** One gap between two movement frames, in nanoseconds. */
    record Gap(long interval, long jitter, long previousAt) {}

    private final double tickNanos;
    private long lastTick = -1;
    private long lastAt;

    TickCadence(double tickNanos) {
        this.tickNanos = tickNanos;
    }

    /**
     * A movement frame whose newest tick is {@code newestTick} arrived at {@code now}: the gap since the previous
     * one, or null for the first frame or a frame with no newer tick (which does not move the cadence either).
     */
    Gap arrive(long newestTick, long now) {
        if (newestTick <= lastTick) {
            return null;
        }
        Gap gap = null;
        if (lastTick >= 0) {
            long interval = now - lastAt;
            gap = new Gap(interval, (long) Math.abs(interval - (newestTick - lastTick) * tickNanos), lastAt);
        }
        lastTick = newestTick;
        lastAt = now;
        return gap;
    }
}
