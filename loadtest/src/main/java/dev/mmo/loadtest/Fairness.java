package dev.mmo.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Whether a run measured the servers and not the load generator: each system's server side on its cores, the
 * generator on its own, and what each used of them. A run whose generator's cores were more than
 * {@link BenchOptions#VOID_ABOVE_PERCENT} % busy over the window is VOID: the bots then waited for CPU themselves,
 * and every latency they measured includes that wait.
 */
final class Fairness {

    private Fairness() {}

    /**
     * The VOID rule. The cores' busy share counts everything that ran on them (another program on the generator's
     * core starves the bots as much as their own work does); when it is unknown, the generator's own CPU over its
     * cores stands in.
     *
     * @return why the run is VOID, or null when it is not
     */
    static String voidReason(double generatorCoresBusyPercent, double generatorOwnPercentOfCores, CpuSet cores) {
        double busy = Double.isNaN(generatorCoresBusyPercent) ? generatorOwnPercentOfCores : generatorCoresBusyPercent;
        if (Double.isNaN(busy) || busy <= BenchOptions.VOID_ABOVE_PERCENT) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "the load generator's core%s %s %s %.0f %% busy (over %d %%; the generator"
                        + " itself used %.0f %% of %s): the bots waited for CPU, so their latencies are not the servers'",
                cores.size() == 1 ? "" : "s",
                cores,
                cores.size() == 1 ? "was" : "were",
                busy,
                BenchOptions.VOID_ABOVE_PERCENT,
                generatorOwnPercentOfCores,
                cores.size() == 1 ? "it" : "them");
    }

    /** Sum of the CPU (% of one core) of the processes whose name does or does not start with "bench". */
    static double cpuOf(JsonArray processes, boolean generator) {
        double sum = 0;
        for (int i = 0; i < processes.size(); i++) {
            JsonObject p = processes.getJsonObject(i);
            boolean isGenerator = p.getString("name", "").startsWith("bench");
            if (isGenerator == generator && p.getValue("cpuPercent") instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }

    /**
     * Puts {@code fairness} (cores, CPU of each side over its cores, how busy the cores were, pinning), {@code void}
     * and {@code voidReason} into a run's result; {@code processes} must be there already. Without pinning
     * ({@code pinning} null) each side's cores are all of the machine's.
     */
    static void assess(
            JsonObject result,
            ProcessWatch watch,
            CpuSet pinnedServerCpus,
            CpuSet pinnedGeneratorCpus,
            JsonObject pinning) {
        // unpinned, both sides had every core
        CpuSet all = CpuSet.online().orElse(pinnedServerCpus);
        CpuSet serverCpus = pinning != null ? pinnedServerCpus : all;
        CpuSet generatorCpus = pinning != null ? pinnedGeneratorCpus : all;
        JsonArray processes = result.getJsonArray("processes", new JsonArray());
        double generator = cpuOf(processes, true);
        double server = cpuOf(processes, false);
        double generatorBusy = watch.coresBusyPercent(generatorCpus);
        double serverBusy = watch.coresBusyPercent(serverCpus);
        double generatorShare = generator / generatorCpus.size();
        double serverShare = server / serverCpus.size();
        JsonObject fairness = new JsonObject()
                .put("pinned", pinning != null)
                .put("serverCpus", serverCpus.toString())
                .put("generatorCpus", generatorCpus.toString())
                .put("serverCpuPercentOfItsCores", LatencyStats.round(serverShare))
                .put("serverCoresBusyPercent", nullable(serverBusy))
                .put(
                        "otherLoadOnServerCoresPercent",
                        Double.isNaN(serverBusy) ? null : LatencyStats.round(Math.max(0, serverBusy - serverShare)))
                .put("generatorCpuPercentOfItsCores", LatencyStats.round(generatorShare))
                .put("generatorCoresBusyPercent", nullable(generatorBusy))
                .put("voidAbovePercent", BenchOptions.VOID_ABOVE_PERCENT)
                .put("pinning", pinning);
        String reason = voidReason(generatorBusy, generatorShare, generatorCpus);
        result.put("fairness", fairness).put("void", reason != null).put("voidReason", reason);
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : LatencyStats.round(value);
    }
}
