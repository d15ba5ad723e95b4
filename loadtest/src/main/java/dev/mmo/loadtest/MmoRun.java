package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The scenario against the MMO stack that {@code ./mmo up} runs, in named steps: pin the stack's processes to the
 * server cores, get the bots' accounts, connect them over the ramp, let the join storm settle, measure the window,
 * leave, and report. The world's own tick duration comes from world-service's metrics (its histogram buckets,
 * before and after the window).
 */
final class MmoRun {

    static final String TICK_HISTOGRAM = "mmo_world_tick_duration_seconds";
    static final String TICK_GAUGE = "mmo_world_tick";
    static final String GENERATOR = "bench (load generator)";

    private final BenchOptions options;
    private final Progress progress;
    private final StackEndpoints endpoints;
    private final Instant startedAt = Instant.now();

    /** The bots' accounts and how getting them went. */
    record Accounts(List<Logins.Account> list, Logins logins, double seconds) {
        long ready() {
            return list.stream().filter(Objects::nonNull).count();
        }

        /** Players that got a token from auth-service in this run (not from the token cache). */
        long tokensHandedOut() {
            return ready() - logins.fromCache.get();
        }

        /** The join phase's figure: new players a second that auth-service let in. */
        double newPlayersPerSecond() {
            return tokensHandedOut() / Math.max(seconds, 1e-3);
        }

        /** Registrations and logins auth-service completed a second. */
        double authRequestsPerSecond() {
            return (logins.registered.get() + logins.loggedIn.get()) / Math.max(seconds, 1e-3);
        }
    }

    /** What the measured window saw, beside what the bots recorded in their metrics. */
    record Window(
            double seconds,
            int connectedAtEnd,
            int decodingAtEnd,
            PromMetrics before,
            PromMetrics after,
            double scrapeSeconds,
            JsonObject startPositions) {}

    /** The ramp, and the connection timeline sampled from its start to the window's end. */
    @SuppressWarnings("ArrayRecordComponent") // phase: a one-slot holder the sampler reads, never compared
    record Joining(BotFleet.Ramp ramp, JsonArray connections, Thread sampler, String[] phase) {}

    MmoRun(BenchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
        this.endpoints = new StackEndpoints(options);
    }

    JsonObject run() throws Exception {
        endpoints.requireUp();
        StackProcesses stack = StackProcesses.discover(options.runDir());
        ProcessWatch watch = watch(stack);
        double[] loadBefore = watch.loadAverage();
        try (Pinning pinning = pinServers(stack, options, progress, "[mmo]")) {
            Accounts accounts = prepareAccounts(options, progress, "[mmo]");
            if (options.prepareOnly()) {
                return null;
            }
            JsonObject openFiles = openFilesCheck(stack);
            Watchdog watchdog = Watchdog.arm("mmo run", options.hardDeadlineSeconds());
            try (BotFleet fleet = new BotFleet(options, accounts.list(), accounts.logins(), null)) {
                watch.baseline();
                Joining joining = rampUp(fleet, watch);
                settle(joining);
                Window window = measure(fleet, watch, joining);
                boolean closedCleanly = leave(fleet);
                watchdog.disarm();
                JsonObject result = report(fleet, accounts, joining, window, watch, loadBefore, closedCleanly);
                result.put("openFilesLimit", openFiles);
                Fairness.assess(
                        result,
                        watch,
                        options.serverCpus(),
                        options.generatorCpus(),
                        pinning == null ? null : pinning.toJson());
                return result;
            }
        }
    }

    // --- the steps ---

