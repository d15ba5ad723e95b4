package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The JSON shape both systems report in (the Colyseus bot driver writes the same fields), and the table that puts
 * them side by side.
 */
final class Results {

    private Results() {}

    static JsonObject common(
            String system,
            BenchOptions options,
            Instant started,
            double windowSeconds,
            double[] loadBefore,
            double[] loadAfter) {
        return new JsonObject()
                .put("system", system)
                .put("startedAt", started.toString())
                .put("scenario", scenario(options))
                .put(
                        "machine",
                        new JsonObject()
                                // the machine's, not this (pinned) process's availableProcessors()
                                .put(
                                        "cores",
                                        CpuSet.online()
                                                .map(CpuSet::size)
                                                .orElse(Runtime.getRuntime().availableProcessors()))
                                .put("cpuModel", cpuModel())
                                .put("loadAverageBefore", MmoRun.array(loadBefore))
                                .put("loadAverageAfter", MmoRun.array(loadAfter)))
                .put("windowSeconds", LatencyStats.round(windowSeconds));
    }

    /** The first "model name" of /proc/cpuinfo, or null. */
    static String cpuModel() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static JsonObject scenario(BenchOptions options) {
        return new JsonObject()
                .put("players", options.players())
                .put("seconds", options.seconds())
                .put("rampSeconds", options.rampSeconds())
                .put("settleSeconds", options.settleSeconds())
                .put("area", options.spread() ? null : options.area())
                .put("spread", options.spread())
                .put("bounds", options.bounds())
                .put("retargetSeconds", options.retargetSeconds())
                .put("chatPerMinute", options.chatPerMinute());
    }

    /**
     * @param clients  bots connected at the end: frames and bytes are counted by every bot
     * @param decoding decoding bots connected at the end: what is found inside frames (message kinds) only by them
     */
    static void putClientMetrics(JsonObject result, BotMetrics metrics, int clients, int decoding, double seconds) {
        result.put("targetToMovesMs", metrics.targetToMoves.summary().toJson());
        result.put(
                "targets",
                new JsonObject()
                        .put("sent", metrics.targetsSent.sum())
                        .put("seen", metrics.targetsSeen.sum())
                        .put("lost", metrics.targetsLost.sum()));
        result.put("movesInterArrivalMs", metrics.interArrival.summary().toJson());
        result.put("movesJitterMs", metrics.jitter.summary().toJson());
        result.put("chatRoundTripMs", metrics.chatRoundTrip.summary().toJson());
        result.put("pingRoundTripMs", metrics.pingRoundTrip.summary().toJson());
        result.put("targetToMovesTimeline", metrics.timeline.copy());
        result.put("movesTicksNotRising", metrics.ticksNotRising.sum());
        result.put(
                "chat",
                new JsonObject().put("sent", metrics.chatsSent.sum()).put("received", metrics.chatsReceived.sum()));
        double perClient = Math.max(1, clients) * Math.max(0.001, seconds);
        double perDecoder = Math.max(1, decoding) * Math.max(0.001, seconds);
        result.put(
                "perClient",
                new JsonObject()
                        .put("framesPerSecond", LatencyStats.round(metrics.frames.sum() / perClient))
                        .put("movesFramesPerSecond", LatencyStats.round(metrics.movesFrames.sum() / perDecoder))
                        .put("movesMessagesPerSecond", LatencyStats.round(metrics.movesMessages.sum() / perDecoder))
                        .put("modelDataPerSecond", LatencyStats.round(metrics.modelDatas.sum() / perDecoder))
                        .put("leavesPerSecond", LatencyStats.round(metrics.leaves.sum() / perDecoder))
                        .put("despawnsPerSecond", LatencyStats.round(metrics.despawns.sum() / perDecoder))
                        .put("onlinePerSecond", LatencyStats.round(metrics.onlines.sum() / perDecoder))
                        .put("kBytesPerSecond", LatencyStats.round(metrics.bytes.sum() / perClient / 1024)));
        result.put(
                "total",
                new JsonObject()
                        .put("framesPerSecond", Math.round(metrics.frames.sum() / seconds))
                        .put("mBytesPerSecond", LatencyStats.round(metrics.bytes.sum() / seconds / 1024 / 1024)));
    }

