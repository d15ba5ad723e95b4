package dev.mmo.world.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import dev.mmo.world.persistence.ActorRecord;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The server's messages on the game connection (docs/protocol.md), written straight to UTF-8 bytes with Jackson's
 * streaming generator. Doubles are written in Java's shortest round-trip form, so clients that replay the step
 * rule parse exactly the server's numbers.
 */
public final class ServerMessages {

    private static final JsonFactory JSON = new JsonFactory();

    private ServerMessages() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    public static byte[] welcome(long actorId, int tickRate, double speed, long tick) {
        return encode(json -> {
            json.writeStartObject();
            json.writeStringField("type", "Welcome");
            json.writeNumberField("actorId", actorId);
            json.writeNumberField("tickRate", tickRate);
            json.writeNumberField("speed", speed);
            json.writeNumberField("tick", tick);
            json.writeEndObject();
        });
    }

    public static byte[] online(int count) {
        return encode(json -> {
            json.writeStartObject();
            json.writeStringField("type", "Online");
            json.writeNumberField("count", count);
            json.writeEndObject();
        });
    }

    private static final byte[] DESPAWN = JsonBytes.ascii("{\"type\":\"Despawn\",\"actorId\":");
    private static final byte[] LEAVE = JsonBytes.ascii("{\"type\":\"Leave\",\"actorId\":");
    private static final byte[] END = JsonBytes.ascii("}");
    private static final byte[] ENTRY_ID = JsonBytes.ascii("{\"id\":");
    private static final byte[] ENTRY_X = JsonBytes.ascii(",\"x\":");
    private static final byte[] ENTRY_Y = JsonBytes.ascii(",\"y\":");
    private static final byte[] ENTRY_TX = JsonBytes.ascii(",\"tx\":");
    private static final byte[] ENTRY_TY = JsonBytes.ascii(",\"ty\":");

    public static byte[] despawn(long actorId) {
        return new JsonBytes(48).append(DESPAWN).append(actorId).append(END).toByteArray();
    }

    public static byte[] leave(long actorId) {
        return new JsonBytes(48).append(LEAVE).append(actorId).append(END).toByteArray();
    }

    /** One {@code Moves} entry, {@code {"id":…,"x":…,"y":…,"tx":…,"ty":…}}, to be put into {@link #moves}. */
    public static byte[] moveEntry(MoveEntry move) {
        return new JsonBytes(112)
                .append(ENTRY_ID)
                .append(move.actorId())
                .append(ENTRY_X)
                .append(move.x())
                .append(ENTRY_Y)
                .append(move.y())
                .append(ENTRY_TX)
                .append(move.tx())
                .append(ENTRY_TY)
                .append(move.ty())
                .append(END)
                .toByteArray();
    }

    /** A {@code Moves} message around entries encoded by {@link #moveEntry}, joined without encoding them again. */
    public static byte[] moves(long tick, List<byte[]> entries) {
        byte[] head = ("{\"type\":\"Moves\",\"tick\":" + tick + ",\"moves\":").getBytes(StandardCharsets.US_ASCII);
        byte[] list = array(entries);
        byte[] message = Arrays.copyOf(head, head.length + list.length + 1);
        System.arraycopy(list, 0, message, head.length, list.length);
        message[message.length - 1] = '}';
        return message;
    }

    /** One message as it is, or several as an array: what one server frame holds. Null when there are none. */
    public static byte[] frame(List<byte[]> messages) {
        return switch (messages.size()) {
            case 0 -> null;
            case 1 -> messages.getFirst();
            default -> array(messages);
        };
    }

    public static byte[] modelData(long tick, ActorModel actor) {
        return encode(json -> writeModelData(json, tick, actor));
    }

    /** A JSON array of {@code ModelData}, one per actor. */
    public static byte[] modelDataArray(long tick, List<ActorModel> actors) {
        return encode(json -> {
            json.writeStartArray();
            for (ActorModel actor : actors) {
                writeModelData(json, tick, actor);
            }
            json.writeEndArray();
        });
    }

    /** The length of {@link #appendFrame}'s frame of these messages. */
    public static int frameLength(List<byte[]> messages) {
        return messages.size() == 1 ? messages.getFirst().length : arrayLength(messages);
    }

    /** Appends what {@link #frame} makes of these messages (at least one) to {@code out}, without an array between. */
    public static Buffer appendFrame(Buffer out, List<byte[]> messages) {
        if (messages.size() == 1) {
            return out.appendBytes(messages.getFirst());
        }
        out.appendByte((byte) '[');
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.appendByte((byte) ',');
            }
            out.appendBytes(messages.get(i));
        }
        return out.appendByte((byte) ']');
    }

    private static int arrayLength(List<byte[]> messages) {
        int length = 2 + Math.max(0, messages.size() - 1);
        for (byte[] message : messages) {
            length += message.length;
        }
        return length;
    }

    /** A JSON array of messages that are already encoded, in the given order. */
    private static byte[] array(List<byte[]> messages) {
        byte[] array = new byte[arrayLength(messages)];
        array[0] = '[';
        int at = 1;
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                array[at++] = ',';
            }
            byte[] message = messages.get(i);
            System.arraycopy(message, 0, array, at, message.length);
            at += message.length;
        }
        array[at] = ']';
        return array;
    }

    private static void writeModelData(JsonGenerator json, long tick, ActorModel actor) throws IOException {
        ActorSnapshot state = actor.state();
        ActorRecord stored = actor.stored();
        json.writeStartObject();
        json.writeStringField("type", "ModelData");
        json.writeNumberField("tick", tick);
        json.writeNumberField("tx", state.tx());
        json.writeNumberField("ty", state.ty());
        json.writeObjectFieldStart("model");
        json.writeNumberField("id", state.actorId());
        json.writeStringField("model_type", "Actor");
        json.writeNumberField("avatar_id", state.avatarId());
        json.writeObjectFieldStart("instanced_entity");
        json.writeNumberField("id", stored.instancedEntityId());
        json.writeNumberField("x", state.x());
        json.writeNumberField("y", state.y());
        json.writeObjectFieldStart("entity");
        json.writeNumberField("id", stored.entityId());
        json.writeStringField("name", state.name());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static byte[] encode(Body body) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256)) {
            try (JsonGenerator json = JSON.createGenerator(bytes)) {
                body.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