    /**
     * Pins every process of the stack to the server cores (and checks that every thread took them); null when
     * pinning is off. Closing the result gives the processes their cores back.
     */
    static Pinning pinServers(StackProcesses stack, BenchOptions options, Progress progress, String tag) {
        if (!options.pin()) {
            return null;
        }
        Pinning pinning = new Pinning();
        for (StackProcesses.Part part : stack.parts()) {
            pinning.pin(part.name(), part.pid(), part.tree(), options.serverCpus());
        }
        int threads = pinning.pinned().stream()
                .mapToInt(Pinning.Pinned::threadsOnCores)
                .sum();
        progress.say(String.format(
                Locale.ROOT,
                "%s server side pinned to core %s: %d processes, %d threads (%s)",
                tag,
                options.serverCpus(),
                pinning.pinned().size(),
                threads,
                String.join(
                        ", ",
                        stack.parts().stream().map(StackProcesses.Part::name).toList())));
        pinning.failures().forEach(failure -> progress.say(tag + " WARNING: not pinned: " + failure));
        return pinning;
    }

    /** Logs every bot in (registering new names), outside the hard deadline: BCrypt is slow on purpose. */
    static Accounts prepareAccounts(BenchOptions options, Progress progress, String tag) throws InterruptedException {
        List<String> names =
                IntStream.range(0, options.players()).mapToObj(options::botName).toList();
        Logins logins = new Logins(options.gatewayUrl(), options.tokenCache(), options.loginConcurrency());
        Duration mustLast = Duration.ofSeconds(options.hardDeadlineSeconds() + 120);
        Duration budget = Duration.ofSeconds(options.loginBudgetSeconds());
        long start = System.nanoTime();
        progress.show(() -> String.format(
                Locale.ROOT,
                "%s accounts %d/%d (cached %d, registered %d, failed %d) %ds",
                tag,
                logins.done.get(),
                options.players(),
                logins.fromCache.get(),
                logins.registered.get(),
                logins.failed.get(),
                (System.nanoTime() - start) / 1_000_000_000L));
        List<Logins.Account> list = logins.accounts(names, mustLast, budget);
        Accounts accounts = new Accounts(list, logins, (System.nanoTime() - start) / 1e9);
        progress.say(String.format(
                Locale.ROOT,
                "%s %d accounts ready in %.0f s (%d from the token cache, %d registered, %d failed)",
                tag,
                accounts.ready(),
                accounts.seconds(),
                logins.fromCache.get(),
                logins.registered.get(),
                logins.failed.get()));
        progress.say(String.format(
                Locale.ROOT,
                "%s join phase: %.1f new players/s (%d players got a token from "
                        + "auth-service: %d registrations + %d logins completed, %.1f/s, at %d at once%s; %d refusals "
                        + "waited out by their Retry-After)",
                tag,
                accounts.newPlayersPerSecond(),
                accounts.tokensHandedOut(),
                logins.registered.get(),
                logins.loggedIn.get(),
                accounts.authRequestsPerSecond(),
                options.loginConcurrency(),
                logins.spreadOverAddresses()
                        ? ", " + SourceAddresses.BOTS_PER_ADDRESS + " bots per loopback address"
                        : "",
                logins.retriedLater.get()));
        return accounts;
    }

