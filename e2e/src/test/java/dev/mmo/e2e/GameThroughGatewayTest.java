package dev.mmo.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.testing.GameClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial's lesson, played through the real gateway against the real world-service: walking, seeing each other,
 * and the three problems the tutorial leaves open (standing where you left, seeing everyone on join, no one sliding
 * in from a corner).
 */
class GameThroughGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final double STEP = 70.0 / 20; // speed / tickRate as configured by default

    private final RunningSystem system = RunningSystem.get();

    /** A registered player who can connect as often as a test likes. */
    private record Player(String name, long actorId) {
    }

    private Player newPlayer(String prefix) {
        String name = Players.uniqueName(prefix);
        return new Player(name, Players.register(system, name, 1));
    }

    /** Connects, authenticates and reads the join snapshot: Welcome, own ModelData, everyone else's. */
    private GameClient play(Player player, List<JsonNode> snapshot) {
        GameClient client = GameClient.join(system.gameSocket(), Players.login(system, player.name()));
        JsonNode welcome = client.next(WAIT);
        assertEquals("Welcome", welcome.path("type").asText(), "the first message is Welcome");
        assertEquals(player.actorId(), welcome.path("actorId").asLong());
        JsonNode own = client.next(WAIT);
        assertEquals("ModelData", own.path("type").asText());
        assertEquals(player.actorId(), own.path("model").path("id").asLong(), "then the player's own model");
        snapshot.add(own);
        return client;
    }

    private static JsonNode modelOf(GameClient client, long actorId) {
        return client.next(message -> "ModelData".equals(message.path("type").asText())
                && message.path("model").path("id").asLong() == actorId, WAIT, "ModelData of actor " + actorId);
    }

    private static JsonNode entryOf(JsonNode moves, long actorId) {
        for (JsonNode entry : moves.path("moves")) {
            if (entry.path("id").asLong() == actorId) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void twoPlayersSeeEachOtherWalkAndALeaverComesBackWhereTheyStood() {
        Player alice = newPlayer("alice");
        Player bob = newPlayer("bob");
        List<JsonNode> ignored = new ArrayList<>();
        GameClient aliceClient = play(alice, ignored);
        GameClient bobClient = play(bob, ignored);
        assertEquals(0.0, modelOf(aliceClient, bob.actorId()).path("model").path("instanced_entity").path("x").asDouble(),
                "alice sees bob arrive at his real position");

        aliceClient.target(70, 0);

        // bob hears of alice's walk twice: when it starts and when it ends, nothing in between
        JsonNode start = null;
        JsonNode arrival = null;
        List<Long> ticksWithAlice = new ArrayList<>();
        while (arrival == null) {
            JsonNode moves = bobClient.next("Moves", WAIT);
            JsonNode entry = entryOf(moves, alice.actorId());
            if (entry == null) {
                continue;
            }
            ticksWithAlice.add(moves.path("tick").asLong());
            if (start == null) {
                start = entry;
                assertEquals(STEP, entry.path("x").asDouble(), "the start entry carries the first step");
                assertEquals(70.0, entry.path("tx").asDouble());
            } else {
                arrival = entry;
            }
        }
        assertEquals(70.0, arrival.path("x").asDouble(), "arrival exactly on the target");
        assertEquals(0.0, arrival.path("y").asDouble());
        assertEquals(70.0, arrival.path("tx").asDouble());
        assertEquals(2, ticksWithAlice.size());
        assertEquals(19, ticksWithAlice.get(1) - ticksWithAlice.get(0), "20 steps of 3.5, the first in the start tick");

        aliceClient.close();
        JsonNode despawn = bobClient.next("Despawn", WAIT);
        assertEquals(alice.actorId(), despawn.path("actorId").asLong());

        List<JsonNode> aliceAgain = new ArrayList<>();
        try (GameClient back = play(alice, aliceAgain)) {
            JsonNode ownModel = aliceAgain.getFirst().path("model").path("instanced_entity");
            assertEquals(70.0, ownModel.path("x").asDouble(), "alice stands where she left");
            JsonNode seenByBob = modelOf(bobClient, alice.actorId()).path("model").path("instanced_entity");
            assertEquals(70.0, seenByBob.path("x").asDouble(), "bob sees her there at once, not sliding in from 0,0");
            assertEquals(0.0, seenByBob.path("y").asDouble());
            assertFalse(back.isClosed());
        } finally {
            bobClient.close();
        }
    }

    @Test
    void aNewcomerSeesSomeoneAlreadyWalkingWithTheirTarget() {
        Player walker = newPlayer("walker");
        Player newcomer = newPlayer("newcomer");
        try (GameClient walking = play(walker, new ArrayList<>())) {
            walking.target(0, 700);
            walking.next(message -> "Moves".equals(message.path("type").asText())
                    && entryOf(message, walker.actorId()) != null, WAIT, "the walker's own start entry");

            try (GameClient joining = play(newcomer, new ArrayList<>())) {
                JsonNode seen = modelOf(joining, walker.actorId());
                assertEquals(700.0, seen.path("ty").asDouble(), "the newcomer learns where the walker is going");
                double y = seen.path("model").path("instanced_entity").path("y").asDouble();
                assertTrue(y > 0 && y < 700, "and sees the walker mid-walk, at " + y);
            }
        }
    }

    @Test
    void connectionsWithoutAGoodTokenAreClosedWith4401() {
        try (GameClient silent = GameClient.connect(system.gameSocket())) {
            assertEquals(4401, silent.awaitClose(WAIT));
        }
        try (GameClient forged = GameClient.join(system.gameSocket(), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            assertEquals(4401, forged.awaitClose(WAIT));
        }
    }

    @Test
    void aGracefulWorldRestartKeepsTheWalkersPositionAndTheGatewayReconnects() throws InterruptedException {
        Player runner = newPlayer("runner");
        try (GameClient running = play(runner, new ArrayList<>())) {
            running.target(0, 3000);
            running.next("Moves", WAIT);
            Thread.sleep(1000); // walk a while, well short of the 5 s periodic save
            system.world().stop();
            assertEquals(1012, running.awaitClose(WAIT), "players are told the world restarts");
        }
        system.world().start(system.startTimeout());

        List<JsonNode> snapshot = new ArrayList<>();
        try (GameClient back = playOnceTheGatewayReconnects(runner, snapshot)) {
            JsonNode stood = snapshot.getFirst().path("model").path("instanced_entity");
            double y = stood.path("y").asDouble();
            assertTrue(y > 0 && y < 3000, "the position at the restart was saved, found y=" + y);
            assertEquals(0.0, stood.path("x").asDouble());
            assertFalse(back.isClosed());
        }
    }

    /** The gateway reopens its world link within a second or so of the world being ready; until then it says 1013. */
    private GameClient playOnceTheGatewayReconnects(Player player, List<JsonNode> snapshot) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            GameClient client = GameClient.join(system.gameSocket(), Players.login(system, player.name()));
            JsonNode first;
            try {
                first = client.next(Duration.ofSeconds(2));
            } catch (AssertionError closedBeforeWelcome) {
                client.close();
                if (System.nanoTime() > deadline) {
                    throw closedBeforeWelcome;
                }
                continue;
            }
            assertEquals("Welcome", first.path("type").asText());
            JsonNode own = client.next(WAIT);
            assertEquals(player.actorId(), own.path("model").path("id").asLong());
            snapshot.add(own);
            return client;
        }
    }
}
