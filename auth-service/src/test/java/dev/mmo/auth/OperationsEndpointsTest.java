package dev.mmo.auth;

import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registered;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class OperationsEndpointsTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void theServiceIsLiveAndReadyWithItsDatabase() {
        given().get(management.resolve("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(management.resolve("/q/health/ready"))
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem("Account database answers"));
    }

    @Test
    void registrationsShowInThePrometheusMetrics() {
        registered(newUsername("Quinn"));

        String metrics = given().get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(metrics, containsString("mmo_auth_registrations_total"));
        assertThat(metrics, containsString("mmo_auth_logins_total{outcome=\"failure\"}"));
        assertThat(metrics, containsString("mmo_auth_refreshes_total"));
        assertThat(metrics, containsString("mmo_auth_refused_total{error=\"too_many_attempts\"}"));
        assertThat(metrics, containsString("mmo_auth_refused_total{error=\"unavailable\"}"));
        assertThat(metrics, containsString("mmo_auth_hashing_queued"));
        assertThat(metrics, containsString("mmo_auth_database_up 1.0"));
    }

    @Test
    void everyOperationAndSchemaIsDescribedInTheOpenApiDocument() {
        JsonPath openApi = given().accept("application/json")
                .get(management.resolve("/q/openapi"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
        assertThat(
                paths.keySet(),
                equalTo(Set.of(
                        "/api/auth/register",
                        "/api/auth/login",
                        "/api/auth/refresh",
                        "/api/auth/logout",
                        "/api/auth/me",
                        "/api/auth/jwks")));
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(method + " " + path, (String) operation.get("summary"), not(emptyOrNullString()));
            assertThat(method + " " + path, (String) operation.get("description"), not(emptyOrNullString()));
        }));
        Map<String, Map<String, Object>> schemas = openApi.getMap("components.schemas");
        schemas.forEach((name, schema) ->
                assertThat("schema " + name, (String) schema.get("description"), not(emptyOrNullString())));
        assertThat(List.copyOf(schemas.keySet()), hasItem("ErrorBody"));
        given().get(management.resolve("/q/swagger-ui/")).then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void nothingOfTheManagementInterfaceIsOnTheApiPort() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(404);
        }
    }
}
