package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The charts of a sweep, drawn from the JSON results in one folder (each file a {@code ./mmo bench} document, its
 * runs of one size): p99 click → own update, server CPU and bytes per client, each against players, both systems on
 * each chart. Where a folder holds several runs of one system and size, the newest counts.
 */
final class Charts {

    static final String LATENCY = "latency-p99.svg";
    static final String SERVER_CPU = "server-cpu.svg";
    static final String BYTES = "bytes-per-client.svg";

    private static final Map<String, String[]> LOOK = Map.of(
            "mmo", new String[] {"MMO (this project)", "#1f5fbf", "circle"},
            "colyseus", new String[] {"Colyseus", "#d9730d", "square"});

    /** One run's figures. */
    record RunPoint(
            String system,
            int players,
            String startedAt,
            double p99Ms,
            double serverCpuPercent,
            double kBytesPerClient,
            boolean isVoid,
            JsonObject run) {}

    private Charts() {}

    /** Reads the folder's JSON and writes the three charts beside it; their paths. */
    static List<Path> draw(Path dir, String machineNote) throws IOException {
        List<RunPoint> points = newestPerSystemAndSize(read(dir));
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no ./mmo bench results (*.json with runs) in " + dir);
        }
        List<String> notes = notes(points, machineNote);
        List<Path> written = new ArrayList<>();
        written.add(write(
                dir.resolve(LATENCY),
                chart(
                        points,
                        "p99 click → own update (Target → own Moves / state patch)",
                        "p99 latency, ms",
                        RunPoint::p99Ms,
                        notes)));
        written.add(write(
                dir.resolve(SERVER_CPU),
                chart(
                        points,
                        "Server CPU (every process of each system's server side)",
                        "% of the server's pinned cores",
                        RunPoint::serverCpuPercent,
                        notes)));
        written.add(write(
                dir.resolve(BYTES),
                chart(points, "Bytes received per client", "KB/s per client", RunPoint::kBytesPerClient, notes)));
        return written;
    }

    static List<RunPoint> read(Path dir) throws IOException {
        List<RunPoint> points = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> json = Files.newDirectoryStream(dir, "*.json")) {
            json.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            JsonObject document;
            try {
                document = new JsonObject(Files.readString(file));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage());
            }
            JsonArray runs = document.getJsonArray("runs", new JsonArray());
            for (int i = 0; i < runs.size(); i++) {
                points.add(point(runs.getJsonObject(i)));
            }
        }
        return points;
    }

    static RunPoint point(JsonObject run) {
        JsonObject scenario = run.getJsonObject("scenario", new JsonObject());
        JsonObject fairness = run.getJsonObject("fairness");
        double serverCpu = fairness != null && fairness.getValue("serverCpuPercentOfItsCores") instanceof Number n
                ? n.doubleValue()
                : Fairness.cpuOf(run.getJsonArray("processes", new JsonArray()), false);
        return new RunPoint(
                run.getString("system"),
                scenario.getInteger("players", 0),
                run.getString("startedAt", ""),
                latencyP99(run),
                serverCpu,
                number(run, "perClient", "kBytesPerSecond"),
                run.getBoolean("void", false),
                run);
    }

    /** None (NaN: no point drawn) when the run measured no click at all, as when its bots could not join. */
    private static double latencyP99(JsonObject run) {
        return number(run, "targetToMovesMs", "count") > 0 ? number(run, "targetToMovesMs", "p99") : Double.NaN;
    }

    private static double number(JsonObject run, String object, String field) {
        JsonObject inner = run.getJsonObject(object);
        return inner != null && inner.getValue(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static List<RunPoint> newestPerSystemAndSize(List<RunPoint> points) {
        Map<String, RunPoint> newest = new LinkedHashMap<>();
        for (RunPoint p : points) {
            newest.merge(
                    p.system() + "/" + p.players(), p, (a, b) -> a.startedAt().compareTo(b.startedAt()) >= 0 ? a : b);
        }
        return newest.values().stream()
                .sorted(Comparator.comparing(RunPoint::system).thenComparingInt(RunPoint::players))
                .toList();
    }

    private static SvgChart chart(
            List<RunPoint> points, String title, String yLabel, ToDoubleFunction<RunPoint> y, List<String> notes) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (String system : new TreeSet<>(points.stream().map(RunPoint::system).toList()).descendingSet()) {
            String[] look = LOOK.getOrDefault(system, new String[] {system, "#555555", "circle"});
            List<SvgChart.Point> values = points.stream()
                    .filter(p -> p.system().equals(system))
                    .filter(p -> !Double.isNaN(y.applyAsDouble(p)))
                    .map(p -> new SvgChart.Point(p.players(), y.applyAsDouble(p), p.isVoid()))
                    .toList();
            if (!values.isEmpty()) {
                series.add(new SvgChart.Series(look[0], look[1], system.equals("colyseus"), look[2], values));
            }
        }
        return new SvgChart(title, "players", yLabel, series, notes);
    }

    /** When, on what, under which load and pinning the runs were made. */
    static List<String> notes(List<RunPoint> points, String machineNote) {
        List<String> notes = new ArrayList<>();
        TreeSet<String> dates = new TreeSet<>(points.stream()
                .map(RunPoint::startedAt)
                .filter(s -> !s.isEmpty())
                .toList());
        JsonObject first = points.getFirst().run();
        JsonObject machine = first.getJsonObject("machine", new JsonObject());
        String note = machineNote != null ? machineNote : machine.getString("note");
        notes.add(String.format(
                Locale.ROOT,
                "Runs of %s to %s (UTC) with ./mmo bench; %s cores%s.",
                dates.isEmpty() ? "?" : dates.first().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                dates.isEmpty() ? "?" : dates.last().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                machine.getValue("cores"),
                note == null || note.isBlank() ? "" : ", " + note));
        JsonObject fairness = first.getJsonObject("fairness");
        if (fairness != null && fairness.getBoolean("pinned", false)) {
            notes.add("Each system's whole server side pinned to core " + fairness.getString("serverCpus")
                    + ", the load generator to core " + fairness.getString("generatorCpus") + " (taskset).");
        } else {
            notes.add("Not pinned: servers and load generator shared every core.");
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (RunPoint p : points) {
            JsonArray load = p.run().getJsonObject("machine", new JsonObject()).getJsonArray("loadAverageBefore");
            if (load != null && !load.isEmpty() && load.getValue(0) instanceof Number n) {
                low = Math.min(low, n.doubleValue());
                high = Math.max(high, n.doubleValue());
            }
        }
        if (high > 0 || low == 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "1-minute load average before the runs: %.1f to %.1f. Scenario: %s.",
                    low,
                    high,
                    scenario(first)));
        }
        return notes;
    }

    private static String scenario(JsonObject run) {
        JsonObject s = run.getJsonObject("scenario", new JsonObject());
        return String.format(
                Locale.ROOT,
                "%s, a click every ~%s s, %s chat line/min/player, %s s measured",
                s.getBoolean("spread", false)
                        ? "spread over the world"
                        : "one " + SvgChart.number(s.getDouble("area", 1000.0)) + " x "
                                + SvgChart.number(s.getDouble("area", 1000.0)) + " area",
                SvgChart.number(s.getDouble("retargetSeconds", 3.0)),
                SvgChart.number(s.getDouble("chatPerMinute", 1.0)),
                s.getValue("seconds"));
    }

    private static Path write(Path file, SvgChart chart) throws IOException {
        Files.writeString(file, chart.render());
        return file;
    }
}
