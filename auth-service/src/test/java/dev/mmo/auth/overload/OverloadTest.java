package dev.mmo.auth.overload;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.newUsername;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.in;

import dev.mmo.auth.ProductionLimits;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A registration storm against a BCrypt pool of one thread and one queue place (ProductionLimits). */
@QuarkusTest
@TestProfile(ProductionLimits.class)
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class OverloadTest {

    private static final int STORM = 24;

    @Test
    @Timeout(120) // a guard against a hang, not a speed target
    void aRegistrationStormPastThePoolAndItsQueueIsRefusedWith503AndRetryAfter() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(STORM)) {
            for (int i = 0; i < STORM; i++) {
                String address = "198.51.100." + (100 + i); // each its own address: the throttle stays out of it
                String username = newUsername("storm");
                answers.add(clients.submit(() -> {
                    go.await();
                    return given().contentType(ContentType.JSON)
                            .header("X-Forwarded-For", address)
                            .body(Map.of("username", username, "password", PASSWORD))
                            .post("/api/auth/register");
                }));
            }
            go.countDown();

            int created = 0;
            int refused = 0;
            for (Future<Response> future : answers) {
                Response answer = future.get();
                assertThat(answer.statusCode(), in(List.of(201, 503)));
                if (answer.statusCode() == 503) {
                    refused++;
                    assertThat(answer.contentType(), equalTo("application/json"));
                    assertThat(answer.jsonPath().getString("error"), equalTo("unavailable"));
                    assertThat(Integer.parseInt(answer.header("Retry-After")), greaterThanOrEqualTo(1));
                } else {
                    created++;
                }
            }
            assertThat("some registrations got through", created, greaterThan(0));
            assertThat("the excess was refused at once", refused, greaterThan(0));
        }
    }
}
