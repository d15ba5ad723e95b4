package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessWatchTest {

    private static void process(Path proc, int pid, int parent, long rssKb) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(
                dir.resolve("stat"),
                pid + " (p) S " + parent
                        + " 1 1 0 -1 0 0 0 0 0 10 10 0 0 20 0 1 0 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tp\nVmRSS:\t" + rssKb + " kB\n");
    }

    @Test
    void aMemorySlopeIsTheGrowthOfTheResidentSizeOverTheWindow(@TempDir Path proc) throws Exception {
        ProcessWatch watch = new ProcessWatch(new ProcStats(proc));
        watch.watch("gateway", 10, false);
        watch.watch("postgres", 20, true);
        process(proc, 10, 1, 100_000);
        process(proc, 20, 1, 50_000);
        process(proc, 21, 20, 10_000);
        watch.startWindow(); // (the samples' times are the real clock's; the slope only needs them to differ)
        for (int i = 0; i < 3; i++) {
            process(proc, 10, 1, 100_000 + 1_000L * (i + 1));
            watch.sample();
        }
        assertTrue(watch.rssSlopeMbPerHour("gateway") > 0, "the gateway grew");
        assertTrue(Math.abs(watch.rssSlopeMbPerHour("postgres")) < 1e-9, "postgres stayed the same");
        Files.delete(proc.resolve("21/stat"));
        Files.delete(proc.resolve("21/status"));
        Files.delete(proc.resolve("21"));
        watch.sample();
        assertTrue(Double.isNaN(watch.rssSlopeMbPerHour("postgres")), "a backend left: no slope from that");
        assertEquals(
                1,
                watch.toJson().stream()
                        .filter(o -> ((io.vertx.core.json.JsonObject) o).getValue("rssSlopeMbPerHour") == null)
                        .count());
    }
}
