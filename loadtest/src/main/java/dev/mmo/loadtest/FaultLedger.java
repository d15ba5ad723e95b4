package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the players went through during a fault run, phase by phase: a phase starts when its fault is injected (the
 * first, "steady", before any) and ends when the next one is. Bots report from their event loops; a player cut in
 * one phase counts for that phase until it is back, even if the next phase has begun by then.
 */
final class FaultLedger {

    /** A chat line whose own copy came later than this after sending counts as late. */
    static final long LATE_CHAT_NANOS = 5_000_000_000L;

    static final class Phase {
        final int index;
        final String name;
        final String description;
        final long startedAt;
        volatile String how = "";
        final java.util.Set<Integer> cut = ConcurrentHashMap.newKeySet();
        final Map<Integer, Long> backAt = new ConcurrentHashMap<>();
        final List<Double> positionErrors = new CopyOnWriteArrayList<>();
        final Map<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errorFrames = new ConcurrentHashMap<>();
        final Map<String, LongAdder> other = new ConcurrentHashMap<>();
        final LongAdder chatSent = new LongAdder();
        final LongAdder chatDelivered = new LongAdder();
        final LongAdder chatLate = new LongAdder();
        final LongAdder chatLost = new LongAdder();
        final LongAdder chatRefused = new LongAdder();
        final LongAdder chatUnconfirmed = new LongAdder();
        final LatencyStats chatDelay = new LatencyStats();

        Phase(int index, String name, String description, long startedAt) {
            this.index = index;
            this.name = name;
            this.description = description;
            this.startedAt = startedAt;
        }

        private static void count(Map<String, LongAdder> map, String key) {
            map.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        JsonObject toJson(long runStart) {
            JsonObject json = new JsonObject()
                    .put("fault", name)
                    .put("what", description)
                    .put("atSeconds", LatencyStats.round((startedAt - runStart) / 1e9))
                    .put("how", how)
                    .put("playersCut", cut.size())
                    .put("back", backAt.size())
                    .put("notBack", cut.size() - backAt.size());
            if (!cut.isEmpty() && backAt.size() == cut.size()) {
                long last = backAt.values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(startedAt);
                json.put("allBackAfterSeconds", LatencyStats.round((last - startedAt) / 1e9));
            } else {
                json.put("allBackAfterSeconds", (Object) null);
            }
            double[] errors = positionErrors.stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            json.put(
                    "positionError",
                    errors.length == 0
                            ? null
                            : new JsonObject()
                                    .put("count", errors.length)
                                    .put("p50", LatencyStats.round(errors[(errors.length - 1) / 2]))
                                    .put(
                                            "p99",
                                            LatencyStats.round(errors[
                                                    Math.min(
                                                            errors.length - 1,
                                                            (int) Math.ceil(errors.length * 0.99) - 1)]))
                                    .put("max", LatencyStats.round(errors[errors.length - 1]))
                                    .put(
                                            "unit",
                                            "world units between where the bot's own last entry puts its actor (step rule) and"
                                                    + " where the server put it on rejoining"));
            json.put(
                    "chat",
                    new JsonObject()
                            .put("sent", chatSent.sum())
                            .put("delivered", chatDelivered.sum())
                            .put("late", chatLate.sum())
                            .put("lost", chatLost.sum())
                            .put("refused", chatRefused.sum())
                            .put("unconfirmed", chatUnconfirmed.sum())
                            .put("delayMs", chatDelay.summary().toJson()));
            json.put("closeCodes", counts(closeCodes))
                    .put("errorFrames", counts(errorFrames))
                    .put("other", counts(other));
            return json;
        }

        private static JsonObject counts(Map<String, LongAdder> map) {
            JsonObject json = new JsonObject();
            new TreeMap<>(map).forEach((key, count) -> json.put(key, count.sum()));
            return json;
        }
    }

    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private volatile Phase current;
    /** Per bot: the phase of its latest cut, -1 while it is in. */
    private final AtomicIntegerArray cutIn;

    FaultLedger(int bots, long now) {
        cutIn = new AtomicIntegerArray(bots);
        for (int i = 0; i < bots; i++) {
            cutIn.set(i, -1);
        }
        begin("steady", "no fault: the bots play", now);
    }

    /** A new phase: what happens from now on is this fault's. */
    Phase begin(String name, String description, long now) {
        Phase phase = new Phase(phases.size(), name, description, now);
        phases.add(phase);
        current = phase;
        return phase;
    }

    Phase current() {
        return current;
    }

    int phaseIndex() {
        return current.index;
    }

    List<Phase> phases() {
        return List.copyOf(phases);
    }

    /** A welcomed bot lost its connection (code: the close code, or what the bot itself gave up on). */
    void cut(int bot, String code) {
        Phase phase = current;
        phase.cut.add(bot);
        phase.backAt.remove(bot);
        cutIn.set(bot, phase.index);
        Phase.count(phase.closeCodes, code);
    }

    /**
     * A bot that had been cut has its Welcome again.
     *
     * @param positionError how far the server put its actor from where the bot's own entries say it stood (NaN:
     *                      unknown)
     */
    void back(int bot, long now, double positionError) {
        int index = cutIn.getAndSet(bot, -1);
        if (index < 0) {
            return;
        }
        Phase phase = phases.get(index);
        phase.backAt.put(bot, now);
        if (!Double.isNaN(positionError)) {
            phase.positionErrors.add(positionError);
        }
    }

    /** How many bots are out now (cut and not back). */
    int out() {
        int out = 0;
        for (int i = 0; i < cutIn.length(); i++) {
            if (cutIn.get(i) >= 0) {
                out++;
            }
        }
        return out;
    }

    /** A close of a connection that had not been welcomed yet (a failed reconnect), by code. */
    void failedAttempt(String code) {
        Phase.count(current.other, code);
    }

    void errorFrame(String code) {
        Phase.count(current.errorFrames, code);
    }

    void other(String what) {
        Phase.count(current.other, what);
    }

    void chatSent(int phase) {
        phases.get(phase).chatSent.increment();
    }

    void chatDelivered(int phase, long delayNanos) {
        Phase p = phases.get(phase);
        p.chatDelivered.increment();
        p.chatDelay.recordNanos(delayNanos);
        if (delayNanos > LATE_CHAT_NANOS) {
            p.chatLate.increment();
        }
    }

    void chatLost(int phase) {
        phases.get(phase).chatLost.increment();
    }

    /** A line the server answered with an Error (chat_unavailable, rate_limited): the player was told. */
    void chatRefused(int phase) {
        phases.get(phase).chatRefused.increment();
    }

    void chatUnconfirmed(int phase) {
        phases.get(phase).chatUnconfirmed.increment();
    }

    List<JsonObject> toJson(long runStart) {
        List<JsonObject> list = new ArrayList<>();
        for (Phase phase : phases) {
            list.add(phase.toJson(runStart));
        }
        return list;
    }

    /** For tests and reports: the phases' names in order. */
    List<String> names() {
        return phases.stream().map(p -> p.name).toList();
    }
}
