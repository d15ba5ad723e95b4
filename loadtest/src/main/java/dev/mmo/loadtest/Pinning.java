package dev.mmo.loadtest;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pins processes to cores with {@code taskset -a -p -c <cores> <pid>} (every thread of the process; threads and
 * children started later inherit the affinity), checks that every thread took it, and on {@link #close()} gives
 * each process the cores it had before. A process tree (PostgreSQL's postmaster and backends, Kafka's launcher and
 * broker) is pinned process by process.
 */
final class Pinning implements AutoCloseable {

    /** A pinned process: what it had before, and how many of its threads now run on the cores asked for. */
    record Pinned(String part, long pid, String before, int threads, int threadsOnCores) {}

    private final List<Pinned> pinned = new ArrayList<>();
    /** Trees pinned: their root and the cores it had, so that children started meanwhile get them back too. */
    private final List<Pinned> trees = new ArrayList<>();

    private final List<String> failures = new ArrayList<>();
    private final ProcStats proc = new ProcStats();

    /** Pins a process (and with {@code tree} every descendant) to {@code cpus}. */
    void pin(String part, long pid, boolean tree, CpuSet cpus) {
        pin(part, pid, tree, cpus, null);
    }

    /**
     * The same, for a process that was started on these cores already (a part the tool restarted): {@code restoreTo}
     * is what it gets on {@link #close()} instead of what it has now (null: what it has now).
     */
    void pin(String part, long pid, boolean tree, CpuSet cpus, String restoreTo) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        if (tree) {
            pids.addAll(proc.descendants(pid));
        }
        for (long each : pids) {
            Optional<String> before = allowedCores(each);
            if (before.isEmpty()) {
                continue; // gone meanwhile
            }
            if (restoreTo != null) {
                before = Optional.of(restoreTo);
            }
            String failure = taskset(cpus.toString(), each);
            if (failure != null) {
                failures.add(part + " (pid " + each + "): " + failure);
                continue;
            }
            int[] threads = threadsOn(each, cpus);
            Pinned done = new Pinned(part, each, before.get(), threads[0], threads[1]);
            pinned.add(done);
            if (tree && each == pid) {
                trees.add(done);
            }
            if (threads[1] < threads[0]) {
                failures.add(part + " (pid " + each + "): " + (threads[0] - threads[1]) + " of " + threads[0]
                        + " threads not on " + cpus);
            }
        }
    }

    List<Pinned> pinned() {
        return List.copyOf(pinned);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Runs taskset; null when it worked, else what went wrong. */
    static String taskset(String cpus, long pid) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(taskset.getInputStream().readAllBytes(), UTF_8).strip();
            if (!taskset.waitFor(10, TimeUnit.SECONDS)) {
                taskset.destroyForcibly();
                return "taskset did not finish";
            }
            return taskset.exitValue() == 0 ? null : "taskset failed: " + output;
        } catch (IOException e) {
            return "cannot run taskset (util-linux): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The {@code Cpus_allowed_list} of a process (its main thread). */
    static Optional<String> allowedCores(long pid) {
        return allowedCores(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static Optional<String> allowedCores(Path status) {
        try {
            return Files.readAllLines(status).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> l.substring("Cpus_allowed_list:".length()).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {threads of the process, threads whose allowed cores are exactly {@code cpus}}. */
    static int[] threadsOn(long pid, CpuSet cpus) {
        int all = 0;
        int on = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                Optional<String> allowed = allowedCores(task.resolve("status"));
                if (allowed.isEmpty()) {
                    continue;
                }
                all++;
                try {
                    if (CpuSet.parse(allowed.get()).equals(cpus)) {
                        on++;
                    }
                } catch (IllegalArgumentException e) {
                    // unreadable: not on
                }
            }
        } catch (IOException e) {
            return new int[] {0, 0};
        }
        return new int[] {all, on};
    }

    /** What was pinned, per part: processes, threads, threads on the cores, and any failure. */
    JsonObject toJson() {
        JsonObject parts = new JsonObject();
        for (Pinned p : pinned) {
            JsonObject part = parts.getJsonObject(p.part());
            if (part == null) {
                part = new JsonObject()
                        .put("processes", 0)
                        .put("threads", 0)
                        .put("threadsOnCores", 0)
                        .put("coresBefore", p.before());
                parts.put(p.part(), part);
            }
            part.put("processes", part.getInteger("processes") + 1)
                    .put("threads", part.getInteger("threads") + p.threads())
                    .put("threadsOnCores", part.getInteger("threadsOnCores") + p.threadsOnCores());
        }
        return new JsonObject().put("parts", parts).put("failures", new JsonArray(failures()));
    }

    /** Gives every pinned process that still runs the cores it had before. */
    @Override
    public void close() {
        for (Pinned p : pinned) {
            if (ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                taskset(p.before(), p.pid());
            }
        }
        for (Pinned root : trees) {
            for (long child : proc.descendants(root.pid())) {
                taskset(root.before(), child); // backends the postmaster started while pinned
            }
        }
        pinned.clear();
        trees.clear();
    }
}
