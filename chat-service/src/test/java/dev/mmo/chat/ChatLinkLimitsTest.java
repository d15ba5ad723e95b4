package dev.mmo.chat;

import static dev.mmo.chat.Players.WAIT;
import static dev.mmo.chat.Players.await;
import static dev.mmo.chat.Players.join;
import static dev.mmo.chat.Players.metric;
import static dev.mmo.chat.Players.newActor;
import static dev.mmo.chat.Players.nextChat;
import static dev.mmo.chat.Players.say;
import static dev.mmo.chat.Players.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A chat replica holds at most max-links gateway links and max-sessions-per-link sessions on each. */
@QuarkusTest
@WithTestResource(ChatStack.class)
@TestProfile(ChatLinkLimitsTest.SmallLimits.class)
class ChatLinkLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmo.chat.max-links", "2", "mmo.chat.max-sessions-per-link", "2");
        }
    }

    @TestHTTPResource("/")
    URI service;

    /** Links of the test before are let go in chat's close handler, a moment after the client's close. */
    @BeforeEach
    void noLinksLeft() throws InterruptedException {
        await("chat without links", WAIT, () -> metric("mmo_chat_links") == 0);
    }

    @Test
    void aLinkBeyondTheCapIsRefusedWith503UntilOneCloses() throws InterruptedException {
        try (LinkClient first = LinkClient.connect(service)) {
            try (LinkClient second = LinkClient.connect(service)) {
                assertEquals(503, LinkClient.refusedUpgrade(service, LinkClient.configuredSecret()));
                // a stranger learns nothing about how full the replica is
                assertEquals(401, LinkClient.refusedUpgrade(service, null));
            }
            LinkClient[] third = new LinkClient[1];
            await("a link admitted again after one closed", WAIT, () -> {
                try {
                    third[0] = LinkClient.connect(service);
                    return true;
                } catch (RuntimeException refused) {
                    return false;
                }
            });
            third[0].close();
        }
    }

    @Test
    void aSessionBeyondTheCapIsKickedWith1013AndTheLinkStays() {
        try (LinkClient gateway = LinkClient.connect(service)) {
            long first = join(gateway, 1, "first");
            join(gateway, 2, "second");

            gateway.open(3, TestTokens.get().forActor(newActor(), "third"));
            LinkFrame kick = gateway.next(LinkOp.KICK, 3, WAIT);
            assertTrue(kick.payloadText().startsWith("1013 "), kick.payloadText());

            gateway.closed(first);
            long fourth = join(gateway, 4, "fourth");
            String text = unique("room again");
            say(gateway, fourth, text);
            nextChat(gateway, text, WAIT);
        }
    }
}
