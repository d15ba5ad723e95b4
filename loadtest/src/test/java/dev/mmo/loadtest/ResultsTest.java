package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void memoryPerPlayerDividesEachProcesssResidentSizeByThePlayers() {
        Map<String, long[]> rss = Map.of(
                "gateway", new long[] {500 * MIB, 480 * MIB, 200 * MIB},
                "world-service", new long[] {300 * MIB, 300 * MIB, -1});
        JsonObject json = Results.memoryPerPlayer(
                1000,
                new String[] {"gateway", "world-service", "absent"},
                name -> rss.getOrDefault(name, new long[] {-1, -1, -1}));
        assertEquals(1000, json.getInteger("connected"));
        assertEquals(512.0, json.getJsonObject("gateway").getDouble("kibPerPlayer"));
        assertEquals(286.72, json.getJsonObject("gateway").getDouble("growthKibPerPlayer"));
        assertEquals(500, json.getJsonObject("gateway").getLong("peakRssMb"));
        assertEquals(307.2, json.getJsonObject("world-service").getDouble("kibPerPlayer"));
        assertNull(json.getJsonObject("world-service").getValue("growthKibPerPlayer"), "no reading before the ramp");
        assertNull(json.getJsonObject("absent").getValue("kibPerPlayer"));
        assertNull(
                Results.memoryPerPlayer(0, new String[] {"gateway"}, rss::get)
                        .getJsonObject("gateway")
                        .getValue("kibPerPlayer"),
                "no players, no division");
    }

    @Test
    void theTableShowsTheLoadGeneratorsCpuAndTheMemoryPerPlayerUpFront() {
        JsonObject run = new JsonObject()
                .put("system", "mmo")
                .put("startedAt", "2026-11-26T04:00:00Z")
                .put(
                        "scenario",
                        new JsonObject()
                                .put("players", 1000)
                                .put("spread", true)
                                .put("bounds", 5000.0)
                                .put("seconds", 60)
                                .put("rampSeconds", 40)
                                .put("settleSeconds", 15)
                                .put("retargetSeconds", 3.0)
                                .put("chatPerMinute", 1.0))
                .put(
                        "machine",
                        new JsonObject()
                                .put("cores", 2)
                                .put("loadAverageBefore", new JsonArray().add(1.0))
                                .put("loadAverageAfter", new JsonArray().add(2.0))
                                .put("cpuBusyPercent", 95.5))
                .put(
                        "players",
                        new JsonObject()
                                .put("requested", 1000)
                                .put("connected", 1000)
                                .put("failed", 0))
                .put(
                        "processes",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("name", "gateway")
                                        .put("cpuPercent", 50.0)
                                        .put("rssMb", 400))
                                .add(new JsonObject()
                                        .put("name", "bench (load generator)")
                                        .put("cpuPercent", 80.0)
                                        .put("rssMb", 900)))
                .put("memoryPerPlayer", Results.memoryPerPlayer(1000, new String[] {"gateway"}, name ->
                        new long[] {400 * MIB, 400 * MIB, 100 * MIB}));
        String table = Results.table(List.of(run));
        List<String> lines = table.lines().toList();
        int players = indexOf(lines, "players failed");
        int loadGenerator = indexOf(lines, ">> LOAD GENERATOR CPU %");
        assertEquals(players + 1, loadGenerator, table);
        assertTrue(lines.get(loadGenerator).trim().endsWith("80"), table);
        assertTrue(
                lines.get(indexOf(lines, ">> memory/player KiB gateway")).trim().endsWith("409.60"), table);
        assertTrue(lines.get(indexOf(lines, ">> machine CPU busy %")).trim().endsWith("95.50"), table);
        assertTrue(
                table.contains(
                        "CAUTION: the load generator itself used 80 % of a core (of 2); the machine was 96 % busy"),
                table);
        assertNull(Results.loadWarning(new JsonObject().put("machine", new JsonObject().put("cpuBusyPercent", 50.0))));
    }

    @Test
    void aVoidRunSaysSoInABannerAboveItsVerdict() {
        JsonObject run = new JsonObject()
                .put("system", "colyseus")
                .put("startedAt", "2026-12-02T19:00:00Z")
                .put(
                        "scenario",
                        new JsonObject()
                                .put("players", 500)
                                .put("spread", false)
                                .put("area", 1000.0)
                                .put("bounds", 5000.0)
                                .put("seconds", 60)
                                .put("rampSeconds", 20)
                                .put("settleSeconds", 15)
                                .put("retargetSeconds", 3.0)
                                .put("chatPerMinute", 1.0))
                .put("machine", new JsonObject().put("cores", 2))
                .put("players", new JsonObject().put("requested", 500).put("connected", 500))
                .put(
                        "fairness",
                        new JsonObject()
                                .put("pinned", true)
                                .put("serverCpus", "0")
                                .put("generatorCpus", "1")
                                .put("generatorCpuPercentOfItsCores", 91.0)
                                .put("generatorCoresBusyPercent", 93.5)
                                .put("serverCpuPercentOfItsCores", 60.0))
                .put("void", true)
                .put("voidReason", Fairness.voidReason(93.5, 91.0, CpuSet.parse("1")));
        String table = Results.table(List.of(run));
        List<String> lines = table.lines().toList();
        int banner = indexOf(lines, "*** VOID: colyseus run: the load generator's core 1 was 94 % busy");
        assertTrue(
                lines.get(banner - 1).matches("\\*{100}")
                        && lines.get(banner + 1).matches("\\*{100}"),
                table);
        assertTrue(lines.get(banner + 2).startsWith("colyseus: "), "then the verdict: " + table);
        assertTrue(
                lines.get(indexOf(lines, ">> load generator's cores busy %"))
                        .trim()
                        .endsWith("93.50"),
                table);
        assertTrue(
                lines.get(indexOf(lines, "   cores: server / generator")).trim().endsWith("0 / 1 (pinned)"), table);
        assertTrue(
                Results.table(List.of(run.copy().put("void", false))).lines().noneMatch(l -> l.startsWith("*** VOID")));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + start + " in\n" + String.join("\n", lines));
    }
}
