package dev.mmo.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the services behind the gateway: it echoes what reached it, so a test can see
 * exactly what the gateway forwarded. The real services behind the real gateway are covered by
 * the end-to-end tests.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    JsonObject echo = new JsonObject()
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("authorization", request.getHeader("Authorization"))
                            .put("body", body.toString());
                    int status = request.path().endsWith("/missing") ? 404 : 200;
                    request.response().setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("X-Upstream", "fake")
                            .end(echo.encode());
                }))
                .listen(0).toCompletionStage().toCompletableFuture().join();
        String url = "http://localhost:" + server.actualPort();
        return Map.of(
                "mmo.gateway.auth-url", url,
                "mmo.gateway.world-url", url,
                // nothing listens on port 1: the chat route shows how the gateway answers a dead upstream
                "mmo.gateway.chat-url", "http://localhost:1");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
