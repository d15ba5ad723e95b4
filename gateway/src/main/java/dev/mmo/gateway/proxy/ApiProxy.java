package dev.mmo.gateway.proxy;

import dev.mmo.gateway.GatewayConfig;
import dev.mmo.gateway.link.ServiceLinks;
import dev.mmo.shared.net.TrustedProxies;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Forwards {@code /api/auth/**}, {@code /api/world/**} and {@code /api/chat/**} to the service
 * that owns them, streaming bodies both ways. The services verify tokens themselves; the gateway
 * passes the Authorization header through untouched. It tells them who the client is in
 * {@code X-Forwarded-For}, which it writes itself: whatever a client sent in that header (or in
 * {@code Forwarded}, {@code X-Real-IP}) is dropped, so no client can pose as another address and slip
 * past auth-service's per-address limits.
 * <p>
 * Connections to each service are pooled and bounded ({@code mmo.gateway.proxy.*}): a request waits
 * for one at most {@code connection-wait}, and only {@code max-waiting} may wait; past that the
 * gateway answers {@code 503} with {@code Retry-After} at once rather than queueing without end.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    /** Hop-by-hop headers belong to one connection and are never forwarded (RFC 9110 §7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host");
    /** Who the client is: the gateway says it, never the client. */
    private static final Set<String> CLIENT_IDENTITY = Set.of("x-forwarded-for", "forwarded", "x-real-ip");

    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    private final GatewayConfig config;
    private final ServiceLinks links;
    private final ProxySettings settings;
    private final TrustedProxies trustedProxies;
    private final HttpClient client;

    public ApiProxy(GatewayConfig config, ServiceLinks links, ProxySettings settings, Vertx vertx) {
        this.config = config;
        this.links = links;
        this.settings = settings;
        this.trustedProxies = new TrustedProxies(settings.trustedProxies().orElse(List.of()));
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true),
                new PoolOptions()
                        .setHttp1MaxSize(settings.maxConnections())
                        .setMaxWaitQueueSize(settings.maxWaiting()));
        LOG.infof(
                "REST forwarding: at most %d connections to each service, %d requests waiting for one",
                settings.maxConnections(), settings.maxWaiting());
    }

    void routes(@Observes Router router) {
        router.route("/api/auth/*").handler(ctx -> forward(ctx, config.authUrl()));
        // to the world-service the game link is on: the one that owns the world, not a standby
        router.route("/api/world/*").handler(ctx -> forward(ctx, links.currentWorldUrl()));
        router.route("/api/chat/*").handler(ctx -> forward(ctx, config.chatUrl()));
    }

    private void forward(RoutingContext ctx, URI upstream) {
        HttpServerRequest incoming = ctx.request();
        incoming.pause(); // hold the body until the upstream request can take it
        RequestOptions options = new RequestOptions()
                .setMethod(incoming.method())
                .setHost(upstream.getHost())
                .setPort(upstream.getPort())
                .setURI(incoming.uri())
                .setConnectTimeout(settings.connectionWait().toMillis())
                .setTimeout(config.upstreamTimeout().toMillis());
        incoming.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !CLIENT_IDENTITY.contains(name)) {
                options.addHeader(header.getKey(), header.getValue());
            }
        });
        options.putHeader(TrustedProxies.FORWARDED_FOR, clientOf(incoming));
        client.request(options).onComplete(connection -> {
            if (connection.failed()) {
                failToConnect(ctx, upstream, connection.cause());
                return;
            }
            HttpClientRequest outgoing = connection.result();
            outgoing.send(incoming)
                    .onSuccess(answer -> relay(answer, ctx.response()))
                    .onFailure(failure -> fail(ctx, upstream, failure));
        });
    }

    private String clientOf(HttpServerRequest incoming) {
        InetAddress peer = InetAddress.ofLiteral(incoming.remoteAddress().hostAddress());
        return trustedProxies
                .clientOf(peer, incoming.headers().getAll(TrustedProxies.FORWARDED_FOR))
                .getHostAddress();
    }

    /** No connection: the pool is full (503, try again shortly), or the service is not there (502). */
    private static void failToConnect(RoutingContext ctx, URI upstream, Throwable failure) {
        if (failure instanceof ConnectionPoolTooBusyException || failure instanceof TimeoutException) {
            LOG.debugf(
                    "No connection to %s for %s %s: %s",
                    upstream, ctx.request().method(), ctx.request().path(), failure.toString());
            ctx.request().resume();
            JsonObject body = new JsonObject()
                    .put("error", "unavailable")
                    .put("message", "The gateway is busy; try again in a second.");
            ctx.response()
                    .setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(BUSY_RETRY_AFTER_SECONDS))
                    .end(body.encode());
            return;
        }
        fail(ctx, upstream, failure);
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.putHeader(header.getKey(), header.getValue());
            }
        });
        response.send(answer);
    }

    private static void fail(RoutingContext ctx, URI upstream, Throwable failure) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        boolean timedOut = failure instanceof TimeoutException;
        LOG.warnf(
                "Forwarding %s %s to %s failed: %s",
                ctx.request().method(), ctx.request().path(), upstream, failure.toString());
        JsonObject body = new JsonObject()
                .put("error", timedOut ? "upstream_timeout" : "upstream_unavailable")
                .put("message", "The service behind " + ctx.request().path() + " is not answering; try again shortly.");
        ctx.response()
                .setStatusCode(timedOut ? 504 : 502)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
