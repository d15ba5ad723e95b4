package dev.mmo.shared.link;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class LinkFrameTest {

    @Test
    void aPlayersFrameTravelsWithItsSessionAndComesOutByteForByte() {
        String clientFrame = "{\"type\":\"Target\",\"x\":12.5,\"y\":-3,\"note\":\"héllo ✓\"}";
        Buffer wire = LinkFrame.encode(LinkOp.FRAME, 0x0102030405060708L, clientFrame);

        LinkFrame read = LinkFrame.decode(wire);

        assertEquals(LinkOp.FRAME, read.op());
        assertEquals(0x0102030405060708L, read.session());
        assertEquals(clientFrame, read.payloadText());
        assertEquals('F', wire.getByte(0));
    }

    @Test
    void aBroadcastCarriesNoSession() {
        Buffer moves = Buffer.buffer("{\"type\":\"Moves\",\"tick\":3,\"moves\":[]}");
        Buffer wire = LinkFrame.broadcast(moves);

        LinkFrame read = LinkFrame.decode(wire);

        assertEquals(LinkOp.BROADCAST, read.op());
        assertEquals(moves.length() + 1, wire.length());
        assertEquals(moves, read.payload());
    }

    @Test
    void newsIsBuiltAsItsLinkFrame() {
        CellNewsFrames news = new CellNewsFrames().add(7, "[1]".getBytes(UTF_8)).add(-2, "{}".getBytes(UTF_8));

        LinkFrame read = LinkFrame.decode(news.linkFrame());

        assertEquals(LinkOp.NEWS, read.op());
        assertEquals(news.payload(), read.payload());
        assertEquals(LinkFrame.encode(LinkOp.NEWS, 0, news.payload()), news.linkFrame());
        StringBuilder cells = new StringBuilder();
        CellNewsFrames.forEach(
                read.payload(),
                (cell, frame) ->
                        cells.append(cell).append('=').append(frame.toString()).append(' '));
        assertEquals("7=[1] -2={} ", cells.toString());
    }

    @Test
    void aFrameStartedForItsPayloadIsTheEncodedFrame() {
        byte[] payload = "{\"type\":\"Pong\"}".getBytes(UTF_8);
        assertEquals(
                LinkFrame.encode(LinkOp.SEND, 5, Buffer.buffer(payload)),
                LinkFrame.start(LinkOp.SEND, 5, payload.length).appendBytes(payload));
        assertEquals(
                LinkFrame.encode(LinkOp.SEND, 5, Buffer.buffer(payload)), LinkFrame.encode(LinkOp.SEND, 5, payload));
    }

    @Test
    void anEmptyPayloadIsAllowed() {
        LinkFrame read = LinkFrame.decode(LinkFrame.encode(LinkOp.CLOSED, 42, Buffer.buffer()));
        assertEquals(LinkOp.CLOSED, read.op());
        assertEquals(42, read.session());
        assertEquals(0, read.payload().length());
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> LinkFrame.decode(Buffer.buffer()));
        assertThrows(IllegalArgumentException.class, () -> LinkFrame.decode(Buffer.buffer("Zrest")));
        assertThrows(IllegalArgumentException.class, () -> LinkFrame.decode(Buffer.buffer(new byte[] {(byte) 0xFF})));
        assertThrows(IllegalArgumentException.class, () -> LinkFrame.decode(Buffer.buffer("S123")));
    }
}
