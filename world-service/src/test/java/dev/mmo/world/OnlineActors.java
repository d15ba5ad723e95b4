package dev.mmo.world;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.testing.Await;
import dev.mmo.testing.TestTokens;
import dev.mmo.world.TestActors.TestActor;
import java.time.Duration;

/** Reads {@code GET /api/world/actors?x=&y=}: the world's view around a point, tagged with its tick. */
public final class OnlineActors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER_TOKEN = TestTokens.get().forActor(1, "reader");

    private OnlineActors() {}

    public static JsonNode around(double x, double y) {
        String body = given().auth()
                .oauth2(READER_TOKEN)
                .queryParam("x", x)
                .queryParam("y", y)
                .get("/api/world/actors")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    /** The actor's ModelData when it is online near where it was created, or null. */
    public static JsonNode of(TestActor actor) {
        for (JsonNode model : around(actor.x(), actor.y())) {
            if (model.at("/model/id").asLong() == actor.actorId()) {
                return model;
            }
        }
        return null;
    }

    /** The actor's ModelData (near where it was created) at least {@code ticks} ticks after the one seen now. */
    public static JsonNode ofAfterTicks(TestActor actor, int ticks) {
        JsonNode first = of(actor);
        long now = first == null ? 0 : first.get("tick").asLong();
        JsonNode[] model = new JsonNode[1];
        Await.until(
                () -> {
                    model[0] = of(actor);
                    return model[0] == null || model[0].get("tick").asLong() >= now + ticks;
                },
                Duration.ofSeconds(10),
                ticks + " more ticks");
        return model[0];
    }
}
