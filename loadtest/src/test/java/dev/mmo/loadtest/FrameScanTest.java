package dev.mmo.loadtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameScanTest {

    private static final byte[] OWN = Bytes.utf8("{\"id\":7,\"x\":");
    private static final byte[] OWN_MODEL = Bytes.utf8("\"model\":{\"id\":7,");
    private static final byte[] TAIL = Bytes.utf8(new TargetPicker.Target(12.5, -3.0).tail());

    private static String moves(long tick, String... entries) {
        return "{\"type\":\"Moves\",\"tick\":" + tick + ",\"moves\":[" + String.join(",", entries) + "]}";
    }

    private static String entry(long id, double tx, double ty) {
        return "{\"id\":" + id + ",\"x\":1.0,\"y\":2.0,\"tx\":" + tx + ",\"ty\":" + ty + "}";
    }

    private static String model(long id, double x, double y) {
        return "{\"type\":\"ModelData\",\"tick\":40,\"tx\":" + x + ",\"ty\":" + y + ",\"model\":{\"id\":" + id
                + ",\"model_type\":\"Actor\",\"avatar_id\":2,\"instanced_entity\":{\"id\":" + id + ",\"x\":" + x
                + ",\"y\":" + y + ",\"entity\":{\"id\":" + id + ",\"name\":\"bot_" + id + "\"}}}}";
    }

    private static FrameScan scan(String frame, long pendingAfterTick) {
        FrameScan scan = new FrameScan();
        scan.scan(Bytes.utf8(frame), OWN, OWN_MODEL, TAIL, pendingAfterTick, null);
        return scan;
    }

    @Test
    void findsTheOwnTargetInASingleTicksBroadcast() {
        FrameScan scan = scan("[{\"type\":\"Despawn\",\"actorId\":3}," + model(9, 5, 5) + ","
                + moves(1234, entry(17, 12.5, -3.0), entry(7, 12.5, -3.0)) + "]", 1000);
        assertEquals(1234, scan.ownTargetTick);
        assertEquals(1, scan.movesMessages);
        assertEquals(1234, scan.firstTick);
        assertEquals(1234, scan.newestTick);
        assertEquals(1, scan.despawns);
        assertEquals(1, scan.modelDatas);
        assertEquals(3, scan.messages);
        assertTrue(scan.ticksRise);
    }

    @Test
    void readsEveryTickOfAFrameThatBatchesSeveral() {
        FrameScan scan = scan("[" + moves(101, entry(3, 1, 1)) + "," + moves(102, entry(4, 1, 1)) + ","
                + moves(103, entry(7, 12.5, -3.0)) + "]", 100);
        assertEquals(3, scan.movesMessages);
        assertEquals(101, scan.firstTick);
        assertEquals(103, scan.newestTick);
        assertEquals(103, scan.ownTargetTick, "the own entry is in the third tick's message");
        assertTrue(scan.ticksRise);
        assertFalse(scan("[" + moves(5) + "," + moves(5) + "]", 0).ticksRise, "a tick twice does not rise");
        assertFalse(scan("[" + moves(6) + "," + moves(5) + "]", 0).ticksRise);
    }

    @Test
    void theOwnEntryOfAnOlderTickWithTheOldTargetDoesNotHideTheNewOne() {
        FrameScan scan = scan("[" + moves(101, entry(7, 1.0, 1.0)) + "," + moves(102, entry(7, 12.5, -3.0)) + "]", 100);
        assertEquals(102, scan.ownTargetTick);
    }

    @Test
    void aMovesMessageNotNewerThanTheClickNeverConfirmsIt() {
        // the same coordinates, but in a tick the bot had already seen when it clicked: cannot be its click
        assertEquals(-1, scan(moves(100, entry(7, 12.5, -3.0)), 100).ownTargetTick);
        assertEquals(-1, scan("[" + moves(99, entry(7, 12.5, -3.0)) + "," + moves(101, entry(8, 12.5, -3.0)) + "]",
                100).ownTargetTick);
        assertEquals(101, scan(moves(101, entry(7, 12.5, -3.0)), 100).ownTargetTick);
    }

    @Test
    void anOwnEntryIsLookedForOnlyInsideItsMovesMessage() {
        // the other actor's model holds {"id":7,"x": (an instanced_entity id equal to the bot's actor id) and its
        // ModelData's tx/ty equal the target: still no own Moves entry
        String other = "{\"type\":\"ModelData\",\"tick\":102,\"tx\":1.0,\"ty\":2.0,\"model\":{\"id\":30,\"model_type\":\"Actor\","
                + "\"avatar_id\":2,\"instanced_entity\":{\"id\":7,\"x\":1.0,\"y\":2.0,\"tx\":12.5,\"ty\":-3.0}}}";
        FrameScan scan = scan("[" + moves(101, entry(8, 12.5, -3.0)) + "," + other + ","
                + "{\"type\":\"Leave\",\"actorId\":7}," + moves(102, entry(9, 12.5, -3.0)) + "]", 100);
        assertEquals(-1, scan.ownTargetTick);
        assertEquals(1, scan.leaves);
        assertEquals(2, scan.movesMessages);
    }

    @Test
    void countsLeaveOnlineAndModelDataAndReadsTheWelcome() {
        FrameScan scan = scan("[{\"type\":\"Welcome\",\"actorId\":7,\"tickRate\":20,\"speed\":70.0,\"tick\":40},"
                + "{\"type\":\"Online\",\"count\":1234}," + model(7, -1234.5, 4000.0) + "," + model(8, 3, 4) + "]", -1);
        assertEquals(1, scan.welcomes);
        assertEquals(40, scan.welcomeTick);
        assertEquals(1, scan.onlines);
        assertEquals(1234, scan.onlineCount);
        assertEquals(2, scan.modelDatas);
        assertEquals(-1234.5, scan.ownX);
        assertEquals(4000.0, scan.ownY);
        assertEquals(0, scan.movesMessages);
        assertEquals(-1, scan.newestTick);

        FrameScan single = scan("{\"type\":\"Leave\",\"actorId\":12}", -1);
        assertEquals(1, single.leaves);
        assertEquals(0, single.movesMessages);
        assertEquals(-1, single.ownTargetTick);
        FrameScan online = scan("{\"type\":\"Online\",\"count\":10000}", -1);
        assertEquals(10000, online.onlineCount);
    }

    @Test
    void findsChatPongAndErrors() {
        FrameScan scan = new FrameScan();
        byte[] pendingChat = Bytes.utf8("\"text\":\"hi from bot_5 #3\"");
        scan.scan(Bytes.utf8("[{\"type\":\"Chat\",\"from\":\"bot_4\",\"text\":\"hi from bot_4 #1\",\"at\":\"x\"},"
                + "{\"type\":\"Chat\",\"from\":\"bot_5\",\"text\":\"hi from bot_5 #3\",\"at\":\"x\"}]"), OWN, null, null, -1,
                pendingChat);
        assertEquals(2, scan.chats);
        assertTrue(scan.ownChat);
        scan.scan(Bytes.utf8("{\"type\":\"Chat\",\"from\":\"bot_5\",\"text\":\"hi from bot_5 #31\",\"at\":\"x\"}"), OWN,
                null, null, -1, pendingChat);
        assertFalse(scan.ownChat, "#31 is not #3");
        scan.scan(Bytes.utf8("{\"type\":\"Pong\",\"t\":4}"), OWN, null, null, -1, null);
        assertEquals(1, scan.pongs);
        assertEquals(List.of(), scan.errorCodes);
        scan.scan(Bytes.utf8("{\"type\":\"Error\",\"code\":\"rate_limited\",\"message\":\"slow down\"}"), OWN, null, null,
                -1, null);
        assertEquals(List.of("rate_limited"), scan.errorCodes);
        assertEquals(0, scan.pongs, "every scan starts afresh");
    }

    @Test
    void aChatTextCannotStartAMessage() {
        FrameScan scan = new FrameScan();
        // JSON escapes the quotes: \"type\":\"Moves\" is not "type":"Moves"
        scan.scan(Bytes.utf8("{\"type\":\"Chat\",\"from\":\"x\",\"text\":\"\\\"type\\\":\\\"Moves\\\",\\\"tick\\\":5\",\"at\":\"x\"}"),
                OWN, null, TAIL, -1, null);
        assertEquals(1, scan.messages);
        assertEquals(0, scan.movesMessages);
    }

    @Test
    void aMovesMessageWhoseTickCannotBeReadIsCountedNotGuessed() {
        FrameScan scan = scan("{\"type\":\"Moves\",\"moves\":[],\"tick\":5}", -1);
        assertEquals(0, scan.movesMessages);
        assertEquals(1, scan.unreadableMoves);
    }
}
