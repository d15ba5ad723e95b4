package dev.mmo.world.link;

import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.world.core.WorldInput;
import dev.mmo.world.protocol.ServerMessages;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A player session that a gateway opened on its link and whose token was good: the gateway's session id, the
 * actor it plays, and a way to write to it. Writing is thread-safe and never blocks.
 * <p>
 * Walk targets wait in a single slot until the world loop takes them: a newer target replaces one the loop has not
 * taken yet, exactly as the world itself lets the last target within a tick win. So a flooding session costs one
 * input per tick at most, and nothing is queued without bound.
 */
public final class Session {

    private static final Buffer NO_PAYLOAD = Buffer.buffer();

    private final GatewayLink link;
    private final long id;
    private final long actorId;
    private final AtomicReference<WorldInput.Target> pendingTarget = new AtomicReference<>();

    Session(GatewayLink link, long id, long actorId) {
        this.link = link;
        this.id = id;
        this.actorId = actorId;
    }

    public long actorId() {
        return actorId;
    }

    /** From now on the gateway writes this link's broadcasts to this player. */
    public void accept() {
        link.write(LinkOp.ACCEPT, id, NO_PAYLOAD);
    }

    /** From now on the gateway writes the news of this cell to this player. */
    public void view(int cell) {
        link.write(LinkOp.VIEW, id, Buffer.buffer(Integer.BYTES).appendInt(cell));
    }

    /** A server frame (one JSON message or an array of them) for this player only. */
    public void send(byte[] json) {
        link.writeFrame(LinkOp.SEND, LinkFrame.encode(LinkOp.SEND, id, json));
    }

    /**
     * Server messages for this player only, as one frame (a message alone, several as an array), joined straight
     * into the link frame.
     */
    public void send(List<byte[]> messages) {
        Buffer frame = LinkFrame.start(LinkOp.SEND, id, ServerMessages.frameLength(messages));
        link.writeFrame(LinkOp.SEND, ServerMessages.appendFrame(frame, messages));
    }

    /** Makes the gateway close the player's connection with that close code. */
    public void kick(int closeCode, String reason) {
        link.kick(id, closeCode, reason);
    }

    /** Puts a target in the slot; false when it replaced one not yet taken (and so needs no new notice). */
    boolean offerTarget(WorldInput.Target target) {
        return pendingTarget.getAndSet(target) == null;
    }

    /** Takes the waiting target, or null. World loop only. */
    public WorldInput.Target takeTarget() {
        return pendingTarget.getAndSet(null);
    }

    @Override
    public String toString() {
        return "session " + id + " (actor " + actorId + ") on " + link;
    }
}
