package dev.mmo.world.protocol;

import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.persistence.ActorRecord;
import java.nio.charset.StandardCharsets;

/**
 * The parts of an actor's {@code ModelData} that do not change while it is online (ids, avatar, name), encoded
 * once; {@link #at} adds the tick, the target and the position. A player walking into a crowded area is told of
 * dozens of actors at once, so this is on the world loop's hot path.
 */
public final class ModelBytes {

    private static final byte[] TYPE_AND_TICK = JsonBytes.ascii("{\"type\":\"ModelData\",\"tick\":");
    private static final byte[] TX = JsonBytes.ascii(",\"tx\":");
    private static final byte[] TY = JsonBytes.ascii(",\"ty\":");
    private static final byte[] Y = JsonBytes.ascii(",\"y\":");

    /** <code>,"model":{"id":…,"model_type":"Actor","avatar_id":…,"instanced_entity":{"id":…,"x":</code> */
    private final byte[] head;
    /** {@code ,"entity":{"id":…,"name":"…"}}}} */
    private final byte[] tail;

    public ModelBytes(ActorRecord stored) {
        String model = new String(
                ServerMessages.modelData(
                        0,
                        new ActorModel(
                                new ActorSnapshot(stored.actorId(), stored.name(), stored.avatarId(), 0, 0, 0, 0),
                                stored)),
                StandardCharsets.UTF_8);
        // cut Jackson's own encoding of this actor around its four moving numbers, so names are escaped by Jackson
        int modelAt = model.indexOf(",\"model\":");
        int xAt = model.indexOf("\"x\":", modelAt) + 4;
        int entityAt = model.indexOf(",\"entity\":", xAt);
        this.head = utf8(model.substring(modelAt, xAt));
        this.tail = utf8(model.substring(entityAt));
    }

    /** The actor's {@code ModelData} as after {@code tick}, in the state of the snapshot. */
    public byte[] at(long tick, ActorSnapshot state) {
        return new JsonBytes(head.length + tail.length + 128)
                .append(TYPE_AND_TICK)
                .append(tick)
                .append(TX)
                .append(state.tx())
                .append(TY)
                .append(state.ty())
                .append(head)
                .append(state.x())
                .append(Y)
                .append(state.y())
                .append(tail)
                .toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
