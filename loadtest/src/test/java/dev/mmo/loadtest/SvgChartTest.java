package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgChartTest {

    private static SvgChart chart(boolean hollow) {
        return new SvgChart(
                "p99 <latency> & more",
                "players",
                "p99 latency, ms",
                List.of(
                        new SvgChart.Series(
                                "MMO",
                                "#1f5fbf",
                                false,
                                "circle",
                                List.of(
                                        new SvgChart.Point(500, 41, false),
                                        new SvgChart.Point(1000, 94, false),
                                        new SvgChart.Point(2000, 189, hollow))),
                        new SvgChart.Series(
                                "Colyseus",
                                "#d9730d",
                                true,
                                "square",
                                List.of(new SvgChart.Point(500, 920, false), new SvgChart.Point(1000, 1354, false)))),
                List.of("Runs of 2026-12-02, 2 cores."));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void drawsAWellFormedChartWithAxesUnitsLegendAndNotes() throws Exception {
        Document svg = parse(chart(false).render());
        List<String> texts = texts(svg);
        assertTrue(texts.contains("p99 <latency> & more"), "the title, escaped in the file: " + texts);
        assertTrue(texts.contains("p99 latency, ms"), "the y axis says its unit");
        assertTrue(texts.contains("players"), "x axis; 500..2000 is a factor of 4: linear");
        assertTrue(texts.containsAll(List.of("500", "1,000", "2,000")), "a tick at every size run: " + texts);
        assertTrue(texts.containsAll(List.of("MMO", "Colyseus")), "the legend");
        assertTrue(texts.containsAll(List.of("94", "1,354")), "each point's value");
        assertTrue(texts.contains("Runs of 2026-12-02, 2 cores."));
        assertEquals(2, svg.getElementsByTagName("polyline").getLength(), "a line per system");
        assertFalse(texts.stream().anyMatch(t -> t.contains("VOID")), "no VOID note without a VOID point");
    }

    @Test
    void aVoidRunIsAHollowMarkerAndTheNotesSaySo() throws Exception {
        String text = chart(true).render();
        Document svg = parse(text);
        assertTrue(texts(svg).stream().anyMatch(t -> t.startsWith("Hollow markers: VOID runs")));
        assertTrue(text.contains("fill=\"#ffffff\" stroke=\"#1f5fbf\""), "the 2000 point is hollow");
    }

    @Test
    void playerCountsOverAFactorOf8GetALogScale() throws Exception {
        SvgChart wide = new SvgChart(
                "t",
                "players",
                "y",
                List.of(new SvgChart.Series(
                        "MMO",
                        "#000",
                        false,
                        "circle",
                        List.of(new SvgChart.Point(100, 1, false), new SvgChart.Point(10_000, 2, false)))),
                List.of());
        assertTrue(texts(parse(wide.render())).contains("players (log scale)"));
        assertThrows(IllegalArgumentException.class, () -> new SvgChart("t", "x", "y", List.of(), List.of()).render());
    }

    @Test
    void longNotesAreWrappedAtSpaces() {
        assertEquals(List.of("one two", "three"), SvgChart.wrap("one two three", 8));
        assertEquals(List.of("unbreakable-word", "x"), SvgChart.wrap("unbreakable-word x", 8));
    }

    @Test
    void ticksAreRoundNumbersFromZero() {
        assertArrayEquals(new double[] {0, 50, 100, 150, 200}, SvgChart.niceTicks(189));
        assertArrayEquals(new double[] {0, 500, 1000, 1500}, SvgChart.niceTicks(1354));
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8}, SvgChart.niceTicks(0.8));
        assertArrayEquals(new double[] {0, 1}, SvgChart.niceTicks(0));
        assertEquals("1,200", SvgChart.number(1200));
        assertEquals("2.5", SvgChart.number(2.5));
        assertEquals("0.13", SvgChart.number(0.125));
        assertEquals("30.7", SvgChart.number(30.71));
    }

    @Test
    void chartsComeFromTheNewestRunOfEachSystemAndSize(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("500.json"),
                document(
                                run("mmo", 500, "2026-12-02T10:00:00Z", 40, false),
                                run("colyseus", 500, "2026-12-02T10:05:00Z", 900, false))
                        .encode());
        Files.writeString(
                dir.resolve("1000.json"),
                document(
                                run("mmo", 1000, "2026-12-02T11:00:00Z", 90, false),
                                run("colyseus", 1000, "2026-12-02T11:05:00Z", 1300, true))
                        .encode());
        Files.writeString(
                dir.resolve("old-1000.json"),
                document(run("mmo", 1000, "2026-12-01T11:00:00Z", 7777, false)).encode());
        List<Path> written = Charts.draw(dir, "quiet test box");
        assertEquals(
                List.of(dir.resolve(Charts.LATENCY), dir.resolve(Charts.SERVER_CPU), dir.resolve(Charts.BYTES)),
                written);
        String latency = Files.readString(dir.resolve(Charts.LATENCY));
        List<String> texts = texts(parse(latency));
        assertTrue(texts.contains("90") && !texts.contains("7,777"), "the newest 1000-player MMO run: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Hollow markers")), "the VOID Colyseus run");
        assertTrue(
                texts.stream()
                        .anyMatch(t -> t.contains("2026-12-02 10:00:00Z to 2026-12-02 11:05:00Z")
                                && t.contains("quiet test box")),
                texts.toString());
        assertTrue(texts.contains(
                "Each system's whole server side pinned to core 0, the load generator to core 1 (taskset)."));
        assertTrue(texts(parse(Files.readString(dir.resolve(Charts.SERVER_CPU))))
                .contains("% of the server's pinned cores"));
        assertTrue(texts(parse(Files.readString(dir.resolve(Charts.BYTES)))).contains("KB/s per client"));
    }

    @Test
    void aRunThatMeasuredNoClickHasNoLatencyPointButItsCpu() {
        JsonObject noJoins = run("colyseus", 2000, "2026-12-03T08:20:09Z", 0, true);
        noJoins.getJsonObject("targetToMovesMs").put("count", 0);
        assertTrue(Double.isNaN(Charts.point(noJoins).p99Ms()), "0 samples are no latency of 0 ms");
        assertEquals(100.0, Charts.point(noJoins).serverCpuPercent());
        assertEquals(
                0.0,
                Charts.point(run("mmo", 2000, "2026-12-03T08:12:47Z", 0, false)).p99Ms());
    }

    @Test
    void aFolderWithoutResultsIsAnError(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> Charts.draw(dir, null));
    }

    private static JsonObject document(JsonObject... runs) {
        return new JsonObject().put("runs", new JsonArray(List.of(runs)));
    }

    private static JsonObject run(String system, int players, String startedAt, double p99, boolean isVoid) {
        return new JsonObject()
                .put("system", system)
                .put("startedAt", startedAt)
                .put(
                        "scenario",
                        new JsonObject()
                                .put("players", players)
                                .put("spread", false)
                                .put("area", 1000.0)
                                .put("retargetSeconds", 3.0)
                                .put("chatPerMinute", 1.0)
                                .put("seconds", 60))
                .put("machine", new JsonObject().put("cores", 2).put("loadAverageBefore", new JsonArray().add(0.5)))
                .put("targetToMovesMs", new JsonObject().put("count", 400).put("p99", p99))
                .put("perClient", new JsonObject().put("kBytesPerSecond", players / 10.0))
                .put(
                        "fairness",
                        new JsonObject()
                                .put("pinned", true)
                                .put("serverCpus", "0")
                                .put("generatorCpus", "1")
                                .put("serverCpuPercentOfItsCores", players / 20.0))
                .put("void", isVoid);
    }
}
