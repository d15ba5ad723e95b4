package dev.mmo.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mmo.gateway.game.FakeWorld;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        String page = given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>MMO starter</title>"))
                // the built page, not the source: Vite replaced /src/main.ts with a hashed bundle
                .body(matchesPattern("(?s).*<script type=\"module\" crossorigin src=\"/assets/[^\"]+\\.js\">.*"))
                .extract()
                .asString();
        String script = page.replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        given().when().get(script).then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void thePageAndItsFilesCarryTheSecurityHeaders() {
        String page = given().when().get("/").then().statusCode(200).extract().asString();
        String script = page.replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        for (String path : List.of("/", script, "/api/world/actors?x=0&y=0")) {
            given().when()
                    .get(path)
                    .then()
                    .header(
                            "Content-Security-Policy",
                            allOf(
                                    containsString("default-src 'self'"),
                                    containsString("script-src 'self'"),
                                    containsString("connect-src 'self'"),
                                    containsString("frame-ancestors 'none'"),
                                    containsString("object-src 'none'"),
                                    not(containsString("unsafe-inline")),
                                    not(containsString("unsafe-eval"))))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer");
        }
    }

    @Test
    void thePageHasNoInlineScriptForThePolicyToBlock() {
        String page = given().when().get("/").then().statusCode(200).extract().asString();
        // every <script> has a src: the policy allows only the page's own files
        assertEquals(page.split("<script").length - 1, page.split("<script[^>]*\\ssrc=").length - 1, page);
        assertFalse(page.matches("(?s).*<[^>]*\\son[a-z]+=.*"), "no inline event handlers");
    }
}
