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
        Duration budget = Duration.ofSeconds(Math.clamp(options.players() * 2L / options.loginConcurrency(), 60, 1800));
        long loginStart = System.nanoTime();
        progress.show(() -> String.format(Locale.ROOT, "[mmo] accounts %d/%d (cached %d, registered %d, failed %d) %ds",
                logins.done.get(), options.players(), logins.fromCache.get(), logins.registered.get(),
                logins.failed.get(), (System.nanoTime() - loginStart) / 1_000_000_000L));
        List<Logins.Account> accounts = logins.accounts(names, mustLast, budget);
        progress.say(String.format(Locale.ROOT, "[mmo] %d accounts ready in %.0f s (%d from the token cache, %d registered, %d failed)",
                accounts.stream().filter(a -> a != null).count(), (System.nanoTime() - loginStart) / 1e9,
                logins.fromCache.get(), logins.registered.get(), logins.failed.get()));
        if (options.prepareOnly()) {
            return null;
        }

        // --- the bots ---
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
                bot.context().runOnContext(ignored -> bot.connect(client));
            }));
            bots.add(bot);
        }
        long rampStart = System.nanoTime();
        double spacingMs = bots.isEmpty() ? 0 : options.rampSeconds() * 1000.0 / bots.size();
        for (int i = 0; i < bots.size(); i++) {
            MmoBot bot = bots.get(i);
            vertx.setTimer(1 + (long) (i * spacingMs), id -> bot.connect(client));
        }

        String[] phase = {"ramp"};
        progress.show(() -> status(phase[0], rampStart, metrics, watch, bots.size()));
        sleepUntil(rampStart + TimeUnit.SECONDS.toNanos(options.rampSeconds()));
        // let the last joins settle (each sends the newcomer everyone), at most 10 s
        long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metrics.welcomed.get() + metrics.connectFailed.get() < bots.size() && System.nanoTime() < settleUntil) {
            Thread.sleep(100);
        }
        progress.say(String.format(Locale.ROOT, "[mmo] %d of %d bots joined after the ramp; settling %d s, then measuring %d s",
                metrics.welcomed.get(), options.players(), options.settleSeconds(), options.seconds()));
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
        sampler.interrupt();
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
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        watchdog.disarm();

        JsonObject result = Results.common("mmo", options, started, windowSeconds, loadBefore, loadAfter);
        result.put("players", new JsonObject()
                .put("requested", options.players())
                .put("loginFailed", logins.failed.get())
                .put("connected", connectedAtEnd)
                .put("failed", options.players() - connectedAtEnd)
                .put("neverJoined", metrics.connectFailed.get())
                .put("dropped", metrics.dropped.get()));
        result.put("joinMs", metrics.join.summary().toJson());
        Results.putClientMetrics(result, metrics, connectedAtEnd, windowSeconds);
        result.put("tickMs", tickJson(before, after, scrapeSeconds));
        result.put("processes", watch.toJson());
        JsonObject errors = metrics.errorsJson();
        logins.errors.forEach((code, count) -> errors.put(code, count.get()));
        result.put("errors", errors);
        return result;
    }

    private String status(String phase, long rampStart, BotMetrics metrics, ProcessWatch watch, int bots) {
        long elapsed = (System.nanoTime() - rampStart) / 1_000_000_000L;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[mmo] %s %3ds joined %d/%d",
                phase, elapsed, metrics.welcomed.get(), bots));
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
