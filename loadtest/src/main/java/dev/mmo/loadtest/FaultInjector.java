package dev.mmo.loadtest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Does to the stack what a {@link Fault} says: kill -9 of a service (then, unless a standby world is there to take
 * over, {@code ./mmo bench restart <part>} to bring it back, as an operator's supervisor would), or SIGSTOP of
 * PostgreSQL (postmaster and every backend) or of the Kafka broker for a while, then SIGCONT. Whatever it stopped
 * is continued again even if the tool is cut short (a shutdown hook).
 */
final class FaultInjector {

    /** What was done, in words for the report, and the parts that now run under a new pid. */
    record Injection(String how, List<String> restarted) {}

    /** world-service's gauge: 1 on the owner of the world, 0 on a standby. */
    static final String OWNER_GAUGE = "mmo_world_owner";

    private final BenchOptions options;
    private final Progress progress;
    private final StackEndpoints endpoints;
    /** Processes stopped now; continued by the shutdown hook if the tool ends before it continues them. */
    private final Set<Long> stopped = Collections.synchronizedSet(new LinkedHashSet<>());

    FaultInjector(BenchOptions options, Progress progress, StackEndpoints endpoints) {
        this.options = options;
        this.progress = progress;
        this.endpoints = endpoints;
        Runtime.getRuntime().addShutdownHook(new Thread(this::continueAll, "bench-continue-stopped"));
    }

    Injection inject(Fault fault, StackProcesses stack) throws IOException, InterruptedException {
        return switch (fault) {
            case KILL_WORLD -> killWorld(stack);
            case KILL_GATEWAY -> killAndRestart(required(stack.service(StackProcesses.Kind.GATEWAY), "gateway"));
            case KILL_CHAT -> killAndRestart(required(stack.service(StackProcesses.Kind.CHAT), "chat-service"));
            case HANG_POSTGRES -> {
                StackProcesses.Part postgres = required(stack.part(StackProcesses.POSTGRES), "PostgreSQL");
                List<Long> pids = new ArrayList<>(List.of(postgres.pid()));
                pids.addAll(new ProcStats().descendants(postgres.pid()));
                yield hold(
                        "PostgreSQL (postmaster " + postgres.pid() + " and " + (pids.size() - 1) + " children)", pids);
            }
            case STOP_KAFKA -> {
                long broker = stack.kafkaBroker()
                        .orElseThrow(() -> new IOException("no Kafka broker runs"
                                + " (the local stack's KafkaBrokerProcess child of .mmo/run/stack.pid)"));
                yield hold("the Kafka broker (pid " + broker + ")", List.of(broker));
            }
        };
    }

    private static StackProcesses.Part required(Optional<StackProcesses.Part> part, String what) throws IOException {
        return part.orElseThrow(() -> new IOException("no " + what + " runs (nothing in .mmo/run for it)"));
    }

    private Injection killWorld(StackProcesses stack) throws IOException, InterruptedException {
        List<StackProcesses.Part> worlds = stack.services(StackProcesses.Kind.WORLD);
        if (worlds.isEmpty()) {
            throw new IOException("no world-service runs");
        }
        if (worlds.size() == 1) {
            return killAndRestart(worlds.getFirst());
        }
        StackProcesses.Part active = activeWorld(worlds);
        kill(active);
        List<String> standbys = worlds.stream()
                .filter(w -> !w.equals(active))
                .map(StackProcesses.Part::name)
                .toList();
        return new Injection(
                "killed " + active.name() + " (pid " + active.pid() + ", the active one of " + worlds.size()
                        + "); left the standby " + String.join(", ", standbys) + " to take over",
                List.of());
    }

    /**
     * Of several world-services, the owner: the one whose {@code mmo_world_owner} gauge is 1, or, where a world has
     * no such gauge, whose tick advances (a standby does not run the world).
     */
    StackProcesses.Part activeWorld(List<StackProcesses.Part> worlds) throws InterruptedException {
        for (StackProcesses.Part world : worlds) {
            for (int port : ListeningPorts.of(world.pid())) {
                URI metrics = URI.create("http://127.0.0.1:" + port + "/q/metrics");
                PromMetrics scrape = endpoints.scrape(metrics);
                OptionalDouble owner = scrape == null ? OptionalDouble.empty() : scrape.value(OWNER_GAUGE);
                if (owner.isPresent()) {
                    if (owner.getAsDouble() == 1) {
                        return world;
                    }
                    continue;
                }
                OptionalDouble first = tick(metrics);
                if (first.isEmpty()) {
                    continue;
                }
                Thread.sleep(300);
                OptionalDouble second = tick(metrics);
                if (second.isPresent() && second.getAsDouble() > first.getAsDouble()) {
                    return world;
                }
            }
        }
        progress.say("[faults] could not tell which world-service is active from their metrics; taking "
                + worlds.getFirst().name());
        return worlds.getFirst();
    }

    private OptionalDouble tick(URI metrics) {
        PromMetrics scrape = endpoints.scrape(metrics);
        return scrape == null ? OptionalDouble.empty() : scrape.value(MmoRun.TICK_GAUGE);
    }

    private Injection killAndRestart(StackProcesses.Part part) throws IOException, InterruptedException {
        kill(part);
        long start = System.nanoTime();
        String failure = restart(part.name());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure != null) {
            return new Injection(
                    String.format(
                            Locale.ROOT,
                            "killed %s (pid %d); restarting it FAILED after %.1f s: %s",
                            part.name(),
                            part.pid(),
                            seconds,
                            failure),
                    List.of());
        }
        return new Injection(
                String.format(
                        Locale.ROOT,
                        "killed %s (pid %d); restarted by the tool (ready after %.1f s)",
                        part.name(),
                        part.pid(),
                        seconds),
                List.of(part.name()));
    }

    /** kill -9, and waits until the process is gone (so its port is free for the restart). */
    private void kill(StackProcesses.Part part) throws IOException, InterruptedException {
        ProcessHandle handle = ProcessHandle.of(part.pid())
                .orElseThrow(() -> new IOException(part.name() + " (pid " + part.pid() + ") is not running"));
        progress.say("[faults] kill -9 " + part.name() + " (pid " + part.pid() + ")");
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(part.name() + " did not die within 10 s of SIGKILL");
        }
    }

    /**
     * {@code ./mmo bench restart <part>}, on the server's cores when pinning; null when it is ready, else why not.
     * Its output goes to .mmo/logs/bench-restart-<part>.log.
     */
    private String restart(String part) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (options.pin()) {
            command.addAll(List.of("taskset", "-c", options.serverCpus().toString()));
        }
        command.addAll(List.of(options.mmoScript().toString(), "bench", "restart", part));
        Path log = options.runDir().toAbsolutePath().getParent().resolve("logs/bench-restart-" + part + ".log");
        Files.createDirectories(log.getParent());
        progress.say("[faults] restarting " + part + ": " + String.join(" ", command));
        Process restart = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!restart.waitFor(240, TimeUnit.SECONDS)) {
            restart.destroyForcibly();
            return "not ready within 240 s (see " + log + ")";
        }
        return restart.exitValue() == 0 ? null : "exit " + restart.exitValue() + " (see " + log + ")";
    }

    /** SIGSTOP of the processes for --fault-seconds, then SIGCONT. */
    private Injection hold(String what, List<Long> pids) throws IOException, InterruptedException {
        progress.say("[faults] SIGSTOP " + what + " for " + options.faultSeconds() + " s");
        stopped.addAll(pids);
        try {
            signal("STOP", pids);
            Thread.sleep(options.faultSeconds() * 1000L);
        } finally {
            signal("CONT", pids);
            stopped.removeAll(pids);
        }
        progress.say("[faults] SIGCONT " + what);
        return new Injection("SIGSTOP of " + what + " for " + options.faultSeconds() + " s, then SIGCONT", List.of());
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), UTF_8).strip();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pids + " failed: " + output);
        }
    }

    private void continueAll() {
        List<Long> left;
        synchronized (stopped) {
            left = new ArrayList<>(stopped);
        }
        try {
            signal("CONT", left);
        } catch (IOException | InterruptedException e) {
            System.err.println("bench: could not continue stopped processes " + left + ": " + e.getMessage()
                    + " (kill -CONT them by hand)");
        }
    }
}