    /**
     * Memory per connected player of each process: its peak resident size over the window divided by the players
     * connected at the end (what the issue asks for: it includes the JVM's fixed size, so it falls with more
     * players), and the growth since before the ramp divided by them (closer to the marginal cost of a player, but
     * noisy: the heap grows and shrinks with the collector). In KiB.
     *
     * @param rss per process name: {peak in the window, at the window's end, before the ramp}, bytes, -1 unknown
     */
    static JsonObject memoryPerPlayer(int connected, String[] names, Function<String, long[]> rss) {
        JsonObject json = new JsonObject()
                .put("connected", connected)
                .put(
                        "basis",
                        "peak RSS in the window / connected players; growth = (RSS at the window's end"
                                + " - RSS before the ramp) / connected players; KiB");
        for (String name : names) {
            long[] values = rss.apply(name);
            JsonObject process = new JsonObject()
                    .put("peakRssMb", values[0] < 0 ? null : Math.round(values[0] / 1024.0 / 1024.0))
                    .put("rssBeforeRampMb", values[2] < 0 ? null : Math.round(values[2] / 1024.0 / 1024.0));
            if (connected > 0 && values[0] >= 0) {
                process.put("kibPerPlayer", LatencyStats.round(values[0] / 1024.0 / connected));
            } else {
                process.put("kibPerPlayer", (Object) null);
            }
            if (connected > 0 && values[1] >= 0 && values[2] >= 0) {
                process.put("growthKibPerPlayer", LatencyStats.round((values[1] - values[2]) / 1024.0 / connected));
            } else {
                process.put("growthKibPerPlayer", (Object) null);
            }
            json.put(name, process);
        }
        return json;
    }

    /**
     * A soak's figures (meaningful over half an hour, noise over a minute): each process's resident memory slope
     * (least squares over the window's samples, MB per hour) and Target→Moves p99 in each third of the window, with
     * whether it drifted from the first third to the last ({@link Trend#drift}).
     */
    static JsonObject soak(ProcessWatch watch, BotMetrics metrics) {
        JsonObject slopes = new JsonObject();
        JsonArray processes = watch.toJson();
        for (int i = 0; i < processes.size(); i++) {
            JsonObject p = processes.getJsonObject(i);
            slopes.put(p.getString("name"), p.getValue("rssSlopeMbPerHour"));
        }
        JsonArray thirds = new JsonArray();
        for (LatencyStats third : metrics.thirds) {
            LatencyStats.Summary summary = third.summary();
            thirds.add(summary.count() == 0 ? null : LatencyStats.round(summary.p99()));
        }
        double first = metrics.thirds[0].summary().p99();
        double last = metrics.thirds[2].summary().p99();
        return new JsonObject()
                .put("memorySlopeMbPerHour", slopes)
                .put("targetToMovesP99ByThirdMs", thirds)
                .put(
                        "p99Drift",
                        Trend.drift(
                                metrics.thirds[0].count() == 0 ? Double.NaN : first,
                                metrics.thirds[2].count() == 0 ? Double.NaN : last));
    }

