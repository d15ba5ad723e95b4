package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultLedgerTest {

    private static final long S = 1_000_000_000L;

    @Test
    void countsEachFaultsCutsAndHowLongUntilAllWereBack() {
        FaultLedger ledger = new FaultLedger(4, 0);
        ledger.begin("kill-gateway", "kill -9 of the gateway", 10 * S);
        ledger.cut(0, "closed_1006");
        ledger.cut(1, "closed_1006");
        ledger.cut(2, "closed_1012");
        assertEquals(3, ledger.out());
        ledger.failedAttempt("connect_failed");
        ledger.back(0, 13 * S, 0.5);
        ledger.back(1, 14 * S, 3.5);
        ledger.begin("kill-chat", "kill -9 of chat-service", 40 * S);
        ledger.back(2, 41 * S, 70.0); // back only after the next fault began: still the gateway's
        ledger.back(3, 42 * S, 99.0); // never cut: not a comeback
        assertEquals(0, ledger.out());

        List<JsonObject> phases = ledger.toJson(0);
        assertEquals(List.of("steady", "kill-gateway", "kill-chat"), ledger.names());
        JsonObject gateway = phases.get(1);
        assertEquals(3, gateway.getInteger("playersCut"));
        assertEquals(31.0, gateway.getDouble("allBackAfterSeconds"), "the last of the three, 41 s - 10 s");
        assertEquals(10.0, gateway.getDouble("atSeconds"));
        assertEquals(70.0, gateway.getJsonObject("positionError").getDouble("max"));
        assertEquals(3.5, gateway.getJsonObject("positionError").getDouble("p50"));
        assertEquals(2, gateway.getJsonObject("closeCodes").getInteger("closed_1006"));
        assertEquals(1, gateway.getJsonObject("other").getInteger("connect_failed"));
        JsonObject chat = phases.get(2);
        assertEquals(0, chat.getInteger("playersCut"));
        assertNull(chat.getValue("positionError"));
        assertNull(chat.getValue("allBackAfterSeconds"));
    }

    @Test
    void aPlayerNotBackIsCountedAsSuch() {
        FaultLedger ledger = new FaultLedger(2, 0);
        ledger.begin("kill-world", "kill -9 of the active world-service", S);
        ledger.cut(0, "closed_1012");
        ledger.cut(1, "closed_1012");
        ledger.back(1, 5 * S, Double.NaN);
        JsonObject world = ledger.toJson(0).get(1);
        assertEquals(1, world.getInteger("notBack"));
        assertNull(world.getValue("allBackAfterSeconds"));
        assertNull(world.getValue("positionError"), "an unknown error is not a zero");
    }

    @Test
    void chatLinesCountForThePhaseTheyWereSentIn() {
        FaultLedger ledger = new FaultLedger(1, 0);
        ledger.begin("stop-kafka", "the Kafka broker stopped with SIGSTOP", S);
        int kafka = ledger.phaseIndex();
        for (int i = 0; i < 5; i++) {
            ledger.chatSent(kafka);
        }
        ledger.chatDelivered(kafka, 200_000_000L);
        ledger.chatDelivered(kafka, 9 * S); // held back by the stopped broker, delivered late
        ledger.chatLost(kafka);
        ledger.chatUnconfirmed(kafka);
        ledger.chatRefused(kafka);
        JsonObject chat = ledger.toJson(0).get(1).getJsonObject("chat");
        assertEquals(5, chat.getInteger("sent"));
        assertEquals(1, chat.getInteger("refused"), "answered with an Error: the player was told");
        assertEquals(2, chat.getInteger("delivered"));
        assertEquals(1, chat.getInteger("late"));
        assertEquals(1, chat.getInteger("lost"));
        assertEquals(1, chat.getInteger("unconfirmed"));
        assertEquals(0, ledger.toJson(0).get(0).getJsonObject("chat").getInteger("sent"));
    }
}
