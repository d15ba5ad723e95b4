package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and memory of the processes a run involves, over the measured window: CPU as a share of one core
 * (100 % = one core busy the whole window, whatever the machine has) and the largest
 * resident size seen. Sampled once a second by the run's progress timer.
 */
final class ProcessWatch {

    private record Tracked(long pid, boolean tree) {}

    private static final class Window {
        ProcStats.Reading first;
        long firstNanos;
        ProcStats.Reading last;
        long lastNanos;
        long maxRss;
        int fewestProcesses = Integer.MAX_VALUE;
        int mostProcesses;
        /** Resident bytes at each sample and when (seconds into the window): the memory slope of a soak. */
        final java.util.List<double[]> rss = new java.util.ArrayList<>();
    }

    /** The machine's CPU counters at the window's first and last sample, all cores and each core. */
    private ProcStats.MachineCpu machineFirst;

    private ProcStats.MachineCpu machineLast;
    private Map<Integer, ProcStats.MachineCpu> coresFirst = Map.of();
    private Map<Integer, ProcStats.MachineCpu> coresLast = Map.of();
    private long windowStartNanos;
    /** Resident bytes of each process before the bots connected ({@link #baseline}). */
    private final Map<String, Long> baselineRss = new LinkedHashMap<>();

    private final ProcStats proc;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private final Map<String, Window> windows = new LinkedHashMap<>();
    private boolean measuring;

    ProcessWatch() {
        this(new ProcStats());
    }

    /** Reading another {@code /proc} (tests). */
    ProcessWatch(ProcStats proc) {
        this.proc = proc;
    }

    /** Watch a process; with {@code tree}, it and its descendants summed. */
    synchronized void watch(String name, long pid, boolean tree) {
        tracked.put(name, new Tracked(pid, tree));
    }

    /** Reads every process's resident size now, before the bots connect: what it needs without players. */
    synchronized void baseline() {
        baselineRss.clear();
        for (Map.Entry<String, Tracked> entry : tracked.entrySet()) {
            Tracked t = entry.getValue();
            Optional<ProcStats.Reading> reading = t.tree() ? proc.readTree(t.pid()) : proc.read(t.pid());
            reading.ifPresent(r -> baselineRss.put(entry.getKey(), r.rssBytes()));
        }
    }

    synchronized void startWindow() {
        windows.clear();
        machineFirst = machineLast = null;
        coresFirst = coresLast = Map.of();
        windowStartNanos = System.nanoTime();
        measuring = true;
        sample();
    }

    synchronized void endWindow() {
        sample();
        measuring = false;
    }

    /** Called about once a second. */
    synchronized void sample() {
        if (!measuring) {
            return;
        }
        long now = System.nanoTime();
        proc.machineCpu().ifPresent(cpu -> {
            if (machineFirst == null) {
                machineFirst = cpu;
            }
            machineLast = cpu;
        });
        Map<Integer, ProcStats.MachineCpu> cores = proc.perCpu();
        if (!cores.isEmpty()) {
            if (coresFirst.isEmpty()) {
                coresFirst = cores;
            }
            coresLast = cores;
        }
        for (Map.Entry<String, Tracked> entry : tracked.entrySet()) {
            Tracked t = entry.getValue();
            Optional<ProcStats.Reading> reading = t.tree() ? proc.readTree(t.pid()) : proc.read(t.pid());
            if (reading.isEmpty()) {
                continue;
            }
            Window window = windows.computeIfAbsent(entry.getKey(), k -> new Window());
            if (window.first == null) {
                window.first = reading.get();
                window.firstNanos = now;
            }
            window.last = reading.get();
            window.lastNanos = now;
            window.maxRss = Math.max(window.maxRss, reading.get().rssBytes());
            window.rss.add(
                    new double[] {(now - windowStartNanos) / 1e9, reading.get().rssBytes()});
            window.fewestProcesses =
                    Math.min(window.fewestProcesses, reading.get().processes());
            window.mostProcesses = Math.max(window.mostProcesses, reading.get().processes());
        }
    }

