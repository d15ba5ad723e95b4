package dev.mmo.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.e2e.Walks.Walk;
import dev.mmo.testing.Await;
import dev.mmo.testing.GameClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's lesson, played through the real gateway against the real world-service: walking, seeing each other,
 * the three problems the tutorial leaves open (standing where you left, seeing everyone on join, no one sliding
 * in from a corner), and seeing only who is near. The system runs 100-unit cells ({@link RunningSystem#CELL_SIZE}):
 * new players stand at (0, 0) and see everyone within x and y in [-100, 200).
 */
class GameThroughGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double STEP = 70.0 / 20; // speed / tickRate as configured by default
    /** From this x (or y) on, a player standing at (0, 0) sees no one: where the first cell beyond its view begins. */
    private static final double VIEW_EDGE = (RunningSystem.VIEW_RADIUS + 1) * RunningSystem.CELL_SIZE;

    private final RunningSystem system = RunningSystem.get();

    /** A registered player who can connect as often as a test likes. */
    private record Player(String name, long actorId) {}

    private Player newPlayer(String prefix) {
        String name = Players.uniqueName(prefix);
        return new Player(name, Players.register(system, name, 1));
    }

    /** A player in the world, its welcome read up to its own model; the rest of the welcome is still to be read. */
    private record Joined(GameClient client, long online, JsonNode own) {}

    /** Connects, authenticates and reads the welcome up to the player's own ModelData, which goes into snapshot. */
    private GameClient play(Player player, List<JsonNode> snapshot) {
        Joined joined = join(player, Players.login(system, player.name()));
        snapshot.add(joined.own());
        return joined.client();
    }

    /** Connects with a token and reads the welcome's start: Welcome, Online, the player's own ModelData. */
    private Joined join(Player player, String token) {
        GameClient client = GameClient.join(system.gameSocket(), token);
        JsonNode welcome = client.next(WAIT);
        assertEquals("Welcome", welcome.path("type").asText(), "the first message is Welcome");
        assertEquals(player.actorId(), welcome.path("actorId").asLong());
        JsonNode online = client.next(WAIT);
        assertEquals("Online", online.path("type").asText(), "then the number of players online: " + online);
        assertTrue(online.path("count").asLong() >= 1, "counting at least the newcomer: " + online);
        JsonNode own = client.next(WAIT);
        assertEquals("ModelData", own.path("type").asText());
        assertEquals(player.actorId(), own.path("model").path("id").asLong(), "then the player's own model");
        return new Joined(client, online.path("count").asLong(), own);
    }

    private static JsonNode modelOf(GameClient client, long actorId) {
        return client.next(
                message -> "ModelData".equals(message.path("type").asText())
                        && message.path("model").path("id").asLong() == actorId,
                WAIT,
                "ModelData of actor " + actorId);
    }

    /** The next Moves message with an entry in which that actor stands on its target: its arrival. */
    private static JsonNode arrivalOf(GameClient client, long actorId) {
        return client.next(
                message -> {
                    JsonNode entry = "Moves".equals(message.path("type").asText()) ? entryOf(message, actorId) : null;
                    return entry != null
                            && entry.path("x").asDouble() == entry.path("tx").asDouble()
                            && entry.path("y").asDouble() == entry.path("ty").asDouble();
                },
                WAIT,
                "the arrival of actor " + actorId);
    }

    /** Whether a message is about that actor: its ModelData, Leave or Despawn, or a Moves entry of it. */
    private static boolean isAbout(JsonNode message, long actorId) {
        return switch (message.path("type").asText()) {
            case "ModelData" -> message.path("model").path("id").asLong() == actorId;
            case "Leave", "Despawn" -> message.path("actorId").asLong() == actorId;
            case "Moves" -> entryOf(message, actorId) != null;
            default -> false;
        };
    }

    /**
     * Everything the client is told up to a marker: the world's answer to a Target without numbers, an Error, which
     * the world sends after all it sent before and the gateway writes after all that waits for the player.
     */
    private static List<JsonNode> everythingUpToAMarker(GameClient client) {
        client.send("{\"type\":\"Target\",\"x\":\"marker\",\"y\":0}");
        List<JsonNode> told = client.nextUpTo(
                message -> "Error".equals(message.path("type").asText()), WAIT, "the world's answer to the marker");
        assertEquals(
                "bad_request",
                told.getLast().path("code").asText(),
                told.getLast().toString());
        return told;
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
        assertEquals(
                0.0,
                modelOf(aliceClient, bob.actorId())
                        .path("model")
                        .path("instanced_entity")
                        .path("x")
                        .asDouble(),
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
            JsonNode seenByBob =
                    modelOf(bobClient, alice.actorId()).path("model").path("instanced_entity");
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
        // Logged in beforehand, so that the newcomer joins while the walker is still in its view: the diagonal to
        // (700, 700) stays inside [-100, 200) for its first 283 units, about 4 s.
        String newcomerToken = Players.login(system, newcomer.name());
        try (GameClient walking = play(walker, new ArrayList<>())) {
            walking.target(700, 700);
            walking.next(
                    message ->
                            "Moves".equals(message.path("type").asText()) && entryOf(message, walker.actorId()) != null,
                    WAIT,
                    "the walker's own start entry");

            try (GameClient joining = join(newcomer, newcomerToken).client()) {
                JsonNode seen = modelOf(joining, walker.actorId());
                assertEquals(700.0, seen.path("tx").asDouble(), "the newcomer learns where the walker is going");
                assertEquals(700.0, seen.path("ty").asDouble());
                double y = seen.path("model").path("instanced_entity").path("y").asDouble();
                assertTrue(y > 0 && y < VIEW_EDGE, "and sees the walker mid-walk, in view, at y=" + y);
            }
        }
    }

    @Test
    void playersFarApartDoNotSeeEachOtherUntilOneWalksIntoViewAndLeaveWhenItWalksAway() {
        Player a = newPlayer("far_a");
        Player b = newPlayer("far_b");
        double far = VIEW_EDGE + RunningSystem.CELL_SIZE / 2.0; // 250: the middle of the first cell out of view
        double near = RunningSystem.CELL_SIZE / 2.0; // 50: in the cell next to b's
        try (GameClient aClient = play(a, new ArrayList<>())) {
            aClient.target(far, 0);
            JsonNode aWentFar = entryOf(arrivalOf(aClient, a.actorId()), a.actorId());
            assertEquals(far, aWentFar.path("x").asDouble());

            Joined bJoined = join(b, Players.login(system, b.name()));
            try (GameClient bClient = bJoined.client()) {
                assertTrue(bJoined.online() >= 2, "b's welcome counts a, out of view, online too: " + bJoined.online());
                List<JsonNode> bWelcomeAndAfter = everythingUpToAMarker(bClient);
                assertTrue(
                        bWelcomeAndAfter.stream().noneMatch(message -> isAbout(message, a.actorId())),
                        "b, at (0, 0), is told nothing of a at (" + far + ", 0): " + bWelcomeAndAfter);
                List<JsonNode> aAfterBJoined = everythingUpToAMarker(aClient);
                assertTrue(
                        aAfterBJoined.stream().noneMatch(message -> isAbout(message, b.actorId())),
                        "nor a of b joining out of its view: " + aAfterBJoined);

                // a walks to b. Its start is out of b's view: b first hears of a when a comes into view.
                aClient.target(near, 0);
                JsonNode aCame = bClient.next(message -> isAbout(message, a.actorId()), WAIT, "news of a");
                assertEquals(
                        "ModelData", aCame.path("type").asText(), "a comes into b's view with its model: " + aCame);
                double cameAt =
                        aCame.path("model").path("instanced_entity").path("x").asDouble();
                assertTrue(cameAt < VIEW_EDGE && cameAt > near, "a is in view, on its way, at x=" + cameAt);
                assertEquals(
                        0.0,
                        aCame.path("model").path("instanced_entity").path("y").asDouble());
                assertEquals(near, aCame.path("tx").asDouble(), "with its target, so that b can replay its walk");
                assertEquals(0.0, aCame.path("ty").asDouble());
                JsonNode bCame = modelOf(aClient, b.actorId());
                assertEquals(
                        0.0,
                        bCame.path("model").path("instanced_entity").path("x").asDouble(),
                        "and a sees b, standing at (0, 0), at the same time");

                JsonNode arrivalMoves = arrivalOf(bClient, a.actorId());
                JsonNode arrival = entryOf(arrivalMoves, a.actorId());
                assertEquals(near, arrival.path("x").asDouble(), "b sees a arrive exactly on its target");
                assertEquals(0.0, arrival.path("y").asDouble());
                long steps = (long) Math.ceil((cameAt - near) / STEP);
                assertEquals(
                        aCame.path("tick").asLong() + steps,
                        arrivalMoves.path("tick").asLong(),
                        "the ModelData's tick and state replay to the arrival: " + steps + " steps from x=" + cameAt);

                // a walks away again: each gets the other's Leave, and b hears nothing more of a.
                aClient.target(far, 0);
                JsonNode aLeft = bClient.next(
                        message -> isAbout(message, a.actorId())
                                && !"Moves".equals(message.path("type").asText()),
                        WAIT,
                        "a going out of b's view");
                assertEquals(
                        "Leave", aLeft.path("type").asText(), "a walked out of view, it did not log out: " + aLeft);
                JsonNode bLeft = aClient.next(
                        message -> isAbout(message, b.actorId())
                                && !"Moves".equals(message.path("type").asText()),
                        WAIT,
                        "b going out of a's view");
                assertEquals("Leave", bLeft.path("type").asText(), bLeft.toString());
                assertEquals(
                        far,
                        entryOf(arrivalOf(aClient, a.actorId()), a.actorId())
                                .path("x")
                                .asDouble(),
                        "a arrives far away again");
                List<JsonNode> bAfterLeave = everythingUpToAMarker(bClient);
                assertTrue(
                        bAfterLeave.stream().noneMatch(message -> isAbout(message, a.actorId())),
                        "b is told nothing of a out of view, not even its arrival: " + bAfterLeave);
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
    void aGracefulWorldRestartKeepsTheWalkersPositionAndTheGatewayReconnects() {
        Player runner = newPlayer("runner");
        String token = Players.login(system, runner.name());
        Walk start;
        long startTick;
        JsonNode seen;
        try (GameClient running = join(runner, token).client()) {
            running.target(0, 3000);
            JsonNode moves = running.next(
                    message ->
                            "Moves".equals(message.path("type").asText()) && entryOf(message, runner.actorId()) != null,
                    WAIT,
                    "the walk's start");
            JsonNode entry = entryOf(moves, runner.actorId());
            start = new Walk(
                    entry.path("x").asDouble(),
                    entry.path("y").asDouble(),
                    entry.path("tx").asDouble(),
                    entry.path("ty").asDouble());
            startTick = moves.path("tick").asLong();
            // the walk's start is saved in its tick, and walkers every 5 s: let it walk on a second past its start
            seen = Await.until(
                    () -> modelAround(token, runner.actorId()),
                    model -> model != null && model.path("tick").asLong() >= startTick + 20,
                    WAIT,
                    "the runner a second into its walk");
            system.world().stop();
            assertEquals(1012, running.awaitClose(WAIT), "players are told the world restarts");
        }

        // The shutdown saves where the walk stood after the world's last tick, as standing (the walk ends with the
        // world): a save of the walk's start or a periodic one keeps its target and cannot pass for it.
        Walks.Saved saved = Walks.saved(system, runner.actorId()).orElseThrow();
        assertTrue(
                saved.tick() >= seen.path("tick").asLong(),
                "saved no earlier than tick " + seen.path("tick") + ", when the runner was seen walking: " + saved);
        double[] stood = Walks.path(start).get((int) (saved.tick() - startTick));
        assertEquals(
                new Walk(stood[0], stood[1], stood[0], stood[1]),
                saved.walk(),
                "saved standing where its walk had taken it by tick " + saved.tick());
        assertEquals(stood[0], saved.x());
        assertEquals(stood[1], saved.y());

        system.world().start(system.startTimeout());
        List<JsonNode> snapshot = new ArrayList<>();
        try (GameClient back = playOnceTheGatewayReconnects(runner, snapshot)) {
            JsonNode model = snapshot.getFirst().path("model").path("instanced_entity");
            assertEquals(stood[0], model.path("x").asDouble(), "back where it stood");
            assertEquals(stood[1], model.path("y").asDouble(), "back where it stood");
            assertFalse(back.isClosed());
        }
    }

    /**
     * The actor's ModelData from {@code GET /api/world/actors} around (0, 150), which sees y from 0 to 300: the first
     * four seconds of a walk north from (0, 0). Null when it is not there.
     */
    private JsonNode modelAround(String token, long actorId) {
        String body = given().auth()
                .oauth2(token)
                .queryParam("x", 0)
                .queryParam("y", 150)
                .get(system.gateway("/api/world/actors"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            for (JsonNode model : JSON.readTree(body)) {
                if (model.path("model").path("id").asLong() == actorId) {
                    return model;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
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
            assertEquals("Online", client.next(WAIT).path("type").asText());
            JsonNode own = client.next(WAIT);
            assertEquals(player.actorId(), own.path("model").path("id").asLong());
            snapshot.add(own);
            return client;
        }
    }
}
