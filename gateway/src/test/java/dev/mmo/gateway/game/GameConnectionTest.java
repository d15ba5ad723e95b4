package dev.mmo.gateway.game;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.Await;
import dev.mmo.testing.GameClient;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeWorld.class)
class GameConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final TestTokens TOKENS = TestTokens.get();

    FakeWorld world;

    @TestHTTPResource("/ws")
    URI ws;

    @BeforeEach
    void linkIsUp() {
        Await.until(() -> world.owner.hasLink() && world.chat.hasLink(), WAIT, "gateway linked to world and chat");
        world.received.clear();
        world.chatReceived.clear();
    }

    private URI gameAddress() {
        return URI.create(ws.toString().replace("http:", "ws:"));
    }

    /** The session id the fake world put into each player's welcome. */
    private final Map<GameClient, Long> sessions = new HashMap<>();

    private GameClient joined(long actorId, String name) {
        GameClient player = GameClient.join(gameAddress(), TOKENS.forActor(actorId, name));
        JsonNode welcome = player.next(WAIT);
        assertEquals("Welcome", welcome.path("type").asText());
        sessions.put(player, welcome.path("session").asLong());
        return player;
    }

    @Test
    void aPlayerWhoNeverAuthenticatesIsClosedWith4401() {
        try (GameClient silent = GameClient.connect(gameAddress())) {
            assertEquals(4401, silent.awaitClose(WAIT));
        }
    }

    @Test
    void badExpiredTamperedAndUnsignedTokensAreClosedWith4401() {
        for (String token : List.of(
                "not-a-token", TOKENS.expired(1, "alice"), TOKENS.tampered(1, "alice"), TOKENS.unsigned(1, "alice"))) {
            try (GameClient player = GameClient.join(gameAddress(), token)) {
                assertEquals(4401, player.awaitClose(WAIT), "token " + token);
            }
        }
    }

    @Test
    void whileTheKeysCannotBeFetchedATokenThatNeedsThemIsToldToTryLaterNotToLogInAgain() {
        // a token naming a key the gateway has not seen (as after a key rotation): the keys must be fetched
        String unknownKey = withKeyId(TOKENS.forActor(7, "alice"), "rotated-key");
        world.keysDown = true;
        try (GameClient player = GameClient.join(gameAddress(), unknownKey)) {
            assertEquals(1013, player.awaitClose(WAIT), "auth is down: the token cannot be checked now");
        } finally {
            world.keysDown = false;
        }
        try (GameClient alice = joined(7, "alice")) {
            assertFalse(alice.isClosed(), "a token whose key is known plays on");
        }
        // once the gateway may fetch the keys again (a failed fetch is not repeated within the refetch interval),
        // the key is looked up, and it is not auth's
        assertEquals(4401, closeCodeOnceTheKeysCanBeFetched(unknownKey), "checked and found bad: log in again");
    }

    private int closeCodeOnceTheKeysCanBeFetched(String token) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (GameClient player = GameClient.join(gameAddress(), token)) {
                int code = player.awaitClose(WAIT);
                if (code != 1013 || System.nanoTime() > deadline) {
                    return code;
                }
            }
        }
    }

    /** The token with another key id in its header (its signature no longer matches, which is checked last). */
    private static String withKeyId(String token, String keyId) {
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replaceAll("\"kid\":\"[^\"]*\"", "\"kid\":\"" + keyId + "\"");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + "." + parts[2];
    }

    @Test
    void aFirstFrameOtherThanAuthIsClosedWith4401() {
        try (GameClient player = GameClient.connect(gameAddress())) {
            player.target(1, 2);
            assertEquals(4401, player.awaitClose(WAIT));
        }
    }

    @Test
    void aGoodTokenOpensTheSessionOnTheWorldWhichVerifiesItToo() throws InterruptedException {
        String token = TOKENS.forActor(7, "alice");
        try (GameClient alice = GameClient.join(gameAddress(), token)) {
            LinkFrame open = world.nextReceived(LinkOp.OPEN, WAIT);
            assertEquals(token, open.payloadText());
            JsonNode welcome = alice.next(WAIT);
            assertEquals("Welcome", welcome.path("type").asText());
            assertEquals(open.session(), welcome.path("session").asLong());
        }
    }

    @Test
    void aTargetReachesTheWorldByteForByteTaggedWithTheSession() throws InterruptedException {
        try (GameClient alice = joined(7, "alice")) {
            long session = world.nextReceived(LinkOp.OPEN, WAIT).session();
            String target = "{\"type\":\"Target\",\"x\":12.5,  \"y\":-3}";
            alice.send(target);
            LinkFrame forwarded = world.nextReceived(LinkOp.FRAME, WAIT);
            assertEquals(session, forwarded.session());
            assertEquals(target, forwarded.payloadText());
        }
    }

    @Test
    void pingIsAnsweredByTheGatewayWithTheSameNumber() {
        try (GameClient alice = joined(7, "alice")) {
            alice.send("{\"type\":\"Ping\",\"t\":1234.5}");
            JsonNode pong = alice.next("Pong", WAIT);
            assertEquals(1234.5, pong.path("t").asDouble());
        }
    }

    @Test
    void anUnknownTypeOrGarbageGetsAnErrorAndTheSessionStays() {
        try (GameClient alice = joined(7, "alice")) {
            for (String bad : List.of("{\"type\":\"Teleport\"}", "not json", "[1,2]", "{\"type\":5}", "{}")) {
                alice.send(bad);
                JsonNode error = alice.next("Error", WAIT);
                assertEquals("bad_request", error.path("code").asText(), bad);
            }
            alice.send("{\"type\":\"Ping\",\"t\":1}");
            assertEquals("Pong", alice.next("Pong", WAIT).path("type").asText());
            assertFalse(alice.isClosed());
        }
    }

    @Test
    void aChatFrameReachesChatByteForByteAndWhileChatIsSilentItIsUnavailableButTheGameGoesOn()
            throws InterruptedException {
        try (GameClient alice = joined(7, "alice")) {
            long session = sessionOf(alice);
            String chatFrame = "{\"type\":\"Chat\",\"text\":\"hi\"}";
            assertEquals(
                    chatFrame, chatUntilChatHearsIt(alice, session, chatFrame).payloadText());

            world.chat.hang();
            try {
                // once the gateway gave up on the silent chat link, chat frames are refused at once
                assertTrue(refusedAsChatUnavailable(alice, chatFrame), "chat frames refused while chat is silent");
                alice.target(1, 2);
                assertEquals(
                        session, world.nextReceived(LinkOp.FRAME, WAIT).session(), "the world still hears the player");
                assertFalse(alice.isClosed());
            } finally {
                world.chat.resume();
            }

            // the link reopens and the gateway opens the player at chat again: chat works again
            assertEquals(
                    session,
                    world.nextChatReceived(LinkOp.OPEN, Duration.ofSeconds(10)).session());
            assertEquals(
                    chatFrame, chatUntilChatHearsIt(alice, session, chatFrame).payloadText());
        }
    }

    /** Sends the chat frame until the gateway answers chat_unavailable; false when it never does. */
    private static boolean refusedAsChatUnavailable(GameClient player, String chatFrame) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            player.send(chatFrame);
            for (JsonNode message : player.drain(Duration.ofMillis(200))) {
                if ("chat_unavailable".equals(message.path("code").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sends the chat frame until chat hears it: chat takes a session in a moment after the world does. */
    private LinkFrame chatUntilChatHearsIt(GameClient player, long session, String chatFrame)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            player.send(chatFrame);
            LinkFrame heard = world.pollChatReceived(LinkOp.FRAME, Duration.ofMillis(200));
            if (heard != null) {
                assertEquals(session, heard.session());
                return heard;
            }
        }
        throw new AssertionError("chat never heard the player's Chat frame");
    }

    @Test
    void aFrameOver4KiBClosesWith1009AndTheWorldHearsThePlayerLeft() throws InterruptedException {
        try (GameClient alice = joined(7, "alice")) {
            world.received.clear();
            alice.send("{\"type\":\"Chat\",\"text\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(1009, alice.awaitClose(WAIT));
            // closed by the gateway, not by the player: the world must still let the actor go
            assertEquals(
                    sessionOf(alice), world.nextReceived(LinkOp.CLOSED, WAIT).session());
        }
    }

    @Test
    void oneBroadcastFromTheWorldReachesEveryPlayerOnce() {
        List<GameClient> players = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                players.add(joined(100 + i, "p" + i));
            }
            world.broadcast("{\"type\":\"Moves\",\"tick\":42,\"moves\":[]}");
            world.broadcast("{\"type\":\"Moves\",\"tick\":43,\"moves\":[]}");
            world.broadcast("{\"type\":\"Moves\",\"tick\":44,\"moves\":[]}"); // a marker after them
            for (GameClient player : players) {
                assertEquals(42, player.next(WAIT).path("tick").asInt());
                assertEquals(43, player.next(WAIT).path("tick").asInt());
                assertEquals(44, player.next(WAIT).path("tick").asInt(), "the marker next: each broadcast once");
            }
        } finally {
            players.forEach(GameClient::close);
        }
    }

    @Test
    void aPlayerHearsNoBroadcastBeforeItsWelcome() throws InterruptedException {
        try (GameClient witness = joined(400, "witness")) {
            world.received.clear(); // the witness's OPEN
            world.holdWelcomes = true;
            try (GameClient late = GameClient.join(gameAddress(), TOKENS.forActor(401, "late"))) {
                long session = world.nextReceived(LinkOp.OPEN, WAIT).session();
                world.broadcast("{\"type\":\"Online\",\"count\":1}");
                // the gateway has handed the broadcast out once a player who hears it has it
                assertEquals(1, witness.next("Online", WAIT).path("count").asInt());
                world.welcome(session);
                assertEquals("Welcome", late.next(WAIT).path("type").asText(), "the welcome comes first");
                world.broadcast("{\"type\":\"Online\",\"count\":2}");
                assertEquals(2, late.next(WAIT).path("count").asInt(), "what was said before it is not heard");
            } finally {
                world.holdWelcomes = false;
            }
        }
    }

    @Test
    void aPlayerWhoStopsReadingIsClosedInsteadOfBufferedWithoutBound() throws InterruptedException {
        try (GameClient stalled = joined(501, "stalled");
                GameClient reader = joined(502, "reader")) {
            long stalledSession = sessionOf(stalled);
            stalled.pauseReading();
            // 64 KB lines every 20 ms until the gateway gives up on the stalled player (loopback buffers hold MBs)
            String line =
                    "{\"type\":\"Chat\",\"from\":\"x\",\"text\":\"" + "a".repeat(64 * 1024) + "\",\"at\":\"now\"}";
            LinkFrame closed = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (closed == null && System.nanoTime() < deadline) {
                world.broadcast(line);
                closed = world.pollReceived(LinkOp.CLOSED, Duration.ofMillis(20));
            }
            assertTrue(closed != null, "the stalled player was never closed");
            assertEquals(stalledSession, closed.session(), "only the player who stopped reading is closed");
            assertEquals("Chat", reader.next("Chat", WAIT).path("type").asText());
            assertFalse(reader.isClosed(), "a player who reads stays");
        }
    }

    @Test
    void whatOthersDidIsGatheredIntoOneFramePerBatchInOrder() {
        try (GameClient player = joined(301, "batched")) {
            int framesBefore = player.framesReceived();
            for (int tick = 1; tick <= 10; tick++) {
                world.broadcast("{\"type\":\"Moves\",\"tick\":" + tick + ",\"moves\":[]}");
            }
            for (int tick = 1; tick <= 10; tick++) {
                assertEquals(tick, player.next("Moves", WAIT).path("tick").asInt());
            }
            // sent within a few milliseconds: one batch, or two when a flush fell between them
            int frames = player.framesReceived() - framesBefore;
            assertTrue(frames >= 1 && frames <= 2, "ten messages in " + frames + " frames");
        }
    }

    @Test
    void eachCellsNewsReachesThePlayersWhoHearThatCellAndNobodyElse() {
        try (GameClient west = joined(201, "west");
                GameClient alsoWest = joined(202, "alsowest");
                GameClient east = joined(203, "east");
                GameClient unplaced = joined(204, "unplaced")) {
            world.view(sessionOf(west), 10);
            world.view(sessionOf(alsoWest), 10);
            world.view(sessionOf(east), 11);
            world.news(new CellNewsFrames()
                    .add(10, "{\"type\":\"Moves\",\"tick\":7,\"moves\":[]}".getBytes(StandardCharsets.UTF_8))
                    .add(
                            11,
                            "[{\"type\":\"Leave\",\"actorId\":201},{\"type\":\"Moves\",\"tick\":7,\"moves\":[]}]"
                                    .getBytes(StandardCharsets.UTF_8))
                    .add(12, "{\"type\":\"Moves\",\"tick\":7,\"moves\":[]}".getBytes(StandardCharsets.UTF_8)));
            // a marker in the players' own cell after it: nothing of the other cells may come before it
            world.news(new CellNewsFrames()
                    .add(10, "{\"type\":\"Online\",\"count\":70}".getBytes(StandardCharsets.UTF_8)));
            for (GameClient player : List.of(west, alsoWest)) {
                assertEquals(7, player.next(WAIT).path("tick").asInt());
                assertEquals(70, player.next(WAIT).path("count").asInt(), "only its cell's frame, then the marker");
            }
            assertEquals(
                    201, east.next(WAIT).path("actorId").asInt(), "a cell's frame is written as the world sent it");
            assertEquals(7, east.next("Moves", WAIT).path("tick").asInt());

            world.view(sessionOf(west), 11); // west walked into the east's cell
            world.news(new CellNewsFrames()
                    .add(10, "{\"type\":\"Moves\",\"tick\":8,\"moves\":[]}".getBytes(StandardCharsets.UTF_8))
                    .add(11, "{\"type\":\"Moves\",\"tick\":9,\"moves\":[]}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(9, west.next("Moves", WAIT).path("tick").asInt());
            assertEquals(8, alsoWest.next("Moves", WAIT).path("tick").asInt());
            assertEquals(9, east.next("Moves", WAIT).path("tick").asInt());
            // a broadcast after all that news reaches the player without a cell too: no news came before it
            world.broadcast("{\"type\":\"Online\",\"count\":3}");
            assertEquals(3, unplaced.next(WAIT).path("count").asInt(), "no VIEW yet: no news, only the broadcast");
        }
    }

    private long sessionOf(GameClient player) {
        return sessions.get(player);
    }

    @Test
    void theWorldCanCloseASessionWithItsCodeWhenANewerOneReplacesIt() throws InterruptedException {
        try (GameClient older = joined(7, "alice")) {
            long session = world.nextReceived(LinkOp.OPEN, WAIT).session();
            world.send(LinkOp.KICK, session, "4409 replaced by a newer session");
            assertEquals(4409, older.awaitClose(WAIT));
        }
    }

    @Test
    void aPlayerWhoLeavesIsReportedClosedToTheWorld() throws InterruptedException {
        GameClient alice = joined(7, "alice");
        long session = world.nextReceived(LinkOp.OPEN, WAIT).session();
        alice.close();
        assertEquals(session, world.nextReceived(LinkOp.CLOSED, WAIT).session());
    }

    @Test
    void aFloodIsCappedNotQueued() throws InterruptedException {
        GameClient alice = joined(7, "alice");
        try {
            world.received.clear(); // what earlier tests sent
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                alice.target(i, i);
            }
            JsonNode error = alice.next("Error", WAIT);
            assertEquals("rate_limited", error.path("code").asText());
            // the player leaves: the world hears CLOSED after every frame of the player that was forwarded
            alice.close();
            long forwarded = 0;
            for (LinkFrame frame = nextToWorld(); frame.op() != LinkOp.CLOSED; frame = nextToWorld()) {
                forwarded += frame.op() == LinkOp.FRAME ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // a burst of 30, then 30 a second: however slow the machine, far fewer than the 100 sent
            long allowed = 30 + (long) Math.ceil(30 * seconds);
            assertTrue(
                    forwarded <= allowed && forwarded < 100,
                    "at most the burst and the refill forwarded, got " + forwarded + " in " + seconds + " s");
        } finally {
            alice.close();
        }
    }

    private LinkFrame nextToWorld() throws InterruptedException {
        LinkFrame frame = world.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("the gateway sent the world nothing more within " + WAIT);
        }
        return frame;
    }

    @Test
    void whenTheWorldLinkDropsItsPlayersAreClosedAndTheGatewayReconnects() {
        int linksBefore = world.worldLinksOpened();
        try (GameClient alice = joined(7, "alice")) {
            world.dropLink();
            assertEquals(1012, alice.awaitClose(WAIT));
        }
        Await.until(() -> world.worldLinksOpened() > linksBefore, WAIT, "a new world link");
        assertEquals(linksBefore + 1, world.worldLinksOpened());
        try (GameClient again = joinedOnceTheLinkIsBack(7, "alice")) {
            assertFalse(again.isClosed());
        }
    }

    @Test
    void theGatewayBeatsOnBothLinks() throws InterruptedException {
        assertEquals(
                LinkOp.HEARTBEAT, world.nextReceived(LinkOp.HEARTBEAT, WAIT).op());
        assertEquals(
                LinkOp.HEARTBEAT, world.nextChatReceived(LinkOp.HEARTBEAT, WAIT).op());
    }

    @Test
    void aWorldThatFallsSilentIsLeftItsPlayersAreToldToTryLaterAndTheGatewayComesBack() {
        int linksBefore = world.worldLinksOpened();
        FakeService hung = world.linkedWorld();
        try (GameClient alice = joined(7, "alice")) {
            hung.hang();
            assertEquals(1013, alice.awaitClose(WAIT), "the world is not answering: try again later");
        } finally {
            hung.resume();
        }
        try (GameClient again = joinedOnceTheLinkIsBack(7, "alice")) {
            assertTrue(world.worldLinksOpened() > linksBefore, "a new link");
            assertFalse(again.isClosed());
        }
    }

    @Test
    void theWorldLinkSkipsAStandbyFollowsTheWorldWhenItMovesAndRestGoesWhereTheLinkIs() {
        // the standby is first in the list: it was asked and answered 503, and the link is on the owner
        assertTrue(world.standby.upgradesRefused.get() > 0, "the standby was asked first");
        assertFalse(world.standby.hasLink());
        given().when().get("/api/world/actors").then().statusCode(200).body("service", equalTo(world.owner.name));
        FakeService first = world.owner;
        try {
            try (GameClient alice = joined(7, "alice")) {
                world.handOver();
                assertEquals(1012, alice.awaitClose(WAIT), "a world link that closes means a restart");
            }
            try (GameClient again = joinedOnceTheLinkIsBack(7, "alice")) {
                assertTrue(world.owner.hasLink() && world.owner != first, "the link moved to the new owner");
                given().when()
                        .get("/api/world/actors")
                        .then()
                        .statusCode(200)
                        .body("service", equalTo(world.owner.name));
            }
        } finally {
            world.handOver(); // back as the other tests expect it
            joinedOnceTheLinkIsBack(8, "bob").close();
        }
        assertTrue(world.owner == first && first.hasLink());
    }

    /**
     * The fake world counts a link when it accepts it, a moment before the gateway has finished its side of the
     * handshake; a player who comes in that moment is told 1013 (try again later), as a real client would be.
     */
    private GameClient joinedOnceTheLinkIsBack(long actorId, String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            GameClient player = GameClient.join(gameAddress(), TOKENS.forActor(actorId, name));
            try {
                assertEquals(
                        "Welcome",
                        player.next(Duration.ofSeconds(1)).path("type").asText());
                return player;
            } catch (AssertionError notYet) {
                player.close();
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }
}
