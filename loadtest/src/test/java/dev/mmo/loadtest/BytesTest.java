package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void findsABotsOwnMovesEntryInABroadcast() {
        byte[] frame = Bytes.utf8(
                "[{\"type\":\"Despawn\",\"actorId\":3},{\"type\":\"Moves\",\"tick\":1234,\"moves\":["
                        + "{\"id\":17,\"x\":1.0,\"y\":2.0,\"tx\":5.0,\"ty\":6.0},{\"id\":7,\"x\":1.5,\"y\":2.0,\"tx\":12.5,\"ty\":-3.0}]}]");
        int moves = Bytes.indexOf(frame, Bytes.utf8("\"type\":\"Moves\",\"tick\":"));
        assertTrue(moves > 0);
        assertEquals(1234, Bytes.number(frame, moves + "\"type\":\"Moves\",\"tick\":".length()));
        int own = Bytes.indexOf(frame, moves, frame.length, Bytes.utf8("{\"id\":7,\"x\":"));
        assertTrue(own > 0);
        assertEquals(-1, Bytes.indexOf(frame, Bytes.utf8("{\"id\":1,\"x\":")), "id 1 is not a prefix match of 17");
        int end = own;
        while (frame[end] != '}') {
            end++;
        }
        byte[] tail = Bytes.utf8(new TargetPicker.Target(12.5, -3.0).tail());
        assertTrue(Bytes.startsWith(frame, end + 1 - tail.length, tail));
        assertFalse(
                Bytes.startsWith(frame, end + 1 - tail.length, Bytes.utf8(new TargetPicker.Target(12.5, 3.0).tail())));
    }

    @Test
    void readsNumbersAndShortStrings() {
        byte[] text = Bytes.utf8("\"code\":\"rate_limited\",\"n\":42x");
        assertEquals("rate_limited", Bytes.stringAt(text, 8));
        assertEquals(42, Bytes.number(text, text.length - 3));
        assertEquals(-1, Bytes.number(text, 0));
    }
}
