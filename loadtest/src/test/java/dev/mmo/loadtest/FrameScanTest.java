package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
        FrameScan scan = scan(
                "[{\"type\":\"Despawn\",\"actorId\":3}," + model(9, 5, 5) + ","
                        + moves(1234, entry(17, 12.5, -3.0), entry(7, 12.5, -3.0)) + "]",
                1000);
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
        FrameScan scan = scan(
                "[" + moves(101, entry(3, 1, 1)) + "," + moves(102, entry(4, 1, 1)) + ","
                        + moves(103, entry(7, 12.5, -3.0)) + "]",
                100);
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
        assertEquals(
                -1,
                scan("[" + moves(99, entry(7, 12.5, -3.0)) + "," + moves(101, entry(8, 12.5, -3.0)) + "]", 100)
                        .ownTargetTick);
        assertEquals(101, scan(moves(101, entry(7, 12.5, -3.0)), 100).ownTargetTick);
    }

    @Test
    void anOwnEntryIsLookedForOnlyInsideItsMovesMessage() {
        // the other actor's model holds {"id":7,"x": (an instanced_entity id equal to the bot's actor id) and its
        // ModelData's tx/ty equal the target: still no own Moves entry
        String other =
                "{\"type\":\"ModelData\",\"tick\":102,\"tx\":1.0,\"ty\":2.0,\"model\":{\"id\":30,\"model_type\":\"Actor\","
                        + "\"avatar_id\":2,\"instanced_entity\":{\"id\":7,\"x\":1.0,\"y\":2.0,\"tx\":12.5,\"ty\":-3.0}}}";
        FrameScan scan = scan(
                "[" + moves(101, entry(8, 12.5, -3.0)) + "," + other + "," + "{\"type\":\"Leave\",\"actorId\":7},"
                        + moves(102, entry(9, 12.5, -3.0)) + "]",
                100);
        assertEquals(-1, scan.ownTargetTick);
        assertEquals(1, scan.leaves);
        assertEquals(2, scan.movesMessages);
    }

    @Test
    void countsLeaveOnlineAndModelDataAndReadsTheWelcome() {
        FrameScan scan = scan(
                "[{\"type\":\"Welcome\",\"actorId\":7,\"tickRate\":20,\"speed\":70.0,\"tick\":40},"
                        + "{\"type\":\"Online\",\"count\":1234}," + model(7, -1234.5, 4000.0) + "," + model(8, 3, 4)
                        + "]",
                -1);
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
        byte[] ownChat = Bytes.utf8("\"text\":\"hi from bot_5 #");
        scan.scan(
                Bytes.utf8("[{\"type\":\"Chat\",\"from\":\"bot_4\",\"text\":\"hi from bot_4 #1\",\"at\":\"x\"},"
                        + "{\"type\":\"Chat\",\"from\":\"bot_5\",\"text\":\"hi from bot_5 #3\",\"at\":\"x\"},"
                        + "{\"type\":\"Chat\",\"from\":\"bot_50\",\"text\":\"hi from bot_50 #7\",\"at\":\"x\"},"
                        + "{\"type\":\"Chat\",\"from\":\"bot_5\",\"text\":\"hi from bot_5 #31\",\"at\":\"x\"}]"),
                OWN,
                null,
                null,
                -1,
                ownChat);
        assertEquals(4, scan.chats);
        assertEquals(2, scan.ownChatCount, "bot_5's lines #3 and #31, not bot_4's or bot_50's");
        assertEquals(3, scan.ownChatNumbers[0]);
        assertEquals(31, scan.ownChatNumbers[1]);
        scan.scan(
                Bytes.utf8("{\"type\":\"Chat\",\"from\":\"bot_5\",\"text\":\"hi from bot_5 #4\",\"at\":\"x\"}"),
                OWN,
                null,
                null,
                -1,
                null);
        assertEquals(0, scan.ownChatCount, "not looked for without a prefix");
        scan.scan(Bytes.utf8("{\"type\":\"Pong\",\"t\":4}"), OWN, null, null, -1, null);
        assertEquals(1, scan.pongs);
        assertEquals(List.of(), scan.errorCodes);
        scan.scan(
                Bytes.utf8("{\"type\":\"Error\",\"code\":\"rate_limited\",\"message\":\"slow down\"}"),
                OWN,
                null,
                null,
                -1,
                null);
        assertEquals(List.of("rate_limited"), scan.errorCodes);
        assertEquals(0, scan.pongs, "every scan starts afresh");
    }

    @Test
    void tracksTheOwnActorsNewestEntryWhenAsked() {
        FrameScan scan = new FrameScan();
        String frame = "["
                + moves(
                        500,
                        "{\"id\":17,\"x\":0.0,\"y\":0.0,\"tx\":1.0,\"ty\":1.0}",
                        "{\"id\":7,\"x\":-10.5,\"y\":3.0,\"tx\":100.0,\"ty\":-2.5E-4}")
                + ","
                + moves(501, "{\"id\":7,\"x\":-7.0,\"y\":3.0,\"tx\":100.0,\"ty\":-2.5E-4}") + ","
                + model(7, 99, 99) + "]";
        scan.scan(Bytes.utf8(frame), OWN, null, null, -1, null);
        assertEquals(-1, scan.ownEntryTick, "not tracked unless asked");
        scan.trackOwnEntries = true;
        scan.scan(Bytes.utf8(frame), OWN, null, null, -1, null);
        assertEquals(501, scan.ownEntryTick, "the newest own entry, not the other actor's, not a ModelData's x");
        assertEquals(-7.0, scan.ownEntry[0]);
        assertEquals(3.0, scan.ownEntry[1]);
        assertEquals(100.0, scan.ownEntry[2]);
        assertEquals(-2.5E-4, scan.ownEntry[3]);
        scan.scan(Bytes.utf8(moves(502, entry(17, 1, 1))), OWN, null, null, -1, null);
        assertEquals(-1, scan.ownEntryTick, "a frame without an own entry reports none");
    }

    @Test
    void readsTheOwnModelsTickAndTarget() {
        FrameScan scan = new FrameScan();
        String walking = "{\"type\":\"ModelData\",\"tick\":77,\"tx\":50.5,\"ty\":-20.0,\"model\":{\"id\":7,"
                + "\"model_type\":\"Actor\",\"avatar_id\":2,\"instanced_entity\":{\"id\":7,\"x\":10.0,\"y\":-20.0,"
                + "\"entity\":{\"id\":7,\"name\":\"bot_7\"}}}}";
        scan.scan(
                Bytes.utf8("[{\"type\":\"Welcome\",\"actorId\":7,\"tickRate\":20,\"speed\":70,\"tick\":77},"
                        + model(9, 1, 1) + "," + walking + "]"),
                OWN,
                OWN_MODEL,
                null,
                -1,
                null);
        assertEquals(77, scan.ownModelTick);
        assertEquals(10.0, scan.ownX);
        assertEquals(-20.0, scan.ownY);
        assertEquals(50.5, scan.ownModelTx);
        assertEquals(-20.0, scan.ownModelTy);
    }

    @Test
    void aChatTextCannotStartAMessage() {
        FrameScan scan = new FrameScan();
        // JSON escapes the quotes: \"type\":\"Moves\" is not "type":"Moves"
        scan.scan(
                Bytes.utf8(
                        "{\"type\":\"Chat\",\"from\":\"x\",\"text\":\"\\\"type\\\":\\\"Moves\\\",\\\"tick\\\":5\",\"at\":\"x\"}"),
                OWN,
                null,
                TAIL,
                -1,
                null);
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
