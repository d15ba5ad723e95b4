package dev.mmo.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeUpstream.class)
class ApiProxyTest {

    @Test
    void aLoginPostReachesAuthServiceWithItsBodyAndTheAnswerComesBack() {
        given().contentType("application/json")
                .body("{\"username\":\"alice\",\"password\":\"secret123\"}")
                .when()
                .post("/api/auth/login?lang=en")
                .then()
                .statusCode(200)
                .header("X-Upstream", "fake")
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/auth/login?lang=en"))
                .body("body", equalTo("{\"username\":\"alice\",\"password\":\"secret123\"}"));
    }

    @Test
    void theBearerTokenIsPassedThroughForTheServiceToVerify() {
        given().header("Authorization", "Bearer abc.def.ghi")
                .when()
                .get("/api/world/actors")
                .then()
                .statusCode(200)
                .body("authorization", equalTo("Bearer abc.def.ghi"));
    }

    @Test
    void theServiceLearnsTheClientsAddressFromTheGatewayNotFromTheClient() {
        given().header("X-Forwarded-For", "203.0.113.7")
                .header("Forwarded", "for=203.0.113.7")
                .header("X-Real-IP", "203.0.113.7")
                .when()
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("forwardedFor", contains("127.0.0.1"))
                .body("forwarded", nullValue())
                .body("realIp", nullValue());
    }

    @Test
    void theServicesStatusIsKept() {
        given().when().get("/api/auth/missing").then().statusCode(404);
    }

    @Test
    void aServiceThatIsDownGivesAJsonBadGateway() {
        given().when()
                .get("/api/chat/history")
                .then()
                .statusCode(502)
                .contentType("application/json")
                .body("error", equalTo("upstream_unavailable"))
                .body("message", containsString("/api/chat/history"));
    }

    @Test
    void pathsOutsideTheApiAreNotForwarded() {
        given().when().get("/api/other/thing").then().statusCode(404).header("X-Upstream", nullValue());
    }
}
