package dev.mmo.world.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import dev.mmo.world.persistence.ActorRecord;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-joined messages of the hot path say exactly what Jackson would write. */
class ServerMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void modelDataFromItsFixedPartsIsJacksonsByteForByte() {
        List<ActorRecord> records = List.of(
                new ActorRecord(7, 2, 70, 0, 0, 700, "alice"),
                new ActorRecord(8, 0, 80, 0, 0, 800, "quote\" back\\slash ünï \u2028"),
                new ActorRecord(Long.MAX_VALUE, 7, 1, 0, 0, 2, "x"));
        double[] numbers = {0.0, -0.0, 3.5, -4999.999999999999, 0.30000000000000004, 1e-7, 5000, 1.0E10};
        for (ActorRecord stored : records) {
            ModelBytes model = new ModelBytes(stored);
            for (int i = 0; i < numbers.length; i++) {
                ActorSnapshot state = new ActorSnapshot(
                        stored.actorId(),
                        stored.name(),
                        stored.avatarId(),
                        numbers[i],
                        numbers[(i + 1) % numbers.length],
                        numbers[(i + 2) % numbers.length],
                        numbers[(i + 3) % numbers.length]);
                assertEquals(
                        utf8(ServerMessages.modelData(12345 + i, new ActorModel(state, stored))),
                        utf8(model.at(12345 + i, state)));
            }
        }
    }

    @Test
    void movesJoinEntriesEncodedOnceIntoOneMessage() throws Exception {
        byte[] first = ServerMessages.moveEntry(new MoveEntry(7, 1.5, -2.0, 0.30000000000000004, 1.0E10));
        byte[] second = ServerMessages.moveEntry(new MoveEntry(8, 0, 0, 0, 0));
        JsonNode moves = JSON.readTree(ServerMessages.moves(42, List.of(first, second)));
        assertEquals(JSON.readTree("""
                {"type":"Moves","tick":42,"moves":[{"id":7,"x":1.5,"y":-2.0,"tx":0.30000000000000004,"ty":1.0E10},
                 {"id":8,"x":0.0,"y":0.0,"tx":0.0,"ty":0.0}]}"""), moves);
        assertEquals(0.30000000000000004, moves.at("/moves/0/tx").doubleValue(), "every bit of the double");
        assertEquals(JSON.readTree("{\"type\":\"Leave\",\"actorId\":9}"), JSON.readTree(ServerMessages.leave(9)));
        assertEquals(JSON.readTree("{\"type\":\"Despawn\",\"actorId\":9}"), JSON.readTree(ServerMessages.despawn(9)));
    }

    @Test
    void aFrameAppendedToALinkFrameIsTheFrameByteForByte() {
        byte[] leave = ServerMessages.leave(9);
        byte[] despawn = ServerMessages.despawn(10);
        byte[] online = ServerMessages.online(3);
        for (List<byte[]> messages : List.of(List.of(leave), List.of(leave, despawn, online))) {
            Buffer head = Buffer.buffer("SEND").appendLong(42);
            Buffer appended = ServerMessages.appendFrame(head.copy(), messages);
            assertEquals(head.appendBytes(ServerMessages.frame(messages)), appended);
            assertEquals(ServerMessages.frameLength(messages), ServerMessages.frame(messages).length);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
