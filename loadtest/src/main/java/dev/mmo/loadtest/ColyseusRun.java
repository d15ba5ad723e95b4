package dev.mmo.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The same scenario against Colyseus ({@code bench/colyseus}): starts its room server ({@code server.mjs}) and its
 * bot driver ({@code bots.mjs}, which speaks Colyseus's protocol through Colyseus's own client), both on the Node
 * ≥ 22 that the folder installs, watches their CPU and memory, fetches the room's tick times for the measured
 * window, and merges everything into the JSON shape of {@link MmoRun}.
 */
final class ColyseusRun {

    private final BenchOptions options;
    private final Progress progress;
    private final List<Process> started = new ArrayList<>();

    ColyseusRun(BenchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    JsonObject run() throws Exception {
        Path dir = options.colyseusDir().toAbsolutePath();
        Path node = dir.resolve("node_modules/.bin/node");
        if (!Files.isExecutable(node) || !Files.isDirectory(dir.resolve("node_modules/@colyseus/core"))) {
            throw new IOException(
                    "Colyseus is not installed in " + dir + "; run: (cd " + options.colyseusDir() + " && npm ci)");
        }
        Path work = options.out().toAbsolutePath().getParent().resolve("colyseus");
        Files.createDirectories(work);
        Thread cleanup = new Thread(this::stopAll);
        Runtime.getRuntime().addShutdownHook(cleanup);
        ProcessWatch watch = new ProcessWatch();
        double[] loadBefore = watch.loadAverage();
        Instant startedAt = Instant.now();
        // the MMO stack, idle now, must not take the server cores from Colyseus: it waits on the generator's
        Pinning idleStack = null;
        if (options.pin()) {
            idleStack = new Pinning();
            for (StackProcesses.Part part :
                    StackProcesses.discover(options.runDir()).parts()) {
                idleStack.pin(part.name(), part.pid(), part.tree(), options.generatorCpus());
            }
            if (!idleStack.pinned().isEmpty()) {
                progress.say("[colyseus] the idle MMO stack moved to the generator's core " + options.generatorCpus()
                        + " for this run");
            }
        }
        try {
            int statsPort = options.colyseusPort() + 1;
            List<String> serverCommand = new ArrayList<>(List.of(
                    node.toString(),
                    "server.mjs",
                    "--port",
                    Integer.toString(options.colyseusPort()),
                    "--stats-port",
                    Integer.toString(statsPort),
                    "--bounds",
                    Double.toString(options.bounds()),
                    "--area",
                    Double.toString(options.area())));
            if (options.spread()) {
                serverCommand.add("--spread");
            }
            Process server = new ProcessBuilder(pinned(serverCommand, options.serverCpus()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("server.log").toFile())
                    .start();
            started.add(server);
            waitReady(server, statsPort);
            watch.watch("colyseus server (node)", server.pid(), true);
            watch.watch("bench (load generator)", ProcessHandle.current().pid(), false);

            JsonObject config = new JsonObject()
                    .put("players", options.players())
                    .put("seconds", options.seconds())
                    .put("rampSeconds", options.rampSeconds())
                    .put("settleSeconds", options.settleSeconds())
                    .put("area", options.area())
                    .put("spread", options.spread())
                    .put("roam", options.roam())
                    .put("bounds", options.bounds())
                    .put("retargetSeconds", options.retargetSeconds())
                    .put("chatPerMinute", options.chatPerMinute())
                    .put("port", options.colyseusPort())
                    .put("workers", options.colyseusWorkers())
                    .put("decoders", options.decoders())
                    .put("seed", options.seed())
                    .put("prefix", options.prefix())
                    .put("firstBot", options.firstBot())
                    .put("tickRate", 20);
            Path configFile = work.resolve("run.json");
            Path resultFile = work.resolve("result.json");
            Files.writeString(configFile, config.encodePrettily());
            Files.deleteIfExists(resultFile);
            Watchdog watchdog = Watchdog.arm("colyseus run", options.hardDeadlineSeconds() + 40);
            Process bots = new ProcessBuilder(pinned(
                            List.of(
                                    node.toString(),
                                    "bots.mjs",
                                    "--config",
                                    configFile.toString(),
                                    "--out",
                                    resultFile.toString()),
                            options.generatorCpus()))
                    .directory(dir.toFile())
                    .redirectError(work.resolve("bots.err.log").toFile())
                    .start();
            started.add(bots);
            watch.watch("bench (node bot driver)", bots.pid(), true);

            long windowStart = 0;
            long windowEnd = 0;
            String[] status = {""};
            progress.show(() -> status[0] + cpu(watch));
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(bots.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("PROGRESS ")) {
                        status[0] = line.substring("PROGRESS ".length());
                    } else if (line.startsWith("WINDOW_START ")) {
                        windowStart = Long.parseLong(line.split(" ")[1]);
                        watch.startWindow();
                        progress.say("[colyseus] "
                                + line.split(" ", 3)[2].replace("joined", "").trim()
                                + " of " + options.players() + " bots joined after the ramp; measuring "
                                + options.seconds() + " s");
                        Thread.ofPlatform().daemon().start(() -> sampleUntilEnd(watch, bots));
                    } else if (line.startsWith("WINDOW_END ")) {
                        windowEnd = Long.parseLong(line.split(" ")[1]);
                        watch.endWindow();
                    } else if (!line.equals("DONE")) {
                        progress.say("[colyseus bots] " + line);
                    }
                }
            }
            if (!bots.waitFor(30, TimeUnit.SECONDS)) {
                bots.destroyForcibly();
            }
            progress.show(() -> "");
            watchdog.disarm();
            if (!Files.exists(resultFile)) {
                throw new IOException("the Colyseus bot driver wrote no result (exit " + bots.exitValue() + "); see "
                        + work.resolve("bots.err.log"));
            }
            JsonObject driver = new JsonObject(Files.readString(resultFile));
            JsonObject result = Results.common(
                    "colyseus",
                    options,
                    startedAt,
                    driver.getDouble("windowSeconds", 0.0),
                    loadBefore,
                    watch.loadAverage());
            for (String field : driver.fieldNames()) {
                if (!field.startsWith("window")) {
                    result.put(field, driver.getValue(field));
                }
            }
            result.put("tickMs", tickStats(statsPort, windowStart, windowEnd));
            result.put("processes", watch.toJson());
            double machineBusy = watch.machineBusyPercent();
            result.getJsonObject("machine")
                    .put("cpuBusyPercent", Double.isNaN(machineBusy) ? null : LatencyStats.round(machineBusy));
            result.getJsonObject("players").put("decoding", options.decoders());
            result.put(
                    "soak",
                    new JsonObject()
                            .put(
                                    "memorySlopeMbPerHour",
                                    new JsonObject()
                                            .put(
                                                    "colyseus server (node)",
                                                    watch.toJson()
                                                            .getJsonObject(0)
                                                            .getValue("rssSlopeMbPerHour"))));
            JsonObject pinning = null;
            if (options.pin()) {
                pinning = new JsonObject()
                        .put(
                                "parts",
                                new JsonObject()
                                        .put(
                                                "colyseus server (node)",
                                                "started under taskset -c " + options.serverCpus())
                                        .put(
                                                "bench (node bot driver)",
                                                "started under taskset -c " + options.generatorCpus())
                                        .put("idle MMO stack", "moved to " + options.generatorCpus() + " for this run"))
                        .put(
                                "failures",
                                new io.vertx.core.json.JsonArray(idleStack == null ? List.of() : idleStack.failures()));
            }
            Fairness.assess(result, watch, options.serverCpus(), options.generatorCpus(), pinning);
            return result;
        } finally {
            stopAll();
            if (idleStack != null) {
                idleStack.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** The command, started on these cores when pinning is on (taskset -c: the process and all its threads). */
    private List<String> pinned(List<String> command, CpuSet cpus) {
        if (!options.pin()) {
            return command;
        }
        List<String> withTaskset = new ArrayList<>(List.of("taskset", "-c", cpus.toString()));
        withTaskset.addAll(command);
        return withTaskset;
    }

    private static String cpu(ProcessWatch watch) {
        double server = watch.cpuPercentSoFar("colyseus server (node)");
        double driver = watch.cpuPercentSoFar("bench (node bot driver)");
        return Double.isNaN(server)
                ? ""
                : String.format(Locale.ROOT, " | cpu server %.0f%% bots %.0f%%", server, driver);
    }

    private static void sampleUntilEnd(ProcessWatch watch, Process bots) {
        while (bots.isAlive()) {
            watch.sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void waitReady(Process server, int statsPort) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (!server.isAlive()) {
                throw new IOException("the Colyseus server exited (" + server.exitValue() + "); see its log in "
                        + options.out().toAbsolutePath().getParent().resolve("colyseus/server.log"));
            }
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IOException("the Colyseus server was not ready within 30 s");
    }

    private static JsonObject tickStats(int statsPort, long from, long to) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + statsPort + "/stats?from=" + from + "&to=" + to))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new JsonObject(answer.body());
        } catch (IOException | RuntimeException e) {
            return new JsonObject().put("error", "Colyseus tick statistics not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JsonObject().put("error", "interrupted");
        }
    }

    private synchronized void stopAll() {
        for (Process process : started.reversed()) {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
        started.clear();
    }
}
