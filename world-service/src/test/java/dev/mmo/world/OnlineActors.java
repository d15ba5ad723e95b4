package dev.mmo.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.testing.TestTokens;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/** Reads {@code GET /api/world/actors}: the world's view, tagged with its tick. */
public final class OnlineActors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER_TOKEN = TestTokens.get().forActor(1, "reader");

    private OnlineActors() {
    }

    public static JsonNode all() {
        String body = given().auth().oauth2(READER_TOKEN)
                .get("/api/world/actors")
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    /** The actor's ModelData, or null when it is not online. */
    public static JsonNode of(long actorId) {
        for (JsonNode model : all()) {
            if (model.at("/model/id").asLong() == actorId) {
                return model;
            }
        }
        return null;
    }

    /** The actor's ModelData at least {@code ticks} ticks after the world's current tick. */
    public static JsonNode ofAfterTicks(long actorId, int ticks) {
        long now = currentTick();
        JsonNode[] model = new JsonNode[1];
        Await.until(() -> {
            model[0] = of(actorId);
            return model[0] == null || model[0].get("tick").asLong() >= now + ticks;
        }, Duration.ofSeconds(10), ticks + " more ticks");
        return model[0];
    }

    private static long currentTick() {
        JsonNode all = all();
        return all.isEmpty() ? 0 : all.get(0).get("tick").asLong();
    }
}