    /** Whether a run met the targets: 20 Hz held, tick p99 < 10 ms, Target→Moves p99 < 100 ms, all in. */
    static String verdict(JsonObject run) {
        List<String> misses = new ArrayList<>();
        JsonObject players = run.getJsonObject("players", new JsonObject());
        if (players.getInteger("connected", 0) < players.getInteger("requested", 0)) {
            misses.add((players.getInteger("requested", 0) - players.getInteger("connected", 0)) + " not connected");
        }
        JsonObject tick = run.getJsonObject("tickMs", new JsonObject());
        double rate = tick.getDouble("ticksPerSecond", 0.0);
        if (rate < 19.5) {
            misses.add(String.format(Locale.ROOT, "%.1f ticks/s", rate));
        }
        if (tick.getDouble("p99", 0.0) >= 10) {
            misses.add("tick p99 " + tick.getDouble("p99") + " ms");
        }
        JsonObject latency = run.getJsonObject("targetToMovesMs", new JsonObject());
        if (latency.getLong("count", 0L) == 0) {
            misses.add("no Target->Moves sample");
        } else if (latency.getDouble("p99", 0.0) >= 100) {
            misses.add("Target->Moves p99 " + latency.getDouble("p99") + " ms");
        }
        return misses.isEmpty()
                ? "holds (20 Hz, tick p99 < 10 ms, T->Moves p99 < 100 ms)"
                : "misses: " + String.join(", ", misses);
    }

    private record Row(String label, Function<JsonObject, Object> value, boolean ratio) {}

    private static Object at(JsonObject run, String object, String field) {
        JsonObject inner = run.getJsonObject(object);
        return inner == null ? null : inner.getValue(field);
    }

    private static Object process(JsonObject run, String name, String field) {
        JsonArray processes = run.getJsonArray("processes", new JsonArray());
        double sum = 0;
        boolean any = false;
        for (int i = 0; i < processes.size(); i++) {
            JsonObject p = processes.getJsonObject(i);
            if (p.getString("name", "").startsWith(name) && p.getValue(field) instanceof Number n) {
                sum += n.doubleValue();
                any = true;
            }
        }
        return any ? sum : null;
    }

