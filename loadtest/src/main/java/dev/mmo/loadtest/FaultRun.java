package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./mmo bench --faults ...}: the bots join and play as in a benchmark, but reconnect like the web client
 * when cut; then each fault is injected in turn, after {@code --fault-interval} seconds of steady play, and the run
 * waits until every player is back (at most {@code --recovery-timeout}) before the next. Per fault it reports what
 * the players went through ({@link FaultLedger}): how many were cut, how long until all were back, how far the
 * server put their actors from where they knew them to be, chat lines lost, and the close codes and errors they saw.
 */
final class FaultRun {

    /** A recovery is not declared before this long after the fault (the cuts must have been seen first). */
    private static final long SETTLE_AFTER_FAULT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final BenchOptions options;
    private final Progress progress;
    private final StackEndpoints endpoints;
    private final Instant startedAt = Instant.now();

    FaultRun(BenchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
        this.endpoints = new StackEndpoints(options);
    }

    JsonObject run() throws Exception {
        endpoints.requireUp();
        StackProcesses stack = StackProcesses.discover(options.runDir());
        ProcessWatch watch = MmoRun.watch(stack);
        double[] loadBefore = watch.loadAverage();
        FaultInjector injector = new FaultInjector(options, progress, endpoints);
        try (Pinning pinning = MmoRun.pinServers(stack, options, progress, "[faults]")) {
            MmoRun.Accounts accounts = MmoRun.prepareAccounts(options, progress, "[faults]");
            Watchdog watchdog = Watchdog.arm("fault run", options.hardDeadlineSeconds());
            long runStart = System.nanoTime();
            FaultLedger ledger = new FaultLedger(options.players(), runStart);
            try (BotFleet fleet = new BotFleet(options, accounts.list(), accounts.logins(), ledger)) {
                int population = join(fleet);
                watch.startWindow();
                fleet.metrics.startWindow(options.hardDeadlineSeconds());
                Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(watch));
                String[] phase = {"steady"};
                progress.show(() -> status(phase[0], fleet, ledger, population));
                JsonArray restarts = new JsonArray();
                for (Fault fault : options.faults()) {
                    phase[0] = "steady before " + fault.label();
                    Thread.sleep(options.faultIntervalSeconds() * 1000L);
                    phase[0] = fault.label();
                    FaultLedger.Phase current = ledger.begin(fault.label(), fault.description(), System.nanoTime());
                    FaultInjector.Injection injection;
                    try {
                        injection = injector.inject(fault, StackProcesses.discover(options.runDir()));
                    } catch (java.io.IOException e) {
                        // (a part that is not there: say so in its row and go on with the next fault)
                        injection = new FaultInjector.Injection("NOT injected: " + e.getMessage(), java.util.List.of());
                    }
                    current.how = injection.how();
                    for (String part : injection.restarted()) {
                        restarts.add(adopt(part, pinning, watch));
                    }
                    phase[0] = fault.label() + ": recovering";
                    boolean recovered = awaitRecovery(current, ledger, fleet, population);
                    progress.say(String.format(
                            Locale.ROOT,
                            "[faults] %s: %s; %d cut, %s",
                            fault.label(),
                            injection.how(),
                            current.cut.size(),
                            recovered
                                    ? "all back"
                                    : (current.cut.size() - current.backAt.size()) + " NOT back within "
                                            + options.recoveryTimeoutSeconds() + " s"));
                }
                phase[0] = "steady after the last fault";
                Thread.sleep(options.faultIntervalSeconds() * 1000L);
                long end = System.nanoTime();
                fleet.onEveryLoop(bot -> bot.settleChats(end, true));
                fleet.metrics.measuring = false;
                sampler.interrupt();
                watch.endWindow();
                int connectedAtEnd = fleet.metrics.welcomed.get();
                boolean closed = fleet.leave(Math.min(10, options.graceSeconds()));
                progress.show(() -> "");
                watchdog.disarm();
                JsonObject result = report(
                        fleet,
                        accounts,
                        ledger,
                        runStart,
                        population,
                        connectedAtEnd,
                        closed,
                        watch,
                        loadBefore,
                        (end - runStart) / 1e9);
                result.put("restarted", restarts);
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

    /** The ramp and the settling; how many bots are in to begin with. */
    private int join(BotFleet fleet) throws InterruptedException {
        long rampStart = System.nanoTime();
        progress.show(() -> String.format(
                Locale.ROOT,
                "[faults] ramp %ds joined %d/%d (joining %d)",
                (System.nanoTime() - rampStart) / 1_000_000_000L,
                fleet.metrics.welcomed.get(),
                fleet.bots.size(),
                fleet.metrics.joining.get()));
        BotFleet.Ramp ramp = fleet.ramp(rampStart);
        fleet.awaitLastJoins();
        Thread.sleep(options.settleSeconds() * 1000L);
        int population = fleet.metrics.welcomed.get();
        progress.say(String.format(
                Locale.ROOT,
                "[faults] %d of %d bots in after a %.0f s ramp and %d s settling; faults: %s",
                population,
                options.players(),
                ramp.seconds(),
                options.settleSeconds(),
                String.join(", ", options.faults().stream().map(Fault::label).toList())));
        return population;
    }

    /**
     * Waits until everyone cut by this fault is back and at least as many players are in as before it, but not
     * before a few seconds have passed (so that the cuts have been seen), and at most --recovery-timeout.
     */
    private boolean awaitRecovery(FaultLedger.Phase phase, FaultLedger ledger, BotFleet fleet, int population)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.recoveryTimeoutSeconds());
        long notBefore = System.nanoTime() + SETTLE_AFTER_FAULT_NANOS;
        while (System.nanoTime() < until) {
            boolean allBack = phase.backAt.size() == phase.cut.size()
                    && ledger.out() == 0
                    && fleet.metrics.welcomed.get() >= population;
            if (allBack && System.nanoTime() >= notBefore) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** A part the tool restarted: pin it like the rest and watch it under a name of its own. */
    private JsonObject adopt(String part, Pinning pinning, ProcessWatch watch) {
        StackProcesses now = StackProcesses.discover(options.runDir());
        JsonObject json = new JsonObject().put("part", part);
        now.part(part).ifPresent(p -> {
            json.put("pid", p.pid());
            if (pinning != null) {
                pinning.pin(
                        p.name(),
                        p.pid(),
                        p.tree(),
                        options.serverCpus(),
                        CpuSet.online().map(CpuSet::toString).orElse(null));
            }
            watch.watch(p.name() + " (restarted, pid " + p.pid() + ")", p.pid(), p.tree());
        });
        return json;
    }

    private static void sample(ProcessWatch watch) {
        while (!Thread.currentThread().isInterrupted()) {
            watch.sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String status(String phase, BotFleet fleet, FaultLedger ledger, int population) {
        FaultLedger.Phase current = ledger.current();
        return String.format(
                Locale.ROOT,
                "[faults] %s | in %d/%d, out %d | this fault: cut %d, back %d | errors %d",
                phase,
                fleet.metrics.welcomed.get(),
                population,
                ledger.out(),
                current.cut.size(),
                current.backAt.size(),
                fleet.metrics.errorCount());
    }

    private JsonObject report(
            BotFleet fleet,
            MmoRun.Accounts accounts,
            FaultLedger ledger,
            long runStart,
            int population,
            int connectedAtEnd,
            boolean closedCleanly,
            ProcessWatch watch,
            double[] loadBefore,
            double seconds) {
        JsonObject result = Results.common("mmo", options, startedAt, seconds, loadBefore, watch.loadAverage());
        result.put("kind", "faults");
        result.getJsonObject("scenario")
                .put(
                        "faults",
                        new JsonArray(
                                options.faults().stream().map(Fault::label).toList()))
                .put("faultSeconds", options.faultSeconds())
                .put("faultIntervalSeconds", options.faultIntervalSeconds())
                .put("recoveryTimeoutSeconds", options.recoveryTimeoutSeconds());
        result.put(
                "players",
                new JsonObject()
                        .put("requested", options.players())
                        .put("loginFailed", accounts.logins().failed.get())
                        .put("inBeforeTheFaults", population)
                        .put("connectedAtEnd", connectedAtEnd)
                        .put("cuts", fleet.metrics.dropped.get())
                        .put("rejoins", fleet.metrics.rejoined.get())
                        .put("reLogins", accounts.logins().refreshed.get())
                        .put("closedCleanly", closedCleanly));
        result.put("faults", new JsonArray(ledger.toJson(runStart)));
        result.put("processes", watch.toJson());
        result.put("soak", Results.soak(watch, fleet.metrics));
        double machineBusy = watch.machineBusyPercent();
        result.getJsonObject("machine")
                .put("cpuBusyPercent", Double.isNaN(machineBusy) ? null : LatencyStats.round(machineBusy));
        JsonObject errors = fleet.metrics.errorsJson();
        accounts.logins().errors.forEach((code, count) -> errors.put(code, count.get()));
        result.put("errors", errors);
        return result;
    }
}
