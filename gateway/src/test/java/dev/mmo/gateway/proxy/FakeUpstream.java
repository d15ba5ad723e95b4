package dev.mmo.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the services behind the gateway: it echoes what reached it, so a test can see
 * exactly what the gateway forwarded. The real services behind the real gateway are covered by
 * the end-to-end tests. {@code /api/world/hold} is answered only when a test calls
 * {@code /release} on it directly ({@code /held} counts the requests it holds), to occupy the
 * gateway's connections.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

    /** Init arg: extra gateway config for the test class, as {@code key=value;key=value}. */
    public static final String GATEWAY_CONFIG = "gateway-config";

    private Vertx vertx;
    private HttpServer server;
    private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
    private final Map<String, String> gatewayConfig = new java.util.HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        String extra = initArgs.getOrDefault(GATEWAY_CONFIG, "");
        for (String entry : extra.split(";")) {
            if (!entry.isBlank()) {
                String[] keyValue = entry.split("=", 2);
                gatewayConfig.put(keyValue[0], keyValue[1]);
            }
        }
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (request.path().equals("/api/world/hold")) {
                        held.add(request);
                        return;
                    }
                    if (request.path().equals("/held")) {
                        request.response().end(Integer.toString(held.size()));
                        return;
                    }
                    if (request.path().equals("/release")) {
                        for (HttpServerRequest waiting; (waiting = held.poll()) != null; ) {
                            waiting.response().end("released");
                        }
                        request.response().end();
                        return;
                    }
                    JsonObject echo = new JsonObject()
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("authorization", request.getHeader("Authorization"))
                            .put("forwardedFor", new JsonArray(request.headers().getAll("X-Forwarded-For")))
                            .put("forwarded", request.getHeader("Forwarded"))
                            .put("realIp", request.getHeader("X-Real-IP"))
                            .put("body", body.toString());
                    int status = request.path().endsWith("/missing") ? 404 : 200;
                    request.response()
                            .setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("X-Upstream", "fake")
                            .end(echo.encode());
                }))
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        String url = "http://localhost:" + server.actualPort();
        Map<String, String> config = new java.util.HashMap<>(gatewayConfig);
        config.put("mmo.gateway.auth-url", url);
        config.put("mmo.gateway.world-url", url);
        // nothing listens on port 1: the chat route shows how the gateway answers a dead upstream
        config.put("mmo.gateway.chat-url", "http://localhost:1");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        }
    }
}