    private static List<Row> rows(List<JsonObject> runs) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("players requested", r -> at(r, "players", "requested"), false));
        rows.add(new Row("players connected at end", r -> at(r, "players", "connected"), true));
        rows.add(new Row("players failed", r -> at(r, "players", "failed"), false));
        rows.add(new Row(">> LOAD GENERATOR CPU % (of one core)", r -> process(r, "bench", "cpuPercent"), true));
        rows.add(new Row(
                ">> load generator CPU % of its cores", r -> at(r, "fairness", "generatorCpuPercentOfItsCores"), true));
        rows.add(new Row(
                ">> load generator's cores busy % (everything on them)",
                r -> at(r, "fairness", "generatorCoresBusyPercent"), true));
        rows.add(new Row(
                ">> server CPU % of its cores (all its processes)",
                r -> at(r, "fairness", "serverCpuPercentOfItsCores"), true));
        rows.add(new Row(
                "   server's cores busy % (everything on them)",
                r -> at(r, "fairness", "serverCoresBusyPercent"), true));
        rows.add(new Row(
                "   cores: server / generator",
                r -> r.getJsonObject("fairness") == null
                        ? null
                        : at(r, "fairness", "serverCpus") + " / " + at(r, "fairness", "generatorCpus")
                                + (Boolean.TRUE.equals(at(r, "fairness", "pinned")) ? " (pinned)" : " (not pinned)"),
                false));
        rows.add(new Row(
                ">> machine CPU busy % (all cores, everything)", r -> at(r, "machine", "cpuBusyPercent"), true));
        rows.add(new Row(
                ">> memory/player KiB gateway (peak RSS / players)", r -> memory(r, "gateway", "kibPerPlayer"), true));
        rows.add(new Row(">> memory/player KiB world-service", r -> memory(r, "world-service", "kibPerPlayer"), true));
        rows.add(new Row(
                "   growth/player KiB gateway (RSS end - before ramp)",
                r -> memory(r, "gateway", "growthKibPerPlayer"),
                true));
        rows.add(new Row(
                "   growth/player KiB world-service", r -> memory(r, "world-service", "growthKibPerPlayer"), true));
        rows.add(new Row("join (open->Welcome) p50 ms", r -> at(r, "joinMs", "p50"), true));
        rows.add(new Row("join p99 ms", r -> at(r, "joinMs", "p99"), true));
        rows.add(new Row("ticks per second", r -> at(r, "tickMs", "ticksPerSecond"), true));
        rows.add(new Row("tick p50 ms", r -> at(r, "tickMs", "p50"), true));
        rows.add(new Row("tick p95 ms", r -> at(r, "tickMs", "p95"), true));
        rows.add(new Row("tick p99 ms", r -> at(r, "tickMs", "p99"), true));
        rows.add(new Row("tick max ms", r -> at(r, "tickMs", "max"), true));
        rows.add(new Row("Target->Moves p50 ms", r -> at(r, "targetToMovesMs", "p50"), true));
        rows.add(new Row("Target->Moves p95 ms", r -> at(r, "targetToMovesMs", "p95"), true));
        rows.add(new Row("Target->Moves p99 ms", r -> at(r, "targetToMovesMs", "p99"), true));
        rows.add(new Row("Target->Moves max ms", r -> at(r, "targetToMovesMs", "max"), true));
        rows.add(new Row("Target->Moves samples", r -> at(r, "targetToMovesMs", "count"), false));
        rows.add(new Row("gateway Ping RTT p50 ms", r -> at(r, "pingRoundTripMs", "p50"), true));
        rows.add(new Row("gateway Ping RTT p99 ms", r -> at(r, "pingRoundTripMs", "p99"), true));
        rows.add(new Row("targets lost (>10 s)", r -> at(r, "targets", "lost"), false));
        rows.add(new Row("Moves inter-arrival p50 ms", r -> at(r, "movesInterArrivalMs", "p50"), true));
        rows.add(new Row("Moves inter-arrival p99 ms", r -> at(r, "movesInterArrivalMs", "p99"), true));
        rows.add(new Row("Moves jitter p50 ms", r -> at(r, "movesJitterMs", "p50"), true));
        rows.add(new Row("Moves jitter p95 ms", r -> at(r, "movesJitterMs", "p95"), true));
        rows.add(new Row("Moves jitter p99 ms", r -> at(r, "movesJitterMs", "p99"), true));
        rows.add(new Row("Moves jitter max ms", r -> at(r, "movesJitterMs", "max"), true));
        rows.add(new Row("chat round trip p50 ms", r -> at(r, "chatRoundTripMs", "p50"), true));
        rows.add(new Row("chat round trip p99 ms", r -> at(r, "chatRoundTripMs", "p99"), true));
        rows.add(new Row("frames/s per client", r -> at(r, "perClient", "framesPerSecond"), true));
        rows.add(new Row("Moves messages/s per client", r -> at(r, "perClient", "movesMessagesPerSecond"), true));
        rows.add(new Row("ModelData/s per client", r -> at(r, "perClient", "modelDataPerSecond"), true));
        rows.add(new Row("Leave/s per client", r -> at(r, "perClient", "leavesPerSecond"), true));
        rows.add(new Row("Online count seen (max)", r -> at(r, "players", "onlineCountSeen"), false));
        rows.add(
                new Row("start: players in a 3x3 of 400-cells, mean", r -> at(r, "startPositions", "meanIn3x3"), true));
        rows.add(new Row(
                "start: median distance from (0,0)", r -> at(r, "startPositions", "medianDistanceFromCentre"), true));
        rows.add(new Row("KB/s per client", r -> at(r, "perClient", "kBytesPerSecond"), true));
        rows.add(new Row("MB/s all clients", r -> at(r, "total", "mBytesPerSecond"), true));
        rows.add(new Row("server CPU % (all its processes)", r -> serverCpu(r), true));
        rows.add(new Row("server RSS MB", r -> serverRss(r), true));
        rows.add(new Row("errors", r -> errorTotal(r), false));
        rows.add(new Row("bots decoding every frame", r -> at(r, "players", "decoding"), false));
        if (runs.stream().anyMatch(r -> r.getDouble("windowSeconds", 0.0) >= SOAK_SECONDS)) {
            rows.add(new Row("soak: T->Moves p99 ms by third of the window", r -> soakThirds(r), false));
            rows.add(new Row("soak: p99 drift (first third -> last)", r -> at(r, "soak", "p99Drift"), false));
        }
        // per process of each system
        for (JsonObject run : runs) {
            JsonArray processes = run.getJsonArray("processes", new JsonArray());
            for (int i = 0; i < processes.size(); i++) {
                String name = processes.getJsonObject(i).getString("name");
                String system = run.getString("system");
                rows.add(new Row(
                        "  " + system + ": " + name + " CPU % / RSS MB"
                                + (run.getDouble("windowSeconds", 0.0) >= SOAK_SECONDS ? " / MB per hour" : ""),
                        r -> r.getString("system").equals(system) ? cpuAndRss(r, name) : null,
                        false));
            }
        }
        return rows;
    }

    /** From this window length on, the table shows the soak's figures (memory slope, p99 drift). */
    static final double SOAK_SECONDS = 600;

    private static Object soakThirds(JsonObject run) {
        JsonObject soak = run.getJsonObject("soak");
        JsonArray thirds = soak == null ? null : soak.getJsonArray("targetToMovesP99ByThirdMs");
        if (thirds == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < thirds.size(); i++) {
            parts.add(format(thirds.getValue(i)));
        }
        return String.join(" / ", parts);
    }

    private static Object memory(JsonObject run, String process, String field) {
        JsonObject memory = run.getJsonObject("memoryPerPlayer");
        JsonObject inner = memory == null ? null : memory.getJsonObject(process);
        return inner == null ? null : inner.getValue(field);
    }

    private static Object cpuAndRss(JsonObject run, String name) {
        JsonArray processes = run.getJsonArray("processes", new JsonArray());
        for (int i = 0; i < processes.size(); i++) {
            JsonObject p = processes.getJsonObject(i);
            if (name.equals(p.getString("name"))) {
                String text = p.getValue("cpuPercent") + " / " + p.getValue("rssMb");
                return run.getDouble("windowSeconds", 0.0) >= SOAK_SECONDS
                        ? text + " / " + p.getValue("rssSlopeMbPerHour")
                        : text;
            }
        }
        return null;
    }

    private static Object serverCpu(JsonObject run) {
        return sumProcesses(run, "cpuPercent");
    }

    private static Object serverRss(JsonObject run) {
        return sumProcesses(run, "rssMb");
    }

    private static Object sumProcesses(JsonObject run, String field) {
        JsonArray processes = run.getJsonArray("processes", new JsonArray());
        double sum = 0;
        for (int i = 0; i < processes.size(); i++) {
            JsonObject p = processes.getJsonObject(i);
            String name = p.getString("name", "");
            if (!name.startsWith("bench") && p.getValue(field) instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return Math.round(sum * 10) / 10.0;
    }

    private static Object errorTotal(JsonObject run) {
        JsonObject errors = run.getJsonObject("errors", new JsonObject());
        long sum = 0;
        for (String key : errors.fieldNames()) {
            if (errors.getValue(key) instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }

    /** The side-by-side table; with two systems a ratio column (second ÷ first). */
    static String table(List<JsonObject> runs) {
        StringBuilder out = new StringBuilder();
        JsonObject first = runs.getFirst();
        JsonObject scenario = first.getJsonObject("scenario");
        out.append(String.format(
                Locale.ROOT,
                "%d players, %s, %d s measured after a %d s ramp and %s s settling, a click every ~%s s, %s chat/min/bot%n",
                scenario.getInteger("players"),
                scenario.getBoolean("spread")
                        ? "spread over the whole world (+-" + scenario.getValue("bounds") + ")"
                        : "in a " + format(scenario.getValue("area")) + " x " + format(scenario.getValue("area"))
                                + " area",
                scenario.getInteger("seconds"),
                scenario.getInteger("rampSeconds"),
                scenario.getValue("settleSeconds"),
                scenario.getValue("retargetSeconds"),
                scenario.getValue("chatPerMinute")));
        for (JsonObject run : runs) {
            JsonObject machine = run.getJsonObject("machine", new JsonObject());
            out.append(String.format(
                    Locale.ROOT,
                    "%s: started %s, %s cores, load average before %s after %s%n",
                    run.getString("system"),
                    run.getString("startedAt"),
                    machine.getValue("cores"),
                    machine.getValue("loadAverageBefore"),
                    machine.getValue("loadAverageAfter")));
        }
        List<Row> rows = rows(runs);
        int labelWidth = rows.stream().mapToInt(r -> r.label().length()).max().orElse(10) + 2;
        int col = 18;
        out.append(pad("", labelWidth));
        for (JsonObject run : runs) {
            out.append(padLeft(run.getString("system"), col));
        }
        boolean ratio = runs.size() == 2;
        if (ratio) {
            out.append(
                    padLeft(runs.get(1).getString("system") + "/" + runs.get(0).getString("system"), col));
        }
        out.append('\n');
        for (Row row : rows) {
            List<Object> values = runs.stream().map(row.value()).toList();
            if (values.stream().allMatch(v -> v == null)) {
                continue;
            }
            out.append(pad(row.label(), labelWidth));
            for (Object value : values) {
                out.append(padLeft(format(value), col));
            }
            if (ratio
                    && row.ratio()
                    && values.get(0) instanceof Number a
                    && values.get(1) instanceof Number b
                    && a.doubleValue() != 0) {
                out.append(padLeft(String.format(Locale.ROOT, "%.2fx", b.doubleValue() / a.doubleValue()), col));
            }
            out.append('\n');
        }
        for (JsonObject run : runs) {
            if (run.getBoolean("void", false)) {
                out.append(voidBanner(run));
            }
            out.append(run.getString("system"))
                    .append(": ")
                    .append(verdict(run))
                    .append('\n');
            String load = loadWarning(run);
            if (load != null) {
                out.append("  ").append(load).append('\n');
            }
            JsonObject errors = run.getJsonObject("errors", new JsonObject());
            if (!errors.isEmpty()) {
                out.append("  errors: ").append(errors.encode()).append('\n');
            }
        }
        return out.toString();
    }

    /** The line nobody can miss: this run's figures measured the load generator, not the servers. */
    static String voidBanner(JsonObject run) {
        String line = "*".repeat(100);
        return line + "\n*** VOID: " + run.getString("system") + " run: " + run.getString("voidReason") + "\n" + line
                + "\n";
    }

    /**
     * The load generator shares the machine with the servers: says so when it (or the machine) was busy enough to
     * be part of what was measured; null otherwise.
     */
    static String loadWarning(JsonObject run) {
        Object bench = process(run, "bench", "cpuPercent");
        Object busy = at(run, "machine", "cpuBusyPercent");
        int cores = run.getJsonObject("machine", new JsonObject()).getInteger("cores", 1);
        List<String> notes = new ArrayList<>();
        if (bench instanceof Number n && n.doubleValue() >= 70) {
            notes.add(String.format(
                    Locale.ROOT, "the load generator itself used %.0f %% of a core (of %d)", n.doubleValue(), cores));
        }
        if (busy instanceof Number n && n.doubleValue() >= 90) {
            notes.add(String.format(Locale.ROOT, "the machine was %.0f %% busy", n.doubleValue()));
        }
        return notes.isEmpty()
                ? null
                : "CAUTION: " + String.join("; ", notes)
                        + ": the servers competed for CPU, the figures are lower bounds";
    }

    private static String format(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e12
                    ? Long.toString(d.longValue())
                    : String.format(Locale.ROOT, "%.2f", d);
        }
        return value.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return text.length() >= width ? " " + text : " ".repeat(width - text.length()) + text;
    }
}
