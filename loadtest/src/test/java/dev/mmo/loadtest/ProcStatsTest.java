package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatsTest {

    private static String stat(int pid, String command, int parent, long user, long system) {
        return pid + " (" + command + ") S " + parent + " 100 100 0 -1 4194560 20000 0 0 0 " + user + " " + system
                + " 0 0 20 0 30 0 1234 9000000000 50000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    }

    @Test
    void parsesAStatLineEvenWhenTheCommandHasSpacesAndParentheses() {
        ProcStats.Stat stat = ProcStats.parseStat(stat(4242, "java (world) x", 1, 1500, 250));
        assertEquals(4242, stat.pid());
        assertEquals("java (world) x", stat.command());
        assertEquals(1, stat.parentPid());
        assertEquals(1500, stat.userTicks());
        assertEquals(250, stat.systemTicks());
        assertEquals(1750, stat.cpuTicks());
        assertThrows(IllegalArgumentException.class, () -> ProcStats.parseStat("garbage"));
    }

    @Test
    void parsesTheResidentSize() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  204800 kB\nThreads:\t40\n";
        assertEquals(204800L * 1024, ProcStats.parseRssBytes(status).getAsLong());
        assertTrue(ProcStats.parseRssBytes("Name:\tkworker\n").isEmpty());
    }

    @Test
    void sumsAProcessTree(@TempDir Path proc) throws Exception {
        write(proc, 10, stat(10, "postgres", 1, 100, 10), 1000);
        write(proc, 11, stat(11, "postgres: writer", 10, 5, 5), 200);
        write(proc, 12, stat(12, "postgres: backend", 10, 20, 0), 300);
        write(proc, 13, stat(13, "postgres: worker", 12, 1, 1), 100);
        write(proc, 99, stat(99, "other", 1, 1000, 1000), 5000);
        ProcStats stats = new ProcStats(proc);
        assertEquals(
                List.of(11L, 12L, 13L), stats.descendants(10).stream().sorted().toList());
        ProcStats.Reading tree = stats.readTree(10).orElseThrow();
        assertEquals(110 + 10 + 20 + 2, tree.cpuTicks());
        assertEquals((1000 + 200 + 300 + 100) * 1024L, tree.rssBytes());
        assertEquals(110, stats.read(10).orElseThrow().cpuTicks());
        assertTrue(stats.read(12345).isEmpty());
    }

    @Test
    void readsPidFilesAndTheLoadAverage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("world-service.pid"), "4242\n");
        Files.writeString(dir.resolve("postmaster.pid"), "777\n/data\n1700000000\n");
        Files.writeString(dir.resolve("empty.pid"), "");
        assertEquals(4242, ProcStats.pidFrom(dir.resolve("world-service.pid")).getAsLong());
        assertEquals(777, ProcStats.pidFrom(dir.resolve("postmaster.pid")).getAsLong());
        assertTrue(ProcStats.pidFrom(dir.resolve("empty.pid")).isEmpty());
        assertTrue(ProcStats.pidFrom(dir.resolve("missing.pid")).isEmpty());
        Files.writeString(dir.resolve("loadavg"), "1.50 2.25 3.00 2/300 12345\n");
        double[] load = new ProcStats(dir).loadAverage();
        assertEquals(1.5, load[0]);
        assertEquals(3.0, load[2]);
    }

    @Test
    void readsTheMachinesCpuAndTheOpenFilesLimit(@TempDir Path proc) throws Exception {
        ProcStats.MachineCpu cpu =
                ProcStats.parseMachineCpu("cpu  100 5 50 800 40 3 2 0 7 0\ncpu0 50 2 25 400 20 1 1 0 0 0\nintr 1\n");
        assertEquals(100 + 5 + 50 + 800 + 40 + 3 + 2, cpu.totalTicks(), "guest is inside user already");
        assertEquals(100 + 5 + 50 + 3 + 2, cpu.busyTicks(), "idle and iowait are not busy");
        assertThrows(IllegalArgumentException.class, () -> ProcStats.parseMachineCpu("intr 1\n"));
        Files.writeString(proc.resolve("stat"), "cpu  10 0 10 80 0 0 0 0 0 0\n");
        assertEquals(20, new ProcStats(proc).machineCpu().orElseThrow().busyTicks());

        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            20000                20000                files
                Max locked memory         8388608              8388608              bytes
                """;
        assertEquals(20000, ProcStats.parseOpenFilesLimit(limits).getAsLong());
        assertEquals(
                Long.MAX_VALUE,
                ProcStats.parseOpenFilesLimit(
                                "Max open files            unlimited            unlimited            files\n")
                        .getAsLong());
        assertTrue(ProcStats.parseOpenFilesLimit("Max cpu time unlimited\n").isEmpty());
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/limits"), limits);
        assertEquals(20000, new ProcStats(proc).openFilesLimit(42).getAsLong());
        assertTrue(new ProcStats(proc).openFilesLimit(43).isEmpty());
    }

    @Test
    void readsEachCoresCounters() {
        var cores = ProcStats.parsePerCpu("""
                                          cpu  100 5 50 800 40 3 2 0 7 0
                                          cpu0 50 2 25 400 20 1 1 0 0 0
                                          cpu1 50 3 25 400 20 2 1 0 7 0
                                          intr 1
                                          """);
        assertEquals(2, cores.size());
        assertEquals(50 + 2 + 25 + 1 + 1, cores.get(0).busyTicks());
        assertEquals(50 + 3 + 25 + 400 + 20 + 2 + 1, cores.get(1).totalTicks());
    }

    private static void write(Path proc, int pid, String stat, long rssKb) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat);
        Files.writeString(dir.resolve("status"), "Name:\tx\nVmRSS:\t" + rssKb + " kB\n");
    }
}
