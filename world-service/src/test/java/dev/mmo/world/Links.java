package dev.mmo.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.world.TestActors.TestActor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** What the tests do over a link, and how they read the world's messages. */
public final class Links {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SESSIONS = new AtomicLong(1000);

    private Links() {}

    /** A session id no other test uses (gateways number their sessions themselves). */
    public static long newSession() {
        return SESSIONS.incrementAndGet();
    }

    /**
     * Opens a session for the actor and returns what its welcome SEND carries: Welcome, Online, own ModelData,
     * the others in its view.
     */
    public static List<JsonNode> join(LinkClient link, long session, TestActor actor) {
        link.open(session, actor.token());
        link.next(LinkOp.ACCEPT, session, WAIT);
        return LinkClient.messages(link.next(LinkOp.SEND, session, WAIT));
    }

    /** Opens a new session for the actor and waits for its welcome; returns the session id. */
    public static long joined(LinkClient link, TestActor actor) {
        long session = newSession();
        join(link, session, actor);
        return session;
    }

    public static String target(double x, double y) {
        return "{\"type\":\"Target\",\"x\":" + x + ",\"y\":" + y + "}";
    }

    /** One {@code Moves} entry with the tick of its message. */
    public record Entry(long tick, double x, double y, double tx, double ty) {
        public boolean arrival() {
            return x == tx && y == ty;
        }
    }

    /**
     * The actor's {@code Moves} entries in the given frames' news, in order: one per tick, however many cells
     * heard it.
     */
    public static List<Entry> entriesOf(List<LinkFrame> frames, long actorId) {
        List<Entry> entries = new ArrayList<>();
        for (LinkFrame frame : frames) {
            if (frame.op() == LinkOp.NEWS) {
                LinkClient.messages(frame).stream()
                        .flatMap(message -> entryIn(message, actorId).stream())
                        .findFirst()
                        .ifPresent(entries::add);
            }
        }
        return entries;
    }

    public static Optional<Entry> entryIn(JsonNode message, long actorId) {
        if (!message.path("type").asText().equals("Moves")) {
            return Optional.empty();
        }
        for (JsonNode move : message.get("moves")) {
            if (move.get("id").asLong() == actorId) {
                return Optional.of(new Entry(
                        message.get("tick").asLong(),
                        move.get("x").asDouble(),
                        move.get("y").asDouble(),
                        move.get("tx").asDouble(),
                        move.get("ty").asDouble()));
            }
        }
        return Optional.empty();
    }

    /** Waits for the next {@code Moves} entry of that actor in the news of any cell. */
    public static Entry nextEntry(LinkClient link, long actorId) {
        JsonNode moves = link.nextMessage(
                message -> entryIn(message, actorId).isPresent(), WAIT, "Moves entry for actor " + actorId);
        return entryIn(moves, actorId).orElseThrow();
    }

    /** Waits for the actor's first entry among the frames the link received after the first {@code skipped}. */
    public static Entry firstEntryAfter(LinkClient link, int skipped, long actorId) {
        Entry[] found = new Entry[1];
        Await.until(
                () -> {
                    List<LinkFrame> received = link.received();
                    List<Entry> entries = entriesOf(received.subList(skipped, received.size()), actorId);
                    found[0] = entries.isEmpty() ? null : entries.getFirst();
                    return found[0] != null;
                },
                WAIT,
                "Moves entry for actor " + actorId);
        return found[0];
    }

    /** Waits for the actor's next arrival entry, skipping others. */
    public static Entry nextArrival(LinkClient link, long actorId) {
        JsonNode moves = link.nextMessage(
                message -> entryIn(message, actorId).filter(Entry::arrival).isPresent(),
                WAIT,
                "arrival of actor " + actorId);
        return entryIn(moves, actorId).orElseThrow();
    }

    /**
     * The states after each further tick that a client computes from an entry with the step rule of
     * docs/protocol.md, ending with the arrival.
     */
    public static List<double[]> replay(double x, double y, double tx, double ty, double step) {
        List<double[]> states = new ArrayList<>();
        while (x != tx || y != ty) {
            double dx = tx - x;
            double dy = ty - y;
            double dist = Math.sqrt(dx * dx + dy * dy);
            if (dist <= step) {
                x = tx;
                y = ty;
            } else {
                x = x + (dx / dist) * step;
                y = y + (dy / dist) * step;
            }
            states.add(new double[] {x, y});
        }
        return states;
    }

    /** The ModelData the world sends for a stored actor standing at (x, y) after that tick. */
    public static JsonNode modelData(TestActor actor, long tick, double x, double y) {
        try {
            return JSON.readTree("""
                    {"type":"ModelData","tick":%d,"tx":%s,"ty":%s,"model":{"id":%d,"model_type":"Actor","avatar_id":%d,
                     "instanced_entity":{"id":%d,"x":%s,"y":%s,"entity":{"id":%d,"name":"%s"}}}}""".formatted(
                            tick,
                            x,
                            y,
                            actor.actorId(),
                            actor.avatarId(),
                            actor.instancedEntityId(),
                            x,
                            y,
                            actor.entityId(),
                            actor.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a position is the entry's or one that the step rule reaches from it. */
    public static boolean onPath(Entry from, double[] position) {
        if (from.x() == position[0] && from.y() == position[1]) {
            return true;
        }
        return replay(from.x(), from.y(), from.tx(), from.ty(), WorldTestResource.STEP).stream()
                .anyMatch(state -> state[0] == position[0] && state[1] == position[1]);
    }
}
