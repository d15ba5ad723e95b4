package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fault run's result as a Markdown table, one row per fault, as docs/reliability.md shows it. */
final class FaultReport {

    private FaultReport() {}

    static String table(JsonObject result) {
        StringBuilder out = new StringBuilder();
        JsonObject players = result.getJsonObject("players", new JsonObject());
        JsonObject machine = result.getJsonObject("machine", new JsonObject());
        JsonArray loadBefore = machine.getJsonArray("loadAverageBefore", new JsonArray());
        JsonArray loadAfter = machine.getJsonArray("loadAverageAfter", new JsonArray());
        out.append(String.format(
                Locale.ROOT,
                "Faults under load: %s players in (of %s), started %s, load average %s -> %s%n",
                players.getValue("inBeforeTheFaults"),
                players.getValue("requested"),
                result.getString("startedAt"),
                loadBefore.isEmpty() ? "?" : loadBefore.getValue(0),
                loadAfter.isEmpty() ? "?" : loadAfter.getValue(0)));
        out.append("| fault | what the tool did | players cut | all back after | largest position error (p50) |"
                + " chat lines lost / refused / unconfirmed / late of sent (slowest) | what the players saw |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        JsonArray faults = result.getJsonArray("faults", new JsonArray());
        for (int i = 0; i < faults.size(); i++) {
            JsonObject f = faults.getJsonObject(i);
            JsonObject position = f.getJsonObject("positionError");
            JsonObject chat = f.getJsonObject("chat", new JsonObject());
            Object back = f.getValue("allBackAfterSeconds");
            int cut = f.getInteger("playersCut", 0);
            JsonObject delay = chat.getJsonObject("delayMs", new JsonObject());
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %s / %s / %s / %s of %s (%s) | %s |%n",
                    f.getString("fault"),
                    f.getString("how", "").isEmpty() ? f.getString("what") : f.getString("how"),
                    cut,
                    cut == 0 ? "–" : back == null ? "**" + f.getInteger("notBack", 0) + " not back**" : back + " s",
                    position == null ? "–" : position.getValue("max") + " (" + position.getValue("p50") + ")",
                    chat.getValue("lost"),
                    chat.getValue("refused"),
                    chat.getValue("unconfirmed"),
                    chat.getValue("late"),
                    chat.getValue("sent"),
                    delay.getLong("count", 0L) == 0
                            ? "–"
                            : String.format(Locale.ROOT, "%.1f s", delay.getDouble("max", 0.0) / 1000),
                    seen(f)));
        }
        if (result.getBoolean("void", false)) {
            out.append(Results.voidBanner(result));
        }
        return out.toString();
    }

    /** Close codes of the cuts, Error frames, and failed attempts, most frequent first. */
    static String seen(JsonObject fault) {
        List<String> parts = new ArrayList<>();
        add(parts, "cut by", fault.getJsonObject("closeCodes", new JsonObject()));
        add(parts, "Error", fault.getJsonObject("errorFrames", new JsonObject()));
        add(parts, "then", fault.getJsonObject("other", new JsonObject()));
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    private static void add(List<String> parts, String label, JsonObject counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<String> items = new ArrayList<>();
        counts.fieldNames().stream()
                .sorted((a, b) -> Long.compare(counts.getLong(b), counts.getLong(a)))
                .forEach(code -> items.add(code + " ×" + counts.getLong(code)));
        parts.add(label + " " + String.join(", ", items));
    }
}
