package dev.mmo.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The scenario against the MMO stack that {@code ./mmo up} runs: bots log in through the gateway, connect to its
 * {@code /ws} over the ramp, play for the measured window, and leave. The world's own tick duration comes from
 * world-service's {@code /q/metrics} (its histogram buckets, before and after the window).
 */
final class MmoRun {

    static final String TICK_HISTOGRAM = "mmo_world_tick_duration_seconds";
    private static final double TICK_RATE = 20; // the world's default; the Welcome says so too
    private static final String[] SERVICES = {"gateway", "world-service", "chat-service", "auth-service"};

    private final BenchOptions options;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    MmoRun(BenchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    JsonObject run() throws Exception {
        requireUp();
        ProcessWatch watch = watchStack();
        double[] loadBefore = watch.loadAverage();
        Instant started = Instant.now();

        // --- accounts (outside the hard deadline: BCrypt is slow on purpose) ---
        List<String> names = IntStream.range(0, options.players()).mapToObj(options::botName).toList();
        Logins logins = new Logins(options.gatewayUrl(), options.tokenCache(), options.loginConcurrency());
        Duration mustLast = Duration.ofSeconds(options.hardDeadlineSeconds() + 120);
        Duration budget = Duration.ofSeconds(options.loginBudgetSeconds());
        long loginStart = System.nanoTime();
        progress.show(() -> String.format(Locale.ROOT, "[mmo] accounts %d/%d (cached %d, registered %d, failed %d) %ds",
                logins.done.get(), options.players(), logins.fromCache.get(), logins.registered.get(),
                logins.failed.get(), (System.nanoTime() - loginStart) / 1_000_000_000L));
        List<Logins.Account> accounts = logins.accounts(names, mustLast, budget);
        double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
        progress.say(String.format(Locale.ROOT, "[mmo] %d accounts ready in %.0f s (%d from the token cache, %d registered, %d failed)",
                accounts.stream().filter(a -> a != null).count(), loginSeconds,
                logins.fromCache.get(), logins.registered.get(), logins.failed.get()));
        long tokensHandedOut = accounts.stream().filter(a -> a != null).count() - logins.fromCache.get();
        double newPlayersPerSecond = tokensHandedOut / Math.max(loginSeconds, 1e-3);
        double authRequestsPerSecond = (logins.registered.get() + logins.loggedIn.get()) / Math.max(loginSeconds, 1e-3);
        progress.say(String.format(Locale.ROOT, "[mmo] join phase: %.1f new players/s (%d players got a token from "
                        + "auth-service: %d registrations + %d logins completed, %.1f/s, at %d at once%s; %d refusals "
                        + "waited out by their Retry-After)", newPlayersPerSecond, tokensHandedOut, logins.registered.get(),
                logins.loggedIn.get(), authRequestsPerSecond, options.loginConcurrency(),
                logins.spreadOverAddresses() ? ", " + SourceAddresses.BOTS_PER_ADDRESS + " bots per loopback address" : "",
                logins.retriedLater.get()));
        if (options.prepareOnly()) {
            return null;
        }

        // --- the bots ---
        JsonObject openFiles = openFilesCheck();
        Watchdog watchdog = Watchdog.arm("mmo run", options.hardDeadlineSeconds());
        BotMetrics metrics = new BotMetrics();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10_000));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(options.players() * 2 + 16)
                .setMaxFrameSize(64 * 1024 * 1024)
                .setMaxMessageSize(64 * 1024 * 1024)
                .setConnectTimeout(15_000)
                .setIdleTimeout(0));
        TargetPicker picker = new TargetPicker(options.spread() ? 2 * options.bounds() : options.area(), options.bounds());
        List<MmoBot> bots = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            Logins.Account account = accounts.get(i);
            if (account == null) {
                continue;
            }
            MmoBot bot = new MmoBot(i, account, options, metrics, picker, vertx, TICK_RATE);
            bot.onUnauthorized(() -> Thread.ofVirtual().start(() -> {
                Logins.Account fresh = logins.refresh(bot.name);
                if (fresh == null) {
                    metrics.connectFailed.incrementAndGet();
                    return;
                }
                bot.account(fresh);
                metrics.joining.incrementAndGet();
                bot.context().runOnContext(ignored -> bot.connect(client));
            }));
            bots.add(bot);
        }
        watch.baseline();
        long rampStart = System.nanoTime();
        String[] phase = {"ramp"};
        int[] startedBots = {0};
        progress.show(() -> status(phase[0], rampStart, metrics, watch, bots.size(), startedBots[0]));
        JsonArray connections = new JsonArray();
        Thread connectionSampler = Thread.ofPlatform().daemon().name("bench-connections").start(() -> {
            // every 5 s from the ramp's start: how many are in, joining, failed, dropped (shows a link that collapses)
            for (long next = rampStart; !Thread.currentThread().isInterrupted(); ) {
                next += TimeUnit.SECONDS.toNanos(5);
                try {
                    sleepUntil(next);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (connections) {
                    connections.add(new JsonObject().put("t", Math.round((System.nanoTime() - rampStart) / 1e9))
                            .put("phase", phase[0]).put("started", startedBots[0])
                            .put("connected", metrics.welcomed.get()).put("joining", metrics.joining.get())
                            .put("neverJoined", metrics.connectFailed.get()).put("dropped", metrics.dropped.get()));
                }
            }
        });
        Ramp ramp = ramp(bots, vertx, client, metrics, rampStart, startedBots);
        // let the last joins finish (each sends the newcomer everyone), at most a few seconds
        long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(BenchOptions.JOIN_FINISH_SECONDS);
        while (metrics.joining.get() > 0 && System.nanoTime() < settleUntil) {
            Thread.sleep(100);
        }
        progress.say(String.format(Locale.ROOT, "[mmo] %d of %d bots joined after a ramp of %.0f s (%s); settling %d s, then measuring %d s",
                metrics.welcomed.get(), options.players(), ramp.seconds(),
                ramp.notStarted() > 0 ? ramp.notStarted() + " not started: the join window stayed full"
                        : ramp.waitedSeconds() >= 0.5 ? String.format(Locale.ROOT, "waited %.0f s for the join window", ramp.waitedSeconds())
                        : "on schedule",
                options.settleSeconds(), options.seconds()));
        phase[0] = "settle";
        Thread.sleep(options.settleSeconds() * 1000L);

        // --- the measured window ---
        long scrapedBefore = System.nanoTime();
        PromMetrics before = scrapeWorld();
        watch.startWindow();
        metrics.startWindow();
        long windowStart = System.nanoTime();
        phase[0] = "measure";
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
        double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
        int connectedAtEnd = metrics.welcomed.get();
        JsonObject startPositions = startPositions(bots);
        sampler.interrupt();
        connectionSampler.interrupt();
        watch.endWindow();
        PromMetrics after = scrapeWorld();
        double scrapeSeconds = (System.nanoTime() - scrapedBefore) / 1e9;
        double[] loadAfter = watch.loadAverage();

        // --- leave ---
        phase[0] = "closing";
        bots.forEach(MmoBot::close);
        long closeUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(10, options.graceSeconds()));
        while (metrics.open.get() > 0 && System.nanoTime() < closeUntil) {
            Thread.sleep(100);
        }
        progress.show(() -> "");
        client.close();
        boolean closedCleanly = true;
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // (a stalled server can leave sockets that do not close; the results are still the results)
            closedCleanly = false;
            progress.say("[mmo] the bots' connections did not all close within 10 s (" + e + "); reporting anyway");
        }
        watchdog.disarm();

        JsonObject result = Results.common("mmo", options, started, windowSeconds, loadBefore, loadAfter);
        result.put("players", new JsonObject()
                .put("requested", options.players())
                .put("loginFailed", logins.failed.get())
                .put("connected", connectedAtEnd)
                .put("failed", options.players() - connectedAtEnd)
                .put("neverJoined", metrics.connectFailed.get())
                .put("notStarted", ramp.notStarted())
                .put("dropped", metrics.dropped.get())
                .put("reLogins", logins.refreshed.get())
                .put("closedCleanly", closedCleanly)
                .put("onlineCountSeen", metrics.onlineMax.get() < 0 ? null : metrics.onlineMax.get()));
        result.put("logins", new JsonObject()
                .put("seconds", LatencyStats.round(loginSeconds))
                .put("fromCache", logins.fromCache.get())
                .put("registered", logins.registered.get())
                .put("failed", logins.failed.get())
                .put("loggedIn", logins.loggedIn.get())
                .put("retriedLater", logins.retriedLater.get())
                .put("newPlayersPerSecond", LatencyStats.round(newPlayersPerSecond))
                .put("authRequestsPerSecond", LatencyStats.round(authRequestsPerSecond))
                .put("botsPerSourceAddress", logins.spreadOverAddresses() ? SourceAddresses.BOTS_PER_ADDRESS : 0)
                .put("concurrency", options.loginConcurrency()));
        result.put("ramp", new JsonObject()
                .put("plannedSeconds", options.rampSeconds())
                .put("seconds", LatencyStats.round(ramp.seconds()))
                .put("waitedForJoinWindowSeconds", LatencyStats.round(ramp.waitedSeconds()))
                .put("joinWindow", options.joinWindow())
                .put("notStarted", ramp.notStarted()));
        synchronized (connections) {
            result.put("connectionTimeline", connections.copy());
        }
        result.put("joinMs", metrics.join.summary().toJson());
        Results.putClientMetrics(result, metrics, connectedAtEnd, windowSeconds);
        result.put("tickMs", tickJson(before, after, scrapeSeconds));
        result.put("processes", watch.toJson());
        result.put("memoryPerPlayer", Results.memoryPerPlayer(connectedAtEnd,
                new String[]{"gateway", "world-service"},
                name -> new long[]{watch.peakRss(name), watch.endRss(name), watch.baselineRss(name)}));
        double machineBusy = watch.machineBusyPercent();
        result.getJsonObject("machine").put("cpuBusyPercent", Double.isNaN(machineBusy) ? null : LatencyStats.round(machineBusy));
        result.put("openFilesLimit", openFiles);
        result.put("startPositions", startPositions);
        JsonObject errors = metrics.errorsJson();
        logins.errors.forEach((code, count) -> errors.put(code, count.get()));
        result.put("errors", errors);
        return result;
    }

    /** Where the connected bots stood when they joined (their welcome's own ModelData): how spread the run was. */
    private JsonObject startPositions(List<MmoBot> bots) {
        List<double[]> points = new ArrayList<>();
        for (MmoBot bot : bots) {
            double x = bot.startX;
            double y = bot.startY;
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                points.add(new double[]{x, y});
            }
        }
        return Positions.summary(points, options.bounds(), Positions.CELL);
    }

    /** How the ramp went: its length, how long it waited for the join window, the bots it never started. */
    record Ramp(double seconds, double waitedSeconds, int notStarted) {
    }

    /**
     * Starts the bots evenly over the ramp, each on a timer of its own (so they spread over the event loops), but
     * never while {@code joinWindow} bots are still between connecting and their Welcome: then it waits, and goes on
     * at the same pace afterwards (its schedule moves by the time waited: no burst to catch up). It gives up on the
     * bots it has not started {@link BenchOptions#rampStretchSeconds()} after the ramp's planned end.
     */
    private Ramp ramp(List<MmoBot> bots, Vertx vertx, WebSocketClient client, BotMetrics metrics, long rampStart,
                      int[] started) throws InterruptedException {
        double spacingNanos = bots.isEmpty() ? 0 : options.rampSeconds() * 1e9 / bots.size();
        long giveUpAt = rampStart + TimeUnit.SECONDS.toNanos(options.rampSeconds() + options.rampStretchSeconds());
        long waited = 0;
        long waitingSince = -1;
        int next = 0;
        while (next < bots.size()) {
            long now = System.nanoTime();
            if (now >= giveUpAt) {
                break;
            }
            if (options.joinWindow() > 0 && metrics.joining.get() >= options.joinWindow()) {
                if (waitingSince < 0) {
                    waitingSince = now;
                }
                Thread.sleep(5);
                continue;
            }
            if (waitingSince >= 0) {
                waited += now - waitingSince;
                waitingSince = -1;
            }
            long due = rampStart + waited + (long) (next * spacingNanos);
            if (now < due) {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(due - now), 20)));
                continue;
            }
            MmoBot bot = bots.get(next++);
            metrics.joining.incrementAndGet();
            vertx.setTimer(1, id -> bot.connect(client));
            started[0] = next;
        }
        if (waitingSince >= 0) {
            waited += System.nanoTime() - waitingSince;
        }
        return new Ramp((System.nanoTime() - rampStart) / 1e9, waited / 1e9, bots.size() - next);
    }

    /**
     * Each bot needs a socket in this tool and one in the gateway: warns when a soft limit of open files is too low
     * for that (the JVM raises its own soft limit to the hard one at start), and says what the limits were.
     */
    private JsonObject openFilesCheck() {
        ProcStats proc = new ProcStats();
        long needed = options.players() + 512L;
        JsonObject json = new JsonObject().put("needed", needed);
        OptionalLong own = proc.openFilesLimit(ProcessHandle.current().pid());
        own.ifPresent(limit -> json.put("loadGenerator", limit == Long.MAX_VALUE ? null : limit));
        OptionalLong gatewayPid = ProcStats.pidFrom(options.runDir().resolve("gateway.pid"));
        OptionalLong gateway = gatewayPid.isPresent() ? proc.openFilesLimit(gatewayPid.getAsLong()) : OptionalLong.empty();
        gateway.ifPresent(limit -> json.put("gateway", limit == Long.MAX_VALUE ? null : limit));
        if (own.isPresent() && own.getAsLong() < needed) {
            progress.say("[mmo] WARNING: this tool may open only " + own.getAsLong() + " files, " + options.players()
                    + " bots need about " + needed + " (raise ulimit -n)");
        }
        if (gateway.isPresent() && gateway.getAsLong() < needed) {
            progress.say("[mmo] WARNING: the gateway may open only " + gateway.getAsLong() + " files, " + options.players()
                    + " players need about " + needed + " (raise ulimit -n for ./mmo up)");
        }
        return json;
    }

    private String status(String phase, long rampStart, BotMetrics metrics, ProcessWatch watch, int bots, int started) {
        long elapsed = (System.nanoTime() - rampStart) / 1_000_000_000L;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[mmo] %s %3ds joined %d/%d",
                phase, elapsed, metrics.welcomed.get(), bots));
        if (phase.equals("ramp")) {
            line.append(String.format(Locale.ROOT, " (started %d, joining %d, failed %d)", started,
                    metrics.joining.get(), metrics.connectFailed.get()));
        }
        if (metrics.measuring) {
            double seconds = Math.max(0.001, (System.nanoTime() - metrics.windowStartNanos) / 1e9);
            int clients = Math.max(1, metrics.welcomed.get());
            LatencyStats.Summary latency = metrics.targetToMoves.summary();
            line.append(String.format(Locale.ROOT, " | %.1f frames/s/client %.1f KB/s/client | T->Moves p50 %.0f p99 %.0f ms (n=%d)",
                    metrics.frames.sum() / seconds / clients, metrics.bytes.sum() / seconds / clients / 1024,
                    latency.p50(), latency.p99(), latency.count()));
            line.append(String.format(Locale.ROOT, " | cpu world %.0f%% gw %.0f%% bench %.0f%%",
                    watch.cpuPercentSoFar("world-service"), watch.cpuPercentSoFar("gateway"),
                    watch.cpuPercentSoFar("bench (load generator)")));
        }
        long errors = metrics.errorCount();
        if (errors > 0) {
            line.append(" | errors ").append(errors);
        }
        return line.toString();
    }

    /** @param scrapeSeconds the time between the two scrapes, which the tick counter's difference spans */
    private JsonObject tickJson(PromMetrics before, PromMetrics after, double scrapeSeconds) {
        JsonObject json = new JsonObject().put("source", "world-service /q/metrics, " + TICK_HISTOGRAM
                + " histogram buckets over the window (each percentile is its bucket's upper bound)");
        if (before == null || after == null) {
            return json.put("error", "world-service metrics not reachable");
        }
        PromMetrics.Window window = PromMetrics.window(before, after, TICK_HISTOGRAM);
        double ticks = after.value("mmo_world_tick").orElse(0) - before.value("mmo_world_tick").orElse(0);
        double dropped = after.value("mmo_world_ticks_dropped_total").orElse(0)
                - before.value("mmo_world_ticks_dropped_total").orElse(0);
        return json.put("count", window.count())
                .put("mean", LatencyStats.round(window.meanMs()))
                .put("p50", LatencyStats.round(window.p50Ms()))
                .put("p95", LatencyStats.round(window.p95Ms()))
                .put("p99", LatencyStats.round(window.p99Ms()))
                .put("p999", LatencyStats.round(window.p999Ms()))
                .put("max", LatencyStats.round(after.value(TICK_HISTOGRAM + "_max").orElse(0) * 1000))
                .put("ticksPerSecond", LatencyStats.round(ticks / scrapeSeconds))
                .put("ticksDropped", (long) dropped);
    }

    private void requireUp() throws IOException {
        URI ready = options.gatewayUrl().resolve("/q/health/ready");
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IOException("the gateway at " + options.gatewayUrl() + " is not ready (" + answer.statusCode()
                        + "); is the stack up (./mmo up)?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.net.ConnectException e) {
            throw new IOException("nothing answers at " + options.gatewayUrl() + "; start the stack first: ./mmo up");
        }
    }

    private PromMetrics scrapeWorld() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(options.worldMetricsUrl())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? PromMetrics.parse(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private ProcessWatch watchStack() {
        ProcessWatch watch = new ProcessWatch();
        Path run = options.runDir();
        for (String service : SERVICES) {
            OptionalLong pid = ProcStats.pidFrom(run.resolve(service + ".pid"));
            if (pid.isPresent()) {
                watch.watch(service, pid.getAsLong(), false);
            }
        }
        OptionalLong stack = ProcStats.pidFrom(run.resolve("stack.pid"));
        if (stack.isPresent()) {
            watch.watch("kafka (+ stack launcher)", stack.getAsLong(), true);
        }
        Path dataDir = run.toAbsolutePath().getParent().resolve("data");
        OptionalLong postgres = ProcStats.pidFrom(dataDir.resolve("postgres/postmaster.pid"));
        if (postgres.isPresent()) {
            watch.watch("postgres (all backends)", postgres.getAsLong(), true);
        }
        watch.watch("bench (load generator)", ProcessHandle.current().pid(), false);
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
