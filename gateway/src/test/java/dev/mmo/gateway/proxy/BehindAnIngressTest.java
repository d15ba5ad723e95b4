package dev.mmo.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A gateway told that an ingress stands in front of it (here: anything on loopback) takes the client from the
 * ingress's X-Forwarded-For, its last entry, and still passes on one address only.
 */
@QuarkusTest
@WithTestResource(
        value = FakeUpstream.class,
        initArgs =
                @ResourceArg(
                        name = FakeUpstream.GATEWAY_CONFIG,
                        value = "mmo.gateway.proxy.trusted-proxies=127.0.0.0/8,::1"))
class BehindAnIngressTest {

    @Test
    void theClientNamedByATrustedIngressIsPassedOn() {
        given().header("X-Forwarded-For", "198.51.100.4, 203.0.113.7")
                .when()
                .get("/api/world/actors")
                .then()
                .statusCode(200)
                .body("forwardedFor", contains("203.0.113.7"));
    }

    @Test
    void withoutAnAddressFromTheIngressThePeerIsTheClient() {
        given().header("X-Forwarded-For", "unknown")
                .when()
                .get("/api/world/actors")
                .then()
                .statusCode(200)
                .body("forwardedFor", contains("127.0.0.1"));
    }
}