    /** Connects the bots over the ramp, sampling every 5 s how many are in, joining, failed and dropped. */
    Joining rampUp(BotFleet fleet, ProcessWatch watch) throws InterruptedException {
        long rampStart = System.nanoTime();
        String[] phase = {"ramp"};
        JsonArray connections = new JsonArray();
        BotMetrics metrics = fleet.metrics;
        progress.show(() -> status(phase[0], rampStart, fleet, watch));
        Thread sampler = Thread.ofPlatform().daemon().name("bench-connections").start(() -> {
            for (long next = rampStart; !Thread.currentThread().isInterrupted(); ) {
                next += TimeUnit.SECONDS.toNanos(5);
                try {
                    sleepUntil(next);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (connections) {
                    connections.add(new JsonObject()
                            .put("t", Math.round((System.nanoTime() - rampStart) / 1e9))
                            .put("phase", phase[0])
                            .put("started", fleet.started())
                            .put("connected", metrics.welcomed.get())
                            .put("joining", metrics.joining.get())
                            .put("neverJoined", metrics.connectFailed.get())
                            .put("dropped", metrics.dropped.get()));
                }
            }
        });
        BotFleet.Ramp ramp = fleet.ramp(rampStart);
        fleet.awaitLastJoins();
        progress.say(String.format(
                Locale.ROOT,
                "[mmo] %d of %d bots joined after a ramp of %.0f s (%s); %d decode every frame; settling %d s, then measuring %d s",
                metrics.welcomed.get(),
                options.players(),
                ramp.seconds(),
                ramp.notStarted() > 0
                        ? ramp.notStarted() + " not started: the join window stayed full"
                        : ramp.waitedSeconds() >= 0.5
                                ? String.format(Locale.ROOT, "waited %.0f s for the join window", ramp.waitedSeconds())
                                : "on schedule",
                fleet.decoding(),
                options.settleSeconds(),
                options.seconds()));
        return new Joining(ramp, connections, sampler, phase);
    }

    /** Plays without measuring, so that the backlog of the join storm drains first. */
    void settle(Joining joining) throws InterruptedException {
        joining.phase()[0] = "settle";
        Thread.sleep(options.settleSeconds() * 1000L);
    }

    /** The measured window: the world's metrics before and after, CPU and memory sampled every second. */
    Window measure(BotFleet fleet, ProcessWatch watch, Joining joining) throws InterruptedException {
        BotMetrics metrics = fleet.metrics;
        long scrapedBefore = System.nanoTime();
        PromMetrics before = endpoints.scrapeWorld();
        watch.startWindow();
        metrics.startWindow(options.seconds());
        long windowStart = System.nanoTime();
        joining.phase()[0] = "measure";
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            for (int second = 1; !Thread.currentThread().isInterrupted(); second++) {
                watch.sample();
                if (second % 5 == 0) {
                    metrics.timelinePoint((System.nanoTime() - windowStart) / 1e9);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sleepUntil(windowStart + TimeUnit.SECONDS.toNanos(options.seconds()));
        metrics.measuring = false;
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        int connectedAtEnd = metrics.welcomed.get();
        int decodingAtEnd = (int)
                fleet.bots.stream().filter(b -> b.decodes && b.isWelcomed()).count();
        JsonObject startPositions = startPositions(fleet.bots);
        sampler.interrupt();
        joining.sampler().interrupt();
        watch.endWindow();
        PromMetrics after = endpoints.scrapeWorld();
        joining.phase()[0] = "closing";
        return new Window(
                seconds,
                connectedAtEnd,
                decodingAtEnd,
                before,
                after,
                (System.nanoTime() - scrapedBefore) / 1e9,
                startPositions);
    }

    /** The bots close their connections; false when some did not close in time. */
    boolean leave(BotFleet fleet) throws InterruptedException {
        boolean closed = fleet.leave(Math.min(10, options.graceSeconds()));
        progress.show(() -> "");
        if (!closed) {
            progress.say("[mmo] the bots' connections did not all close within 10 s; reporting anyway");
        }
        return closed;
    }

    /** The run's JSON (the shape docs/benchmarks.md describes, shared with the Colyseus run). */
    JsonObject report(
            BotFleet fleet,
            Accounts accounts,
            Joining joining,
            Window window,
            ProcessWatch watch,
            double[] loadBefore,
            boolean closedCleanly) {
        BotMetrics metrics = fleet.metrics;
        Logins logins = accounts.logins();
        JsonObject result =
                Results.common("mmo", options, startedAt, window.seconds(), loadBefore, watch.loadAverage());
        result.put(
                "players",
                new JsonObject()
                        .put("requested", options.players())
                        .put("loginFailed", logins.failed.get())
                        .put("connected", window.connectedAtEnd())
                        .put("failed", options.players() - window.connectedAtEnd())
                        .put("neverJoined", metrics.connectFailed.get())
                        .put("notStarted", joining.ramp().notStarted())
                        .put("dropped", metrics.dropped.get())
                        .put("reLogins", logins.refreshed.get())
                        .put("decoding", fleet.decoding())
                        .put("closedCleanly", closedCleanly)
                        .put("onlineCountSeen", metrics.onlineMax.get() < 0 ? null : metrics.onlineMax.get()));
        result.put(
                "logins",
                new JsonObject()
                        .put("seconds", LatencyStats.round(accounts.seconds()))
                        .put("fromCache", logins.fromCache.get())
                        .put("registered", logins.registered.get())
                        .put("failed", logins.failed.get())
                        .put("loggedIn", logins.loggedIn.get())
                        .put("retriedLater", logins.retriedLater.get())
                        .put("newPlayersPerSecond", LatencyStats.round(accounts.newPlayersPerSecond()))
                        .put("authRequestsPerSecond", LatencyStats.round(accounts.authRequestsPerSecond()))
                        .put(
                                "botsPerSourceAddress",
                                logins.spreadOverAddresses() ? SourceAddresses.BOTS_PER_ADDRESS : 0)
                        .put("concurrency", options.loginConcurrency()));
        BotFleet.Ramp ramp = joining.ramp();
        result.put(
                "ramp",
                new JsonObject()
                        .put("plannedSeconds", options.rampSeconds())
                        .put("seconds", LatencyStats.round(ramp.seconds()))
                        .put("waitedForJoinWindowSeconds", LatencyStats.round(ramp.waitedSeconds()))
                        .put("joinWindow", options.joinWindow())
                        .put("notStarted", ramp.notStarted()));
        synchronized (joining.connections()) {
            result.put("connectionTimeline", joining.connections().copy());
        }
        result.put("joinMs", metrics.join.summary().toJson());
        Results.putClientMetrics(result, metrics, window.connectedAtEnd(), window.decodingAtEnd(), window.seconds());
        result.put("tickMs", tickJson(window.before(), window.after(), window.scrapeSeconds()));
        result.put("processes", watch.toJson());
        result.put(
                "memoryPerPlayer",
                Results.memoryPerPlayer(window.connectedAtEnd(), new String[] {"gateway", "world-service"}, name ->
                        new long[] {watch.peakRss(name), watch.endRss(name), watch.baselineRss(name)}));
        result.put("soak", Results.soak(watch, metrics));
        double machineBusy = watch.machineBusyPercent();
        result.getJsonObject("machine")
                .put("cpuBusyPercent", Double.isNaN(machineBusy) ? null : LatencyStats.round(machineBusy));
        result.put("startPositions", window.startPositions());
        JsonObject errors = metrics.errorsJson();
        logins.errors.forEach((code, count) -> errors.put(code, count.get()));
        result.put("errors", errors);
        return result;
    }

    // --- helpers ---

    /** Where the connected bots stood when they joined (their welcome's own ModelData): how spread the run was. */
    private JsonObject startPositions(List<MmoBot> bots) {
        List<double[]> points = new ArrayList<>();
        for (MmoBot bot : bots) {
            double x = bot.startX;
            double y = bot.startY;
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                points.add(new double[] {x, y});
            }
        }
        return Positions.summary(points, options.bounds(), Positions.CELL);
    }

    /**
     * Each bot needs a socket in this tool and one in the gateway: warns when a soft limit of open files is too low
     * for that (the JVM raises its own soft limit to the hard one at start), and says what the limits were.
     */
    private JsonObject openFilesCheck(StackProcesses stack) {
        ProcStats proc = new ProcStats();
        long needed = options.players() + 512L;
        JsonObject json = new JsonObject().put("needed", needed);
        OptionalLong own = proc.openFilesLimit(ProcessHandle.current().pid());
        own.ifPresent(limit -> json.put("loadGenerator", limit == Long.MAX_VALUE ? null : limit));
        OptionalLong gateway = stack.service(StackProcesses.Kind.GATEWAY)
                .map(part -> proc.openFilesLimit(part.pid()))
                .orElse(OptionalLong.empty());
        gateway.ifPresent(limit -> json.put("gateway", limit == Long.MAX_VALUE ? null : limit));
        if (own.isPresent() && own.getAsLong() < needed) {
            progress.say("[mmo] WARNING: this tool may open only " + own.getAsLong() + " files, " + options.players()
                    + " bots need about " + needed + " (raise ulimit -n)");
        }
        if (gateway.isPresent() && gateway.getAsLong() < needed) {
            progress.say("[mmo] WARNING: the gateway may open only " + gateway.getAsLong() + " files, "
                    + options.players() + " players need about " + needed + " (raise ulimit -n for ./mmo up)");
        }
        return json;
    }

    private String status(String phase, long rampStart, BotFleet fleet, ProcessWatch watch) {
        BotMetrics metrics = fleet.metrics;
        long elapsed = (System.nanoTime() - rampStart) / 1_000_000_000L;
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT, "[mmo] %s %3ds joined %d/%d", phase, elapsed, metrics.welcomed.get(), fleet.bots.size()));
        if (phase.equals("ramp")) {
            line.append(String.format(
                    Locale.ROOT,
                    " (started %d, joining %d, failed %d)",
                    fleet.started(),
                    metrics.joining.get(),
                    metrics.connectFailed.get()));
        }
        if (metrics.measuring) {
            double seconds = Math.max(0.001, (System.nanoTime() - metrics.windowStartNanos) / 1e9);
            int clients = Math.max(1, metrics.welcomed.get());
            LatencyStats.Summary latency = metrics.targetToMoves.summary();
            line.append(String.format(
                    Locale.ROOT,
                    " | %.1f frames/s/client %.1f KB/s/client | T->Moves p50 %.0f p99 %.0f ms (n=%d)",
                    metrics.frames.sum() / seconds / clients,
                    metrics.bytes.sum() / seconds / clients / 1024,
                    latency.p50(),
                    latency.p99(),
                    latency.count()));
            line.append(String.format(
                    Locale.ROOT,
                    " | cpu world %.0f%% gw %.0f%% bench %.0f%%",
                    watch.cpuPercentSoFar("world-service"),
                    watch.cpuPercentSoFar("gateway"),
                    watch.cpuPercentSoFar(GENERATOR)));
        }
        long errors = metrics.errorCount();
        if (errors > 0) {
            line.append(" | errors ").append(errors);
        }
        return line.toString();
    }

