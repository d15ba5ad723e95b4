package dev.mmo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mmo.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The view query is bounded: a loop at one tick per second that answers one question per tick and lets two wait,
 * asked twelve at once, answers some and refuses the rest at once with 503 and Retry-After.
 */
@QuarkusTest
@TestProfile(ViewBoundsTest.SlowLoop.class)
@WithTestResource(WorldTestResource.class)
class ViewBoundsTest {

    public static class SlowLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mmo.world.tick-rate",
                    "1",
                    "mmo.world.view-queue",
                    "2",
                    "mmo.world.views-per-tick",
                    "1",
                    "mmo.world.snapshot-timeout",
                    "10s");
        }
    }

    private static final int ASKED = 12;

    @TestHTTPResource("/api/world/actors?x=0&y=0")
    URI around;

    @Inject
    WorldSettings settings;

    @Test
    void pastTheQueueRequestsAreRefusedAtOnceWith503AndRetryAfter() {
        assertEquals(1, settings.tickRate(), "the profile's slow loop is in effect");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(around)
                .header("Authorization", "Bearer " + TestTokens.get().forActor(1, "reader"))
                .build();
        // one question alone first: the world fetches auth's keys with the first token it sees, and questions that
        // come while that fetch is under way are refused as "keys unavailable" (503, Retry-After 5), not by the queue
        assertEquals(
                200,
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .join()
                        .statusCode());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < ASKED; i++) {
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int answered = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 200) {
                answered++;
            } else {
                assertEquals(503, response.statusCode(), response.body());
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                assertTrue(response.body().contains("\"unavailable\""), response.body());
                refused++;
            }
        }
        assertTrue(answered >= 1, "the loop answers those that wait: " + answered);
        assertTrue(refused >= 1, "and refuses those past the queue: " + refused);
        assertEquals(ASKED, answered + refused);
    }
}
