package dev.mmo.shared.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JwksKeysTest {

    private static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Duration REFETCH = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static RsaJsonWebKey keyA;
    private static RsaJsonWebKey keyB;

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private JwksServer auth;

    @BeforeAll
    static void makeKeys() throws Exception {
        keyA = JwksServer.newKey("key-a");
        keyB = JwksServer.newKey("key-b");
    }

    @BeforeEach
    void startAuth() throws IOException {
        auth = new JwksServer();
    }

    @AfterEach
    void stopAuth() {
        auth.close();
    }

    private JwksKeys keysFrom(URI location) {
        return new JwksKeys(location, REFRESH, REFETCH, TIMEOUT, now::get);
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void aKnownKeyIsFetchedOnceAndThenServedFromMemory() {
        auth.publish(keyA);
        JwksKeys keys = keysFrom(auth.url());

        assertEquals(Optional.of(keyA.getPublicKey()), keys.find("key-a"));
        assertEquals(Optional.of(keyA.getPublicKey()), keys.find("key-a"));

        assertEquals(1, auth.requests.get());
    }

    @Test
    void aTokenWithTheNewKidAfterARotationMakesItFetchAgain() {
        auth.publish(keyA);
        JwksKeys keys = keysFrom(auth.url());
        keys.find("key-a");
        pass(REFETCH);

        auth.publish(keyB, keyA); // auth-service rotated: new key first, the old one still published

        assertEquals(Optional.of(keyB.getPublicKey()), keys.find("key-b"));
        assertEquals(Optional.of(keyA.getPublicKey()), keys.find("key-a"));
        assertEquals(2, auth.requests.get());
    }

    @Test
    void aFloodOfMadeUpKidsCostsOneFetchPerInterval() {
        auth.publish(keyA);
        JwksKeys keys = keysFrom(auth.url());
        keys.find("key-a");
        pass(REFETCH);

        assertEquals(Optional.empty(), keys.find("forged-0")); // fetched for it: definitely not a key of auth's
        for (int i = 1; i < 1000; i++) {
            String forged = "forged-" + i;
            assertThrows(KeysUnavailableException.class, () -> keys.find(forged)); // cannot be told: try later
        }
        assertEquals(2, auth.requests.get());

        pass(REFETCH);
        assertEquals(Optional.empty(), keys.find("forged-again"));
        assertEquals(3, auth.requests.get());
        assertEquals(Optional.of(keyA.getPublicKey()), keys.find("key-a"));
    }

    @Test
    void aKeyPublishedJustAfterAFetchIsNotCalledBadButTriedAgainLater() {
        auth.publish(keyA);
        JwksKeys keys = keysFrom(auth.url());
        keys.find("key-a");
        auth.publish(keyB, keyA); // rotated a moment after that fetch

        assertThrows(KeysUnavailableException.class, () -> keys.find("key-b"));

        pass(REFETCH);
        assertEquals(Optional.of(keyB.getPublicKey()), keys.find("key-b"));
    }

    @Test
    @Timeout(30)
    void aQuestionAskedWhileAFetchIsUnderWayGetsTheKeyThatFetchBrings() throws Exception {
        auth.publish(keyA);
        JwksKeys keys = new JwksKeys(auth.url(), REFRESH, REFETCH, Duration.ofSeconds(20), now::get);
        CountDownLatch answer = auth.holdAnswers();
        CompletableFuture<Optional<PublicKey>> first = CompletableFuture.supplyAsync(() -> keys.find("key-a"));
        assertTrue(auth.awaitRequests(1, Duration.ofSeconds(10)), "the first question's fetch is under way");
        pass(Duration.ofMillis(1));
        CompletableFuture<Optional<PublicKey>> second = new CompletableFuture<>();
        Thread asking = Thread.ofPlatform().start(() -> {
            try {
                second.complete(keys.find("key-a"));
            } catch (RuntimeException e) {
                second.completeExceptionally(e);
            }
        });
        while (asking.getState() != Thread.State.BLOCKED) { // waiting for the fetch under way: the event to wait for
            Thread.onSpinWait();
        }

        answer.countDown();

        assertEquals(Optional.of(keyA.getPublicKey()), first.join());
        assertEquals(Optional.of(keyA.getPublicKey()), second.join(), "not 'unavailable': the fetch brought it");
        assertEquals(1, auth.requests.get());
    }

    @Test
    @Timeout(30)
    void aJwksThatDoesNotAnswerMakesTheKeysUnavailableNotTheTokenBad() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, read from never, answered never
                        connections.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            JwksKeys keys = keysFrom(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/auth/jwks"));

            KeysUnavailableException unavailable =
                    assertThrows(KeysUnavailableException.class, () -> keys.find("key-a"));
            // asked again within the interval: the answer is the same, and auth-service is not asked again
            assertThrows(KeysUnavailableException.class, () -> keys.find("key-a"));

            assertTrue(unavailable.getMessage().contains(String.valueOf(silent.getLocalPort())));
            assertEquals(1, connections.get());
            silent.close();
            acceptor.join();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aJwksNobodyListensAtIsUnavailable() throws IOException {
        int nobody;
        try (ServerSocket reserved = new ServerSocket(0)) {
            nobody = reserved.getLocalPort();
        }
        JwksKeys keys = keysFrom(URI.create("http://127.0.0.1:" + nobody + "/api/auth/jwks"));

        assertThrows(KeysUnavailableException.class, () -> keys.find("key-a"));
    }

    @Test
    void anErrorAnswerIsUnavailableToo() {
        auth.answerWith(500);
        JwksKeys keys = keysFrom(auth.url());

        assertThrows(KeysUnavailableException.class, () -> keys.find("key-a"));
    }

    @Test
    void keysAlreadyKnownKeepVerifyingWhileAuthServiceIsDown() {
        auth.publish(keyA);
        JwksKeys keys = keysFrom(auth.url());
        keys.find("key-a");
        auth.close();
        pass(REFRESH.plus(REFETCH));

        assertEquals(Optional.of(keyA.getPublicKey()), keys.find("key-a"));
        // a kid it has never seen cannot be judged now
        assertThrows(KeysUnavailableException.class, () -> keys.find("key-b"));
    }

    @Test
    void aKnownKeyIsRefreshedInTheBackgroundOnceItsIntervalIsOver() throws Exception {
        auth.publish(keyA);
        JwksKeys keys = keysFrom(auth.url());
        keys.find("key-a");
        pass(REFRESH.plusSeconds(1));

        keys.find("key-a");

        assertTrue(auth.awaitRequests(2, Duration.ofSeconds(10)), "the keys fetched again in the background");
        assertEquals(2, auth.requests.get());
    }

    @Test
    void aJwksFileWorksLikeAUrl() throws Exception {
        Path file = Files.createTempFile("jwks", ".json");
        try {
            auth.publish(keyA);
            Files.writeString(file, new org.jose4j.jwk.JsonWebKeySet(keyA).toJson());

            assertEquals(
                    Optional.of(keyA.getPublicKey()), keysFrom(file.toUri()).find("key-a"));
        } finally {
            Files.delete(file);
        }
    }
}