    /**
     * How busy these cores were over the window (everything that ran on them, not only this benchmark), in % of
     * their capacity; NaN if unknown.
     */
    synchronized double coresBusyPercent(CpuSet cpus) {
        long busy = 0;
        long total = 0;
        for (int core : cpus.toArray()) {
            ProcStats.MachineCpu first = coresFirst.get(core);
            ProcStats.MachineCpu last = coresLast.get(core);
            if (first == null || last == null) {
                return Double.NaN;
            }
            busy += last.busyTicks() - first.busyTicks();
            total += last.totalTicks() - first.totalTicks();
        }
        return total <= 0 ? Double.NaN : 100.0 * busy / total;
    }

    /**
     * The least-squares slope of a process's resident memory over the window, in MB per hour; NaN if unknown, or for
     * a tree whose processes came and went (PostgreSQL's backends: a backend that ends takes its share of the shared
     * buffers out of the sum, which says nothing about a leak).
     */
    synchronized double rssSlopeMbPerHour(String name) {
        Window window = windows.get(name);
        if (window == null || window.rss.size() < 3 || window.fewestProcesses != window.mostProcesses) {
            return Double.NaN;
        }
        double[] seconds = window.rss.stream().mapToDouble(p -> p[0]).toArray();
        double[] bytes = window.rss.stream().mapToDouble(p -> p[1]).toArray();
        return Trend.megabytesPerHour(seconds, bytes);
    }

    /** The latest CPU share of one process since the window began, for the progress line; NaN if unknown. */
    synchronized double cpuPercentSoFar(String name) {
        Window window = windows.get(name);
        return window == null ? Double.NaN : cpuPercent(window);
    }

    private static double cpuPercent(Window window) {
        double seconds = (window.lastNanos - window.firstNanos) / 1e9;
        if (window.first == null || seconds < 0.5) {
            return Double.NaN;
        }
        double cpuSeconds =
                (window.last.cpuTicks() - window.first.cpuTicks()) / (double) ProcStats.CLOCK_TICKS_PER_SECOND;
        return 100 * cpuSeconds / seconds;
    }

    /**
     * How busy the whole machine was over the window (everything on it, not only this benchmark), in % of all its
     * cores; NaN if unknown.
     */
    synchronized double machineBusyPercent() {
        if (machineFirst == null || machineLast == null || machineLast.totalTicks() <= machineFirst.totalTicks()) {
            return Double.NaN;
        }
        return 100.0
                * (machineLast.busyTicks() - machineFirst.busyTicks())
                / (machineLast.totalTicks() - machineFirst.totalTicks());
    }

    /** The largest resident size of a process in the window, in bytes; -1 if unknown. */
    synchronized long peakRss(String name) {
        Window window = windows.get(name);
        return window == null ? -1 : window.maxRss;
    }

    /** The resident size of a process at the window's last sample, in bytes; -1 if unknown. */
    synchronized long endRss(String name) {
        Window window = windows.get(name);
        return window == null || window.last == null ? -1 : window.last.rssBytes();
    }

    /** The resident size of a process before the bots connected, in bytes; -1 if unknown. */
    synchronized long baselineRss(String name) {
        return baselineRss.getOrDefault(name, -1L);
    }

    synchronized JsonArray toJson() {
        JsonArray list = new JsonArray();
        for (Map.Entry<String, Tracked> entry : tracked.entrySet()) {
            Window window = windows.get(entry.getKey());
            JsonObject json = new JsonObject()
                    .put("name", entry.getKey())
                    .put("pid", entry.getValue().pid());
            if (window == null) {
                json.put("cpuPercent", (Object) null).put("rssMb", (Object) null);
            } else {
                double cpu = cpuPercent(window);
                double slope = rssSlopeMbPerHour(entry.getKey());
                json.put("cpuPercent", Double.isNaN(cpu) ? null : Math.round(cpu * 10) / 10.0)
                        .put("rssMb", Math.round(window.maxRss / 1024.0 / 1024.0))
                        .put(
                                "rssEndMb",
                                window.last == null ? null : Math.round(window.last.rssBytes() / 1024.0 / 1024.0))
                        .put("rssSlopeMbPerHour", Double.isNaN(slope) ? null : LatencyStats.round(slope));
            }
            Long before = baselineRss.get(entry.getKey());
            json.put("rssBeforeRampMb", before == null ? null : Math.round(before / 1024.0 / 1024.0));
            list.add(json);
        }
        return list;
    }

    double[] loadAverage() {
        return proc.loadAverage();
    }
}
