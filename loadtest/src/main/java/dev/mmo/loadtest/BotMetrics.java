package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all bots of one run measured together. Latencies and traffic count only inside the measured window
 * ({@link #measuring}); the ramp before it warms the system up.
 */
final class BotMetrics {

    volatile boolean measuring;
    volatile long windowStartNanos;

    final LatencyStats join = new LatencyStats();
    final LatencyStats targetToMoves = new LatencyStats();
    final LatencyStats interArrival = new LatencyStats();
    final LatencyStats jitter = new LatencyStats();
    final LatencyStats chatRoundTrip = new LatencyStats();
    /** Ping → Pong, which the gateway answers itself: the part of any latency that is not the world's. */
    final LatencyStats pingRoundTrip = new LatencyStats();
    /** Target → Moves of the current timeline interval only; swapped out every few seconds. */
    final LatencyStats interval = new LatencyStats();
    /** Target → Moves of the first, second and last third of the window: does the p99 drift (a soak)? */
    final LatencyStats[] thirds = {new LatencyStats(), new LatencyStats(), new LatencyStats()};

    private volatile long windowNanos = 1;
    final io.vertx.core.json.JsonArray timeline = new io.vertx.core.json.JsonArray();

    final LongAdder frames = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder movesFrames = new LongAdder();
    /** Moves messages (a frame may carry several ticks' messages). */
    final LongAdder movesMessages = new LongAdder();

    final LongAdder leaves = new LongAdder();
    final LongAdder despawns = new LongAdder();
    final LongAdder modelDatas = new LongAdder();
    final LongAdder onlines = new LongAdder();
    /** Frames whose Moves ticks were not newer than the bot's previous Moves tick, or did not rise inside the frame. */
    final LongAdder ticksNotRising = new LongAdder();

    final LongAdder targetsSent = new LongAdder();
    final LongAdder targetsSeen = new LongAdder();
    final LongAdder targetsLost = new LongAdder();
    final LongAdder chatsSent = new LongAdder();
    final LongAdder chatsReceived = new LongAdder();

    /** The largest {@code Online} count any bot received. */
    final java.util.concurrent.atomic.AtomicLong onlineMax = new java.util.concurrent.atomic.AtomicLong(-1);

    /** Bots between connect() and their Welcome (or failure): the ramp waits while too many are. */
    final AtomicInteger joining = new AtomicInteger();

    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger welcomed = new AtomicInteger();
    final AtomicInteger everWelcomed = new AtomicInteger();
    final AtomicInteger connectFailed = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    /** Bots that were welcomed again after losing their connection (a fault run). */
    final AtomicInteger rejoined = new AtomicInteger();

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void online(long count) {
        // every bot hears the same count within a few milliseconds: read first, so they do not all fight over a write
        if (count > onlineMax.get()) {
            onlineMax.accumulateAndGet(count, Math::max);
        }
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    JsonObject errorsJson() {
        JsonObject json = new JsonObject();
        new TreeMap<>(errors).forEach((code, count) -> json.put(code, count.sum()));
        return json;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Closes one interval of the timeline: Target→Moves of the last few seconds, to show when a backlog drains. */
    synchronized void timelinePoint(double secondsIntoWindow) {
        LatencyStats.Summary last = interval.summary();
        interval.reset();
        timeline.add(new JsonObject()
                .put("t", Math.round(secondsIntoWindow))
                .put("count", last.count())
                .put("p50", LatencyStats.round(last.p50()))
                .put("p99", LatencyStats.round(last.p99()))
                .put("max", LatencyStats.round(last.max())));
    }

    /** The third of the window a sample taken now belongs to. */
    LatencyStats third(long now) {
        long into = now - windowStartNanos;
        return thirds[(int) Math.clamp(into * 3 / windowNanos, 0, 2)];
    }

    void startWindow(long seconds) {
        windowNanos = Math.max(1, seconds * 1_000_000_000L);
        for (LatencyStats third : thirds) {
            third.reset();
        }
        // join is not reset: it describes the ramp, which lies before the window
        targetToMoves.reset();
        interArrival.reset();
        jitter.reset();
        chatRoundTrip.reset();
        pingRoundTrip.reset();
        interval.reset();
        frames.reset();
        bytes.reset();
        movesFrames.reset();
        movesMessages.reset();
        leaves.reset();
        despawns.reset();
        modelDatas.reset();
        onlines.reset();
        ticksNotRising.reset();
        targetsSent.reset();
        targetsSeen.reset();
        targetsLost.reset();
        chatsSent.reset();
        chatsReceived.reset();
        windowStartNanos = System.nanoTime();
        measuring = true;
    }
}
