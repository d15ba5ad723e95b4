package dev.mmo.world.api;

import static dev.mmo.world.Links.WAIT;
import static dev.mmo.world.Links.joined;
import static dev.mmo.world.Links.modelData;
import static dev.mmo.world.Metrics.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmo.testing.Await;
import dev.mmo.testing.LinkClient;
import dev.mmo.testing.TestTokens;
import dev.mmo.world.OnlineActors;
import dev.mmo.world.TestActors;
import dev.mmo.world.TestActors.TestActor;
import dev.mmo.world.WorldTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WorldTestResource.class)
class ActorsApiTest {

    @Inject
    TestActors actors;

    @TestHTTPResource("/")
    URI service;

    @Test
    void withoutATokenTheAnswerIsAJson401() {
        given().get("/api/world/actors")
                .then()
                .statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void withABadTokenTheAnswerIsAJson401() {
        given().auth()
                .oauth2(TestTokens.get().expired(1, "alice"))
                .get("/api/world/actors")
                .then()
                .statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void theWholeWorldIsNotListed() {
        given().auth()
                .oauth2(TestTokens.get().forActor(1, "reader"))
                .get("/api/world/actors")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("bad_request"));
    }

    @Test
    void withATokenItListsTheActorsAroundAPointAsModelData() {
        TestActor alice = actors.create(-12.5, 64.125);
        try (LinkClient gateway = LinkClient.connect(service)) {
            long session = joined(gateway, alice);
            JsonNode listed = OnlineActors.of(alice);
            assertEquals(modelData(alice, listed.get("tick").asLong(), -12.5, 64.125), listed);

            gateway.closed(session);
            Await.until(() -> OnlineActors.of(alice) == null, WAIT, "Alice offline");
        }
        assertNull(OnlineActors.of(alice));
    }

    @Test
    void healthMetricsAndOpenApiAreServedOnTheManagementInterfaceOnly() {
        given().get(management("/q/health/ready"))
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("world"))
                .body("checks[0].data.role", equalTo("owner"))
                .body("checks[0].data.database", equalTo("up"));
        given().get(management("/q/health/live")).then().statusCode(200);
        given().get(management("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("mmo_world_tick_duration_seconds{quantile=\"0.99\"}"))
                .body(containsString("mmo_world_actors_online"))
                .body(containsString("mmo_world_database_up 1.0"))
                .body(containsString("mmo_world_owner 1.0"))
                .body(containsString("mmo_world_links"))
                .body(containsString("mmo_world_link_frames_sent_total{op=\"broadcast\"}"))
                .body(containsString("mmo_world_link_bytes_sent_total{op=\"broadcast\"}"));
        given().get(management("/q/openapi?format=json"))
                .then()
                .statusCode(200)
                .body(containsString("/api/world/actors"))
                .body(containsString("OnlineActors"));
        given().get(management("/q/swagger-ui/")).then().statusCode(200).body(containsString("swagger"));
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(404);
        }
    }
}
