package dev.mmo.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.mmo.gateway.game.FakeWorld;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's public port serves the game and the API only; health, metrics and OpenAPI are on the management
 * interface, which a deployment keeps off the internet. (Same test resources as the game tests: see WebClientTest.)
 */
@QuarkusTest
@WithTestResource(FakeWorld.class)
class ManagementInterfaceTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void nothingUnderQIsOnThePublicPort() {
        for (String path : List.of(
                "/q/health",
                "/q/health/ready",
                "/q/health/live",
                "/q/metrics",
                "/q/openapi",
                "/q/swagger-ui/",
                "/q/dev-ui")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void healthMetricsOpenApiAndSwaggerUiAreOnTheManagementPort() {
        given().get(management.resolve("/q/health/live")).then().statusCode(200);
        given().get(management.resolve("/q/health/ready")).then().statusCode(200);
        given().get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("mmo_gateway_sessions"));
        given().get(management.resolve("/q/openapi")).then().statusCode(200).body(containsString("openapi"));
        given().get(management.resolve("/q/swagger-ui/")).then().statusCode(200).body(containsString("swagger"));
    }
}
