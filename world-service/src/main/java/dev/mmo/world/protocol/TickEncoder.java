package dev.mmo.world.protocol;

import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import dev.mmo.world.core.view.CellNews;
import dev.mmo.world.core.view.ViewChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Encodes one tick for the players: every message about an actor is encoded once, however many cells and players
 * hear it, and a cell's frame is those bytes joined. Nothing is encoded per player. Loop thread only; one per tick.
 */
public final class TickEncoder {

    private final long tick;
    private final LongFunction<ModelBytes> modelOf;
    private final Map<Long, byte[]> modelData = new HashMap<>();
    private final Map<Long, byte[]> leaves = new HashMap<>();
    private final Map<Long, byte[]> despawns = new HashMap<>();
    private final IdentityHashMap<MoveEntry, byte[]> entries = new IdentityHashMap<>();

    /** @param modelOf the fixed part of an online actor's {@code ModelData} */
    public TickEncoder(long tick, LongFunction<ModelBytes> modelOf) {
        this.tick = tick;
        this.modelOf = modelOf;
    }

    /** The {@link dev.mmo.shared.link.LinkOp#NEWS} payload of the tick: each cell's frame. */
    public CellNewsFrames news(List<CellNews> news) {
        CellNewsFrames frames = new CellNewsFrames();
        for (CellNews cell : news) {
            List<byte[]> messages = new ArrayList<>();
            events(messages, cell.despawned(), cell.left(), cell.entered());
            if (!cell.moves().isEmpty()) {
                List<byte[]> encoded = new ArrayList<>(cell.moves().size());
                for (MoveEntry move : cell.moves()) {
                    encoded.add(entry(move));
                }
                messages.add(ServerMessages.moves(tick, encoded));
            }
            byte[] frame = ServerMessages.frame(messages);
            if (frame != null) {
                frames.add(cell.cell(), frame);
            }
        }
        return frames;
    }

    /** A {@code Moves} with one actor's own entry, for its player alone (who should not wait for its cell's). */
    public byte[] ownMoves(MoveEntry move) {
        return ServerMessages.moves(tick, List.of(entry(move)));
    }

    /** What a player whose actor changed cells hears besides its new cell's news, in order; empty when nothing. */
    public List<byte[]> viewChange(ViewChange change) {
        List<byte[]> messages = new ArrayList<>(change.despawned().size()
                + change.left().size()
                + change.entered().size());
        events(messages, change.despawned(), change.left(), change.entered());
        return messages;
    }

    /** {@code ModelData} of an online actor as after this tick. */
    public byte[] modelData(ActorSnapshot actor) {
        return modelData.computeIfAbsent(
                actor.actorId(), id -> modelOf.apply(id).at(tick, actor));
    }

    private byte[] entry(MoveEntry move) {
        return entries.computeIfAbsent(move, ServerMessages::moveEntry);
    }

    private void events(List<byte[]> messages, List<Long> despawned, List<Long> left, List<ActorSnapshot> entered) {
        for (long actorId : despawned) {
            messages.add(despawns.computeIfAbsent(actorId, ServerMessages::despawn));
        }
        for (long actorId : left) {
            messages.add(leaves.computeIfAbsent(actorId, ServerMessages::leave));
        }
        for (ActorSnapshot actor : entered) {
            messages.add(modelData(actor));
        }
    }
}
