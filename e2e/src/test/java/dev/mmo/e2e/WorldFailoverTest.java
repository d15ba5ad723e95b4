package dev.mmo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.e2e.Walks.Walk;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.GameClient;
import dev.mmo.testing.LinkClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two world-services on one database (docs/reliability.md): only the one holding the ownership lock ticks and is
 * ready; the other waits as a standby. {@code kill -9} of the owner: the standby takes over within seconds, and
 * every player is back where it stood, to within a second of walking. The system's own world-service is stopped
 * while these run (one database has one world owner) and started again afterwards.
 */
class WorldFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The target: players back in the world within this long after the kill. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(5);

    private static final double SPEED = 70;

    private static final RunningSystem system = RunningSystem.get();

    @BeforeAll
    static void theSystemsWorldLetsGo() {
        system.world().stop();
    }

    @AfterAll
    static void theSystemsWorldComesBack() {
        system.world().start(system.startTimeout());
    }

    private record Player(String name, long actorId, String token) {}

    private static Player newPlayer(String prefix) {
        String name = Players.uniqueName(prefix);
        long actorId = Players.register(system, name, 3);
        return new Player(name, actorId, Players.login(system, name));
    }

    @Test
    void aStandbyNeverTicksWhileTheOwnerLivesAndTakesOverWithinSecondsOfAKill() throws IOException {
        Player walker = newPlayer("walker");
        Player stander = newPlayer("stander");
        try (ServiceProcess owner = system.newWorld("world-a").start(system.startTimeout());
                ServiceProcess standby = system.newWorld("world-b").startStandby(system.startTimeout())) {
            assertStandby(standby);

            Walk walk;
            long targetSent;
            long walkSeen;
            long killed;
            try (LinkClient gateway = LinkClient.connect(owner.url(""), system.linkSecret())) {
                joinOnLink(gateway, 1, walker);
                joinOnLink(gateway, 2, stander);
                targetSent = System.nanoTime();
                gateway.frame(1, "{\"type\":\"Target\",\"x\":0,\"y\":3000}");
                gateway.frame(2, "{\"type\":\"Target\",\"x\":50,\"y\":0}");
                walk = entryOf(gateway, walker.actorId(), false);
                walkSeen = System.nanoTime();
                awaitWalkSaved(walker, walk);
                entryOf(gateway, stander.actorId(), true); // the stander arrived: its walk is over

                assertStandby(standby); // still, after the owner ticked for a while: the positive control is below
                killed = System.nanoTime();
                owner.kill();
                gateway.awaitClose(WAIT);
            }

            awaitStatus(standby, "/q/health/ready", 200, "the standby to take over");
            long ready = System.nanoTime();
            try (LinkClient gateway = LinkClient.connect(standby.url(""), system.linkSecret())) {
                JsonNode walkerBack = joinOnLink(gateway, 11, walker);
                JsonNode standerBack = joinOnLink(gateway, 12, stander);
                long back = System.nanoTime();
                System.out.printf(
                        "e2e failover (link level): kill -9 -> standby ready %d ms, players back %d ms%n",
                        millis(ready - killed), millis(back - killed));
                assertTrue(
                        back - killed < BACK_WITHIN.toNanos(),
                        "players back within " + BACK_WITHIN + ": " + millis(back - killed) + " ms");

                assertTrue(metric(standby, "mmo_world_tick") > 0, "the new owner ticks (the standby's control)");
                assertEquals(50.0, x(standerBack), "the stander stands where it arrived");
                assertEquals(0.0, y(standerBack));
                assertWhereItStood(walk, x(walkerBack), y(walkerBack), walkSeen, killed, targetSent);
            }
        }
    }

    @Test
    void playersThroughAGatewayAreBackWithinFiveSecondsWhereTheyStood() throws IOException {
        Player walker = newPlayer("runner");
        try (ServiceProcess owner = system.newWorld("world-c").start(system.startTimeout());
                ServiceProcess standby = system.newWorld("world-d").startStandby(system.startTimeout());
                ServiceProcess gateway = system.newGateway(
                                "gateway-failover", system.chat(), owner.url("") + "," + standby.url(""))
                        .start(system.startTimeout())) {
            Walk walk;
            long targetSent;
            long walkSeen;
            long killed;
            // the gateway has just started: until its world link is up it closes players at once
            try (GameClient client = joinThrough(gateway, walker, System.nanoTime() + WAIT.toNanos())
                    .client()) {
                targetSent = System.nanoTime();
                client.target(0, -3000);
                JsonNode start = client.next(
                        message -> "Moves".equals(message.path("type").asText())
                                && entry(message, walker.actorId()) != null,
                        WAIT,
                        "the walk's start");
                JsonNode entry = entry(start, walker.actorId());
                walk = new Walk(
                        entry.path("x").asDouble(),
                        entry.path("y").asDouble(),
                        entry.path("tx").asDouble(),
                        entry.path("ty").asDouble());
                walkSeen = System.nanoTime();
                awaitWalkSaved(walker, walk);
                killed = System.nanoTime();
                owner.kill();
                int code = client.awaitClose(WAIT);
                assertTrue(code == 1012 || code == 1013, "the player is told to come back: " + code);
            }
            JsonNode own = rejoin(gateway, walker, killed);
            long back = System.nanoTime();
            System.out.printf(
                    "e2e failover (through the gateway): kill -9 -> player back %d ms%n", millis(back - killed));
            assertTrue(
                    back - killed < BACK_WITHIN.toNanos(),
                    "back within " + BACK_WITHIN + ": " + millis(back - killed) + " ms");
            JsonNode stood = own.path("model").path("instanced_entity");
            assertWhereItStood(
                    walk, stood.path("x").asDouble(), stood.path("y").asDouble(), walkSeen, killed, targetSent);
        }
    }

    /** Reconnects through the gateway until the world welcomes the player again; returns its own ModelData. */
    private static JsonNode rejoin(ServiceProcess gateway, Player player, long since) {
        Welcomed back = joinThrough(gateway, player, since + BACK_WITHIN.toNanos() + WAIT.toNanos());
        back.client().close();
        return back.own();
    }

    /** An open game connection, its welcome read up to the player's own ModelData. */
    private record Welcomed(GameClient client, JsonNode own) {}

    /**
     * Connects through the gateway, again and again until the world welcomes the player (while the gateway has no
     * world link it closes the player at once), until {@code deadline} ({@link System#nanoTime()}).
     */
    private static Welcomed joinThrough(ServiceProcess gateway, Player player, long deadline) {
        while (System.nanoTime() < deadline) {
            GameClient client = GameClient.join(gateway.gameSocket(), player.token());
            if (firstMessageBeforeClose(client, deadline)) {
                return new Welcomed(client, readWelcome(client, player));
            }
            client.close();
        }
        throw new AssertionError("the player was not welcomed through " + gateway.url("") + " in time");
    }

    /** Whether a message arrives before the server closes the connection. */
    private static boolean firstMessageBeforeClose(GameClient client, long deadline) {
        Await.until(
                () -> client.framesReceived() > 0 || client.isClosed(),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                "a message or a close");
        return client.framesReceived() > 0;
    }

    private static JsonNode readWelcome(GameClient client, Player player) {
        JsonNode welcome = client.next(Duration.ofSeconds(2));
        assertEquals("Welcome", welcome.path("type").asText(), welcome.toString());
        assertEquals("Online", client.next(WAIT).path("type").asText());
        JsonNode own = client.next(WAIT);
        assertEquals(player.actorId(), own.path("model").path("id").asLong());
        return own;
    }

    /**
     * On the walk's straight path (replayed with the step rule: one of its states, bit for bit), within a second of
     * walking of where it stood at the kill: it had walked between (kill − entry seen) and (kill − target sent).
     */
    private static void assertWhereItStood(Walk walk, double x, double y, long walkSeen, long killed, long targetSent) {
        List<double[]> path = Walks.path(walk);
        assertTrue(
                path.stream().anyMatch(state -> state[0] == x && state[1] == y),
                "(" + x + ", " + y + ") is on the walk's path from " + walk);
        double walked = Math.hypot(x - walk.x(), y - walk.y());
        double atLeast = (killed - walkSeen) / 1e9 * SPEED - SPEED;
        double atMost = (killed - targetSent) / 1e9 * SPEED + SPEED;
        assertTrue(
                walked >= atLeast && walked <= atMost,
                "walked " + walked + " from its entry; where it stood at the kill is " + atLeast + " to " + atMost);
    }

    private static void assertStandby(ServiceProcess standby) {
        assertEquals(503, standby.status("/q/health/ready"), "a standby is not ready");
        assertTrue(standby.body("/q/health/ready").contains("\"standby\""), standby.body("/q/health/ready"));
        assertEquals(200, standby.status("/q/health/live"), "but alive");
        assertEquals(503, standby.status("/link"), "it refuses gateways before the upgrade");
        assertEquals(0.0, metric(standby, "mmo_world_tick"), "and has never ticked");
    }

    private static double metric(ServiceProcess service, String name) {
        for (String line : service.body("/q/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static void awaitStatus(ServiceProcess service, String path, int status, String what) {
        Await.until(() -> service.status(path) == status, WAIT, what);
    }

    /** Opens a session on a world link and returns the player's own ModelData from its welcome. */
    private static JsonNode joinOnLink(LinkClient gateway, long session, Player player) {
        gateway.open(session, player.token());
        gateway.next(LinkOp.ACCEPT, session, WAIT);
        List<JsonNode> welcome = LinkClient.messages(gateway.next(LinkOp.SEND, session, WAIT));
        assertEquals("Welcome", welcome.get(0).path("type").asText());
        return welcome.get(2);
    }

    /**
     * Waits until the walk is in the database: the world saves a walk's start in its tick, but its position writer
     * writes it a moment later, and a kill before that loses the walk (the new owner finds the actor standing).
     */
    private static void awaitWalkSaved(Player walker, Walk walk) {
        Await.until(
                () -> {
                    Walk saved = Walks.saved(system, walker.actorId())
                            .map(Walks.Saved::walk)
                            .orElse(null);
                    return saved != null && saved.tx() == walk.tx() && saved.ty() == walk.ty();
                },
                WAIT,
                "the walk of actor " + walker.actorId() + " to (" + walk.tx() + ", " + walk.ty() + ") saved");
    }

    /** The actor's next Moves entry (its arrival, if {@code arrival}) in the link's news or its own SENDs. */
    private static Walk entryOf(LinkClient gateway, long actorId, boolean arrival) {
        JsonNode moves = gateway.nextMessage(
                message -> {
                    JsonNode entry = "Moves".equals(message.path("type").asText()) ? entry(message, actorId) : null;
                    return entry != null
                            && (!arrival
                                    || (entry.path("x").asDouble()
                                                    == entry.path("tx").asDouble()
                                            && entry.path("y").asDouble()
                                                    == entry.path("ty").asDouble()));
                },
                WAIT,
                "Moves entry of actor " + actorId);
        JsonNode entry = entry(moves, actorId);
        return new Walk(
                entry.path("x").asDouble(),
                entry.path("y").asDouble(),
                entry.path("tx").asDouble(),
                entry.path("ty").asDouble());
    }

    private static JsonNode entry(JsonNode moves, long actorId) {
        for (JsonNode entry : moves.path("moves")) {
            if (entry.path("id").asLong() == actorId) {
                return entry;
            }
        }
        return null;
    }

    private static double x(JsonNode model) {
        return model.path("model").path("instanced_entity").path("x").asDouble();
    }

    private static double y(JsonNode model) {
        return model.path("model").path("instanced_entity").path("y").asDouble();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
