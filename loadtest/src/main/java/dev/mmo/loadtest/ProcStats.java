package dev.mmo.loadtest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time and resident memory of processes, read from Linux's {@code /proc}. A "tree" is a process and all its
 * descendants (PostgreSQL's backends, the local stack's Kafka child).
 */
public final class ProcStats {

    /** Linux reports CPU times in clock ticks of {@code sysconf(_SC_CLK_TCK)}, which is 100 on every Linux ABI in use. */
    public static final long CLOCK_TICKS_PER_SECOND = 100;

    /**
     * One reading of a process (or a tree): CPU ticks used so far (user + system), resident bytes now, and how many
     * processes that was.
     */
    public record Reading(long cpuTicks, long rssBytes, int processes) {
        Reading(long cpuTicks, long rssBytes) {
            this(cpuTicks, rssBytes, 1);
        }

        Reading plus(Reading other) {
            return new Reading(cpuTicks + other.cpuTicks, rssBytes + other.rssBytes, processes + other.processes);
        }
    }

    /** The fields of {@code /proc/<pid>/stat} that matter here. */
    public record Stat(int pid, String command, int parentPid, long userTicks, long systemTicks) {
        public long cpuTicks() {
            return userTicks + systemTicks;
        }
    }

    private final Path proc;

    public ProcStats() {
        this(Path.of("/proc"));
    }

    public ProcStats(Path proc) {
        this.proc = proc;
    }

    /**
     * Parses one {@code /proc/<pid>/stat} line. The command sits in parentheses and may itself contain spaces and
     * parentheses, so the fields are counted from the <em>last</em> ')': after it come state (field 3), ppid (4),
     * ..., utime (14) and stime (15).
     */
    public static Stat parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        int pid = Integer.parseInt(line.substring(0, open).trim());
        String command = line.substring(open + 1, close);
        String[] rest = line.substring(close + 1).trim().split("\\s+");
        if (rest.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc stat line: " + line);
        }
        // rest[0] is field 3 (state), so field n is rest[n - 3]
        return new Stat(pid, command, Integer.parseInt(rest[1]), Long.parseLong(rest[11]), Long.parseLong(rest[12]));
    }

    /** The {@code VmRSS} line of {@code /proc/<pid>/status}, in bytes; empty if absent (a kernel thread, a zombie). */
    public static OptionalLong parseRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1] : "kB";
                return OptionalLong.of(
                        switch (unit) {
                            case "kB" -> value * 1024;
                            case "mB", "MB" -> value * 1024 * 1024;
                            default -> value;
                        });
            }
        }
        return OptionalLong.empty();
    }

    /** The process alone; empty when it is gone. */
    public java.util.Optional<Reading> read(long pid) {
        try {
            Stat stat = parseStat(Files.readString(proc.resolve(pid + "/stat")));
            long rss = parseRssBytes(Files.readString(proc.resolve(pid + "/status")))
                    .orElse(0);
            return java.util.Optional.of(new Reading(stat.cpuTicks(), rss));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The process and all its descendants, summed; empty when the process is gone. */
    public java.util.Optional<Reading> readTree(long pid) {
        java.util.Optional<Reading> root = read(pid);
        if (root.isEmpty()) {
            return root;
        }
        Reading sum = root.get();
        for (long child : descendants(pid)) {
            sum = sum.plus(read(child).orElse(new Reading(0, 0, 0)));
        }
        return java.util.Optional.of(sum);
    }

    /** Every live descendant of a process. */
    public List<Long> descendants(long pid) {
        List<Stat> all = new ArrayList<>();
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                try {
                    all.add(parseStat(Files.readString(entry.resolve("stat"))));
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        List<Long> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(pid));
        while (!frontier.isEmpty() && found.size() < 10_000) {
            List<Long> next = new ArrayList<>();
            for (Stat stat : all) {
                if (frontier.contains((long) stat.parentPid())) {
                    next.add((long) stat.pid());
                }
            }
            found.addAll(next);
            frontier = next;
        }
        return found;
    }

    /** The pid in a pid file (first line), if the file exists and holds one. */
    public static OptionalLong pidFrom(Path pidFile) {
        try {
            String first = Files.readString(pidFile).strip().split("\\s+")[0];
            return OptionalLong.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The machine's CPU time so far, all cores together, in clock ticks: busy (everything but idle and iowait), total. */
    public record MachineCpu(long busyTicks, long totalTicks) {}

    /**
     * The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal guest
     * guest_nice}. Guest time is already inside user and nice, so it is not added again.
     */
    public static MachineCpu parseMachineCpu(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] parts = first.trim().split("\\s+");
        if (parts.length < 5 || !parts[0].equals("cpu")) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + first);
        }
        long total = 0;
        long idle = 0;
        for (int i = 1; i < Math.min(parts.length, 9); i++) { // user .. steal
            long value = Long.parseLong(parts[i]);
            total += value;
            if (i == 4 || i == 5) { // idle, iowait
                idle += value;
            }
        }
        return new MachineCpu(total - idle, total);
    }

    /** Each core's line of {@code /proc/stat} ({@code cpu0 ...}, {@code cpu1 ...}), by core number. */
    public static java.util.Map<Integer, MachineCpu> parsePerCpu(String procStat) {
        java.util.Map<Integer, MachineCpu> cores = new java.util.TreeMap<>();
        procStat.lines().filter(line -> line.matches("cpu\\d+\\s.*")).forEach(line -> {
            String[] parts = line.trim().split("\\s+");
            int core = Integer.parseInt(parts[0].substring(3));
            cores.put(
                    core,
                    parseMachineCpu("cpu " + line.substring(parts[0].length()).trim()));
        });
        return cores;
    }

    /** Every core's CPU counters now; empty if unreadable. */
    public java.util.Map<Integer, MachineCpu> perCpu() {
        try {
            return parsePerCpu(Files.readString(proc.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return java.util.Map.of();
        }
    }

    /** The machine's CPU counters now; empty if unreadable. */
    public java.util.Optional<MachineCpu> machineCpu() {
        try {
            return java.util.Optional.of(parseMachineCpu(Files.readString(proc.resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The soft limit of open files in a {@code /proc/<pid>/limits} text; empty if absent, MAX_VALUE if unlimited. */
    public static OptionalLong parseOpenFilesLimit(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] parts =
                        line.substring("Max open files".length()).trim().split("\\s+");
                if (parts.length > 0) {
                    return OptionalLong.of(parts[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[0]));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The soft limit of open files of a process; empty if unreadable. */
    public OptionalLong openFilesLimit(long pid) {
        try {
            return parseOpenFilesLimit(Files.readString(proc.resolve(pid + "/limits")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The three load averages of {@code /proc/loadavg}, or nulls. */
    public double[] loadAverage() {
        try {
            String[] parts = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
            return new double[] {
                Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
            };
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }
}
