package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultReportTest {

    @Test
    void aRowPerFaultWithWhatThePlayersWentThrough() {
        FaultLedger ledger = new FaultLedger(2, 0);
        FaultLedger.Phase gateway = ledger.begin("kill-gateway", "kill -9 of the gateway", 1_000_000_000L);
        gateway.how = "killed gateway (pid 7); restarted by the tool (ready after 2.6 s)";
        ledger.cut(0, "closed_1006");
        ledger.cut(1, "closed_1006");
        ledger.failedAttempt("connect_failed");
        ledger.failedAttempt("connect_failed");
        ledger.failedAttempt("closed_1013");
        ledger.back(0, 5_000_000_000L, 3.5);
        ledger.back(1, 10_230_000_000L, 7.0);
        ledger.chatSent(gateway.index);
        ledger.chatDelivered(gateway.index, 2_500_000_000L);
        FaultLedger.Phase kafka = ledger.begin("stop-kafka", "the Kafka broker stopped with SIGSTOP", 20_000_000_000L);
        ledger.chatSent(kafka.index);
        ledger.chatRefused(kafka.index);
        ledger.errorFrame("chat_unavailable");
        JsonObject result = new JsonObject()
                .put("startedAt", "2026-12-02T19:20:29Z")
                .put("players", new JsonObject().put("inBeforeTheFaults", 2).put("requested", 2))
                .put(
                        "machine",
                        new JsonObject()
                                .put("loadAverageBefore", new JsonArray().add(1.5))
                                .put("loadAverageAfter", new JsonArray().add(2.0)))
                .put("faults", new JsonArray(ledger.toJson(0)));
        List<String> lines = FaultReport.table(result).lines().toList();
        assertTrue(lines.getFirst().startsWith("Faults under load: 2 players in (of 2)"), lines.getFirst());
        assertEquals(
                "| kill-gateway | killed gateway (pid 7); restarted by the tool (ready after 2.6 s) | 2 | 9.23 s"
                        + " | 7.0 (3.5) | 0 / 0 / 0 / 0 of 1 (2.5 s) | cut by closed_1006 ×2; then connect_failed ×2,"
                        + " closed_1013 ×1 |",
                lines.get(4));
        assertEquals(
                "| stop-kafka | the Kafka broker stopped with SIGSTOP | 0 | – | – | 0 / 1 / 0 / 0 of 1 (–)"
                        + " | Error chat_unavailable ×1 |",
                lines.get(5));
    }
}
