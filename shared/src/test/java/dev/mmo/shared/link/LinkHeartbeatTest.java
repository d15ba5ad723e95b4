package dev.mmo.shared.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Vert.x timers: a silent peer is declared dead once, a peer that keeps talking never is. */
class LinkHeartbeatTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aSilentPeerIsDeclaredDeadOnceAfterTheSilenceLimitAndTheBeatStops() throws InterruptedException {
        AtomicInteger beats = new AtomicInteger();
        AtomicInteger verdicts = new AtomicInteger();
        CountDownLatch dead = new CountDownLatch(1);
        long started = System.nanoTime();
        LinkHeartbeat heartbeat =
                new LinkHeartbeat(vertx, Duration.ofMillis(50), Duration.ofMillis(300), beats::incrementAndGet, () -> {
                    verdicts.incrementAndGet();
                    dead.countDown();
                });
        vertx.runOnContext(ignored -> heartbeat.start());
        assertTrue(dead.await(5, TimeUnit.SECONDS), "a silent peer must be declared dead");
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos(), "not before the silence limit");
        int beatsAtVerdict = beats.get();
        assertTrue(beatsAtVerdict >= 2, "it beat while it waited: " + beatsAtVerdict);
        // the periodic timer is gone: a later timer on the same loop sees no further beat nor verdict
        CountDownLatch later = new CountDownLatch(1);
        vertx.setTimer(300, ignored -> later.countDown());
        assertTrue(later.await(5, TimeUnit.SECONDS));
        assertEquals(1, verdicts.get());
        assertEquals(beatsAtVerdict, beats.get());
    }

    @Test
    void aPeerThatKeepsTalkingStaysAlive() throws InterruptedException {
        AtomicInteger verdicts = new AtomicInteger();
        AtomicInteger beats = new AtomicInteger();
        LinkHeartbeat heartbeat = new LinkHeartbeat(
                vertx,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                beats::incrementAndGet,
                verdicts::incrementAndGet);
        vertx.runOnContext(ignored -> heartbeat.start());
        long talker = vertx.setPeriodic(40, ignored -> heartbeat.heard());
        // ten silence limits long, the peer talks every 40 ms: never dead, and the beat goes on
        CountDownLatch done = new CountDownLatch(1);
        vertx.setTimer(2000, ignored -> done.countDown());
        assertTrue(done.await(10, TimeUnit.SECONDS));
        vertx.cancelTimer(talker);
        assertEquals(0, verdicts.get());
        assertTrue(beats.get() >= 20, "beats: " + beats.get());
        vertx.runOnContext(ignored -> heartbeat.stop());
    }

    @Test
    void theSilenceLimitMustExceedTheInterval() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new LinkHeartbeat(vertx, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {}, () -> {}));
    }
}
