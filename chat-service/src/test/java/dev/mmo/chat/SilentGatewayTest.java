package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.await;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.metric;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.say;
import static dev.mmo.chat.Players.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.testing.LinkClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A gateway that hangs says nothing: chat notices by the missing heartbeat, closes the link, forgets its sessions. */
@QuarkusTest
@WithTestResource(ChatStack.class)
class SilentGatewayTest {

    /** mmo.link.silence-limit and heartbeat-interval (defaults). */
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(3);

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TestHTTPResource("/")
    URI service;

    @Test
    void aGatewayThatStopsBeatingIsClosedAndItsSessionsAreForgotten() throws InterruptedException {
        await("chat without links", WAIT, () -> metric("mmo_chat_links") == 0);
        try (LinkClient bobsGateway = LinkClient.connect(service);
                LinkClient hangingGateway = LinkClient.connect(service)) {
            long bob = join(bobsGateway, 1, "bob");
            join(hangingGateway, 1, "hangs");
            assertEquals(2, metric("mmo_chat_sessions"));
            double silentBefore = metric("mmo_chat_link_silent_total");

            long stoppedAt = System.nanoTime();
            hangingGateway.stopBeating();
            hangingGateway.awaitClose(SILENCE_LIMIT.plus(INTERVAL).plus(WAIT));
            Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
            // the last beat went at most one interval before the stop: chat waited for the silence limit
            assertTrue(took.compareTo(SILENCE_LIMIT.minus(INTERVAL)) >= 0, "closed after only " + took);
            await("the hanging gateway's session forgotten", WAIT, () -> metric("mmo_chat_sessions") == 1);
            assertEquals(silentBefore + 1, metric("mmo_chat_link_silent_total"));

            // the positive control: Bob's gateway, which only beat, idled just as long and still chats
            assertFalse(bobsGateway.isClosed(), "a gateway that beats stays linked");
            assertTrue(bobsGateway.heartbeatsHeard() >= 2, "chat beats too: " + bobsGateway.heartbeatsHeard());
            String text = unique("still here");
            say(bobsGateway, bob, text);
            nextChat(bobsGateway, text, WAIT);
        }
    }
}
