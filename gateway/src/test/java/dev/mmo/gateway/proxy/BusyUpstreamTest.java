package dev.mmo.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import dev.mmo.testing.Await;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One connection per service and one waiting place: the next request is refused at once, not queued. The wait
 * for a connection is long, so that only the bound on waiting requests can refuse.
 */
@QuarkusTest
@WithTestResource(
        value = FakeUpstream.class,
        initArgs =
                @ResourceArg(
                        name = FakeUpstream.GATEWAY_CONFIG,
                        value =
                                "mmo.gateway.proxy.max-connections=1;mmo.gateway.proxy.max-waiting=1;mmo.gateway.proxy.connection-wait=60s"))
class BusyUpstreamTest {

    @ConfigProperty(name = "mmo.gateway.world-url")
    URI upstream;

    @Test
    @Timeout(60)
    void aRequestBeyondTheConnectionAndTheWaitingPlaceGets503AndRetryAfter() throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            refusesTheThirdRequest(clients);
        }
    }

    private void refusesTheThirdRequest(ExecutorService clients) throws Exception {
        CompletableFuture<Response> holding =
                CompletableFuture.supplyAsync(() -> given().get("/api/world/hold"), clients);
        awaitHeld(1);

        CompletableFuture<Response> second =
                CompletableFuture.supplyAsync(() -> given().get("/api/world/hold"), clients);
        CompletableFuture<Response> third =
                CompletableFuture.supplyAsync(() -> given().get("/api/world/hold"), clients);
        // one of the two waits for the connection; the other finds the waiting place taken
        Response refused = (Response) CompletableFuture.anyOf(second, third).get();

        assertThat(refused.statusCode(), equalTo(503));
        assertThat(refused.contentType(), equalTo("application/json"));
        assertThat(refused.jsonPath().getString("error"), equalTo("unavailable"));
        assertThat(refused.header("Retry-After"), equalTo("1"));

        release(); // the held request ends, its connection serves the waiting one, which is then held
        awaitHeld(1);
        release();
        assertThat(
                List.of(
                        holding.get().statusCode(),
                        second.get().statusCode(),
                        third.get().statusCode()),
                containsInAnyOrder(200, 200, 503));
    }

    private void awaitHeld(int count) {
        Await.until(
                () -> Integer.parseInt(given().get(upstream.resolve("/held")).asString()) >= count,
                Duration.ofSeconds(30),
                count + " requests held by the upstream");
    }

    private void release() {
        given().get(upstream.resolve("/release")).then().statusCode(200);
    }
}
