package dev.mmo.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MmoBotTest {

    @Test
    void reconnectsWithTheWebClientsBackOff() {
        // web-client/src/net/closePolicy.ts: 500 ms doubling up to 15 s, spread by +-25 %
        assertEquals(375, MmoBot.retryDelayMillis(1, 0.0));
        assertEquals(500, MmoBot.retryDelayMillis(1, 0.5));
        assertEquals(1000, MmoBot.retryDelayMillis(2, 0.5));
        assertEquals(8000, MmoBot.retryDelayMillis(5, 0.5));
        assertEquals(15_000, MmoBot.retryDelayMillis(6, 0.5), "16 s is capped at 15");
        assertEquals(18_750, MmoBot.retryDelayMillis(100, 1.0));
    }

    @Test
    void everyNthBotDecodes() {
        assertEquals(100, BotFleet.decodeEvery(10_000, 100));
        assertEquals(1, BotFleet.decodeEvery(50, 100));
        assertEquals(1, BotFleet.decodeEvery(400, 400));
        assertEquals(3, BotFleet.decodeEvery(1000, 300));
    }
}
