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
    final io.vertx.core.json.JsonArray timeline = new io.vertx.core.json.JsonArray();

    final LongAdder frames = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder movesFrames = new LongAdder();
    final LongAdder targetsSent = new LongAdder();
    final LongAdder targetsSeen = new LongAdder();
    final LongAdder targetsLost = new LongAdder();
    final LongAdder chatsSent = new LongAdder();
    final LongAdder chatsReceived = new LongAdder();

    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger welcomed = new AtomicInteger();
    final AtomicInteger everWelcomed = new AtomicInteger();
    final AtomicInteger connectFailed = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

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
        timeline.add(new JsonObject().put("t", Math.round(secondsIntoWindow)).put("count", last.count())
                .put("p50", LatencyStats.round(last.p50())).put("p99", LatencyStats.round(last.p99()))
                .put("max", LatencyStats.round(last.max())));
    }

    void startWindow() {
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
        targetsSent.reset();
        targetsSeen.reset();
        targetsLost.reset();
        chatsSent.reset();
        chatsReceived.reset();
        windowStartNanos = System.nanoTime();
        measuring = true;
    }
}
