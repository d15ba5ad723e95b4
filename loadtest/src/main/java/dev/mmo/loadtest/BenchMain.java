package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./mmo bench}: runs the benchmark scenario against the running MMO stack (and with
 * {@code --compare colyseus} against a Colyseus room), prints the results side by side and writes them as JSON;
 * {@code --sweep} does so for several sizes and draws charts, {@code --chart} only draws them, {@code --faults}
 * injects faults under load. Exit status: 0 done, 1 a run could not be done, 2 bad arguments, 3 a hard deadline was
 * passed, 4 a run was VOID.
 */
public final class BenchMain {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_VOID = 4;

    private BenchMain() {}

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            boolean help = e.isHelp();
            (help ? System.out : System.err)
                    .println(
                            help
                                    ? e.getMessage()
                                    : "bench: " + e.getMessage() + "\n(./mmo bench --help lists the options)");
            System.exit(help ? 0 : EXIT_USAGE);
            return;
        }
        System.exit(run(options));
    }

    @SuppressWarnings("ClosingStandardOutputStreams") // Progress.close() ends its line and thread, never System.out
    private static int run(BenchOptions options) {
        if (options.chartOnly()) {
            return drawCharts(options.chartDir(), options.machineNote());
        }
        try (Progress progress = new Progress(System.out)) {
            if (options.prepareOnly()) {
                try {
                    MmoRun.prepareAccounts(options, progress, "[mmo]");
                    return 0;
                } catch (Exception e) {
                    progress.say("bench: " + e.getMessage());
                    return EXIT_FAILED;
                }
            }
            String pinProblem = pinGenerator(options, progress);
            if (pinProblem != null) {
                progress.say("bench: " + pinProblem);
                return EXIT_USAGE;
            }
            if (!options.faults().isEmpty()) {
                return faults(options, progress);
            }
            if (options.sweep() != null) {
                return sweep(options, progress);
            }
            List<JsonObject> runs = new ArrayList<>();
            int status = runSystems(options, progress, runs);
            if (runs.isEmpty()) {
                return status == 0 ? EXIT_FAILED : status;
            }
            return Math.max(status, writeDocument(runs, options.out(), progress));
        }
    }

    /**
     * Pins this tool (every thread it has; threads started later inherit it) to the generator's cores; a message
     * when the cores asked for are not there.
     */
    static String pinGenerator(BenchOptions options, Progress progress) {
        if (!options.pin()) {
            progress.say(
                    "bench: not pinned (--no-pin): servers and load generator share every core; not a fair comparison");
            return null;
        }
        Optional<CpuSet> online = CpuSet.online();
        if (online.isPresent()
                && !(online.get().containsAll(options.serverCpus())
                        && online.get().containsAll(options.generatorCpus()))) {
            return "this machine's cores are " + online.get() + "; --server-cpus " + options.serverCpus()
                    + " and --generator-cpus " + options.generatorCpus() + " must be among them (or --no-pin on a"
                    + " machine with one core)";
        }
        long self = ProcessHandle.current().pid();
        String failure = Pinning.taskset(options.generatorCpus().toString(), self);
        if (failure != null) {
            return "could not pin the load generator: " + failure;
        }
        int[] threads = Pinning.threadsOn(self, options.generatorCpus());
        progress.say("bench: load generator pinned to core " + options.generatorCpus() + " (" + threads[1] + " of "
                + threads[0] + " threads), server side to " + options.serverCpus());
        return null;
    }

    /** Each system in turn, back to back; the results in {@code runs}. */
    private static int runSystems(BenchOptions options, Progress progress, List<JsonObject> runs) {
        int status = 0;
        List<String> systems = options.systems();
        for (int i = 0; i < systems.size(); i++) {
            String system = systems.get(i);
            progress.say("== " + system + ": " + options.players() + " players, "
                    + (options.spread() ? "spread over the world" : "area " + (long) options.area()) + ", "
                    + options.seconds() + " s after a " + options.rampSeconds() + " s ramp");
            try {
                JsonObject run = system.equals("mmo")
                        ? new MmoRun(options, progress).run()
                        : new ColyseusRun(options, progress).run();
                if (options.machineNote() != null) {
                    run.getJsonObject("machine").put("note", options.machineNote());
                }
                runs.add(run);
            } catch (Exception e) {
                progress.say("bench: the " + system + " run failed: " + e);
                status = EXIT_FAILED;
            }
            if (i + 1 < systems.size()) {
                pause(5); // let the sockets of one system close before the next one starts
            }
        }
        return status;
    }

    /** Prints the table, writes the JSON; EXIT_VOID when a run was VOID, EXIT_FAILED when it cannot write. */
    private static int writeDocument(List<JsonObject> runs, Path out, Progress progress) {
        progress.say("");
        progress.say(Results.table(runs));
        int status = runs.stream().anyMatch(r -> r.getBoolean("void", false)) ? EXIT_VOID : 0;
        try {
            JsonObject document = new JsonObject().put("runs", new JsonArray(runs));
            if (runs.size() == 2) {
                document.put("ratios", ratios(runs.get(0), runs.get(1)));
            }
            Path absolute = out.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Files.writeString(absolute, document.encodePrettily() + "\n");
            progress.say("JSON: " + absolute);
        } catch (IOException e) {
            progress.say("bench: could not write " + out + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        return status;
    }

    /** Every size of the sweep with every system, each size's JSON in the chart folder, then the charts. */
    private static int sweep(BenchOptions options, Progress progress) {
        int status = 0;
        for (int size : options.sweep()) {
            BenchOptions one = options.withPlayers(size);
            List<JsonObject> runs = new ArrayList<>();
            status = Math.max(status, runSystems(one, progress, runs));
            if (!runs.isEmpty()) {
                status = Math.max(status, writeDocument(runs, options.chartDir().resolve(size + ".json"), progress));
            }
            pause(5);
        }
        return Math.max(status, drawCharts(options.chartDir(), options.machineNote()));
    }

    private static int drawCharts(Path dir, String note) {
        try {
            List<Path> written = Charts.draw(dir, note);
            written.forEach(path -> System.out.println("chart: " + path.toAbsolutePath()));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bench: could not draw the charts of " + dir + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int faults(BenchOptions options, Progress progress) {
        try {
            JsonObject result = new FaultRun(options, progress).run();
            if (options.machineNote() != null) {
                result.getJsonObject("machine").put("note", options.machineNote());
            }
            progress.say("");
            progress.say(FaultReport.table(result));
            Path out = options.out().toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.writeString(out, result.encodePrettily() + "\n");
            progress.say("JSON: " + out);
            return result.getBoolean("void", false) ? EXIT_VOID : 0;
        } catch (Exception e) {
            progress.say("bench: the fault run failed: " + e);
            return EXIT_FAILED;
        }
    }

    /** second ÷ first of the headline figures. */
    static JsonObject ratios(JsonObject first, JsonObject second) {
        JsonObject ratios = new JsonObject().put("of", second.getString("system") + " / " + first.getString("system"));
        String[][] figures = {
            {"players", "connected"},
            {"tickMs", "p99"},
            {"tickMs", "ticksPerSecond"},
            {"targetToMovesMs", "p50"},
            {"targetToMovesMs", "p99"},
            {"movesJitterMs", "p99"},
            {"perClient", "kBytesPerSecond"},
            {"perClient", "framesPerSecond"},
            {"fairness", "serverCpuPercentOfItsCores"}
        };
        for (String[] figure : figures) {
            Double a = number(first, figure);
            Double b = number(second, figure);
            if (a != null && b != null && a != 0) {
                ratios.put(figure[0] + "." + figure[1], LatencyStats.round(b / a));
            }
        }
        return ratios;
    }

    private static Double number(JsonObject run, String[] path) {
        JsonObject inner = run.getJsonObject(path[0]);
        return inner != null && inner.getValue(path[1]) instanceof Number n ? n.doubleValue() : null;
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
