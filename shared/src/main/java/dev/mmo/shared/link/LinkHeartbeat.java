package dev.mmo.shared.link;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * One end's heartbeat on a link: every interval it sends a {@link LinkOp#HEARTBEAT}, and when the other end has sent
 * nothing at all for the silence limit it declares it dead, once. A peer that is stopped or hung (not dead: its TCP
 * connection stays open) is noticed this way within about the silence limit. Any frame counts as a sign of life, so
 * a busy link needs no extra traffic to stay up; the beat itself is one byte.
 * <p>
 * Call {@link #heard()} for every frame that arrives, from any thread; {@link #start()} on the link's event loop, so
 * that the beat and the verdict run there.
 */
public final class LinkHeartbeat {

    private final Vertx vertx;
    private final long intervalMillis;
    private final long silenceLimitNanos;
    private final Runnable beat;
    private final Runnable silent;
    private volatile long lastHeardNanos;
    private long timer = -1;
    private boolean ended;

    /**
     * @param beat   sends one {@link LinkOp#HEARTBEAT} frame to the peer
     * @param silent called once when the peer has been silent too long; it should close the link
     */
    public LinkHeartbeat(Vertx vertx, LinkSettings settings, Runnable beat, Runnable silent) {
        this(vertx, settings.heartbeatInterval(), settings.silenceLimit(), beat, silent);
    }

    public LinkHeartbeat(Vertx vertx, Duration interval, Duration silenceLimit, Runnable beat, Runnable silent) {
        if (!silenceLimit.minus(interval).isPositive()) {
            throw new IllegalArgumentException("the silence limit (" + silenceLimit
                    + ") must be longer than the heartbeat interval (" + interval + ")");
        }
        this.vertx = vertx;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.silenceLimitNanos = silenceLimit.toNanos();
        this.beat = beat;
        this.silent = silent;
    }

    /** Starts beating and listening, counting from now. On the link's event loop. */
    public void start() {
        lastHeardNanos = System.nanoTime();
        beat.run();
        timer = vertx.setPeriodic(intervalMillis, ignored -> check());
    }

    /** The peer sent something. Any thread. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Stops the beat (the link closed). Idempotent. */
    public void stop() {
        ended = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** How long the peer has been silent. */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    private void check() {
        if (ended) {
            return;
        }
        if (System.nanoTime() - lastHeardNanos > silenceLimitNanos) {
            stop();
            silent.run();
        } else {
            beat.run();
        }
    }
}
