package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mmo bench}: runs the benchmark scenario against the running MMO stack (and with
 * {@code --compare colyseus} against a Colyseus room), prints the results side by side and writes them as JSON.
 * Exit status: 0 done, 2 bad arguments, 1 a run could not be done, 3 a hard deadline was passed.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            boolean help = e.getMessage().equals(BenchOptions.USAGE);
            (help ? System.out : System.err).println(help ? e.getMessage() : "bench: " + e.getMessage()
                    + "\n(./mmo bench --help lists the options)");
            System.exit(help ? 0 : 2);
            return;
        }
        List<JsonObject> runs = new ArrayList<>();
        int status = 0;
        if (options.prepareOnly()) {
            try (Progress progress = new Progress(System.out)) {
                new MmoRun(options, progress).run();
            } catch (Exception e) {
                System.err.println("bench: " + e.getMessage());
                System.exit(1);
            }
            System.exit(0);
        }
        try (Progress progress = new Progress(System.out)) {
            for (String system : options.systems()) {
                progress.say("== " + system + ": " + options.players() + " players, "
                        + (options.spread() ? "spread over the world" : "area " + (long) options.area()) + ", "
                        + options.seconds() + " s after a " + options.rampSeconds() + " s ramp");
                try {
                    runs.add(system.equals("mmo") ? new MmoRun(options, progress).run()
                            : new ColyseusRun(options, progress).run());
                } catch (Exception e) {
                    progress.say("bench: the " + system + " run failed: " + e);
                    status = 1;
                }
                if (runs.size() < options.systems().size() && system.equals("mmo")) {
                    pause(5); // let the sockets of one system close before the next one starts
                }
            }
        }
        if (runs.isEmpty()) {
            System.exit(status == 0 ? 1 : status);
            return;
        }
        System.out.println();
        System.out.print(Results.table(runs));
        try {
            JsonObject document = new JsonObject().put("runs", new JsonArray(runs));
            if (runs.size() == 2) {
                document.put("ratios", ratios(runs.get(0), runs.get(1)));
            }
            var out = options.out().toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.writeString(out, document.encodePrettily() + "\n");
            System.out.println("JSON: " + out);
        } catch (Exception e) {
            System.err.println("bench: could not write " + options.out() + ": " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** second ÷ first of the headline figures. */
    static JsonObject ratios(JsonObject first, JsonObject second) {
        JsonObject ratios = new JsonObject().put("of", second.getString("system") + " / " + first.getString("system"));
        String[][] figures = {
                {"players", "connected"}, {"tickMs", "p99"}, {"tickMs", "ticksPerSecond"},
                {"targetToMovesMs", "p50"}, {"targetToMovesMs", "p99"}, {"movesJitterMs", "p99"},
                {"perClient", "kBytesPerSecond"}, {"perClient", "framesPerSecond"}};
        for (String[] figure : figures) {
            Double a = number(first, figure);
            Double b = number(second, figure);
            if (a != null && b != null && a != 0) {
                ratios.put(figure[0] + "." + figure[1], LatencyStats.round(b / a));
            }
        }
        return ratios;
    }

    private static Double number(JsonObject run, String[] path) {
        JsonObject inner = run.getJsonObject(path[0]);
        return inner != null && inner.getValue(path[1]) instanceof Number n ? n.doubleValue() : null;
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