    /** @param scrapeSeconds the time between the two scrapes, which the tick counter's difference spans */
    private JsonObject tickJson(PromMetrics before, PromMetrics after, double scrapeSeconds) {
        JsonObject json = new JsonObject()
                .put(
                        "source",
                        "world-service " + endpoints.worldMetricsSource() + ", " + TICK_HISTOGRAM
                                + " histogram buckets over the window (each percentile is its bucket's upper bound)");
        if (before == null || after == null) {
            return json.put("error", "world-service metrics not reachable at " + options.worldMetricsUrls());
        }
        PromMetrics.Window window = PromMetrics.window(before, after, TICK_HISTOGRAM);
        double ticks =
                after.value(TICK_GAUGE).orElse(0) - before.value(TICK_GAUGE).orElse(0);
        double dropped = after.value("mmo_world_ticks_dropped_total").orElse(0)
                - before.value("mmo_world_ticks_dropped_total").orElse(0);
        return json.put("count", window.count())
                .put("mean", LatencyStats.round(window.meanMs()))
                .put("p50", LatencyStats.round(window.p50Ms()))
                .put("p95", LatencyStats.round(window.p95Ms()))
                .put("p99", LatencyStats.round(window.p99Ms()))
                .put("p999", LatencyStats.round(window.p999Ms()))
                .put(
                        "max",
                        LatencyStats.round(after.value(TICK_HISTOGRAM + "_max").orElse(0) * 1000))
                .put("ticksPerSecond", LatencyStats.round(ticks / scrapeSeconds))
                .put("ticksDropped", (long) dropped);
    }

    /** Every process of the stack, and this tool as the load generator. */
    static ProcessWatch watch(StackProcesses stack) {
        ProcessWatch watch = new ProcessWatch();
        for (StackProcesses.Part part : stack.parts()) {
            watch.watch(part.name(), part.pid(), part.tree());
        }
        watch.watch(GENERATOR, ProcessHandle.current().pid(), false);
        return watch;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
        }
    }

    static JsonArray array(double[] values) {
        JsonArray array = new JsonArray();
        for (double value : values) {
            array.add(Double.isNaN(value) ? null : value);
        }
        return array;
    }
}
