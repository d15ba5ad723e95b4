package dev.mmo.gateway.web;

import dev.mmo.gateway.game.FakeWorld;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * A browser that opens the gateway gets the game. It runs in the same application start as GameConnectionTest (same
 * test resources): smallrye-jwt keeps the verification key location of the first start in a test JVM, so an earlier
 * start without FakeWorld's test keys would make the game tests' tokens fail.
 */
@QuarkusTest
@WithTestResource(FakeWorld.class)
class WebClientTest {

    @Test
    void theRootServesTheBuiltGamePage() {
        String page = given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>MMO starter</title>"))
                // the built page, not the source: Vite replaced /src/main.ts with a hashed bundle
                .body(matchesPattern("(?s).*<script type=\"module\" crossorigin src=\"/assets/[^\"]+\\.js\">.*"))
                .extract().asString();
        String script = page.replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        given().when().get(script).then().statusCode(200).contentType(containsString("javascript"));
    }
}
