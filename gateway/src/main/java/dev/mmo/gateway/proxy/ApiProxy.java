package dev.mmo.gateway.proxy;

import dev.mmo.gateway.GatewayConfig;
import dev.mmo.gateway.link.ServiceLinks;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Forwards {@code /api/auth/**}, {@code /api/world/**} and {@code /api/chat/**} to the service
 * that owns them, streaming bodies both ways. The services verify tokens themselves; the gateway
 * passes the Authorization header through untouched.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    /** Hop-by-hop headers belong to one connection and are never forwarded (RFC 9110 §7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final GatewayConfig config;
    private final ServiceLinks links;
    private final HttpClient client;

    public ApiProxy(GatewayConfig config, ServiceLinks links, Vertx vertx) {
        this.config = config;
        this.links = links;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
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
                .setTimeout(config.upstreamTimeout().toMillis());
        incoming.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(header.getKey(), header.getValue());
            }
        });
        options.addHeader("X-Forwarded-For", String.valueOf(incoming.remoteAddress().host()));
        client.request(options)
                .compose(outgoing -> outgoing.send(incoming))
                .onSuccess(answer -> relay(answer, ctx.response()))
                .onFailure(failure -> fail(ctx, upstream, failure));
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
        LOG.warnf("Forwarding %s %s to %s failed: %s", ctx.request().method(), ctx.request().path(), upstream,
                failure.toString());
        JsonObject body = new JsonObject()
                .put("error", timedOut ? "upstream_timeout" : "upstream_unavailable")
                .put("message", "The service behind " + ctx.request().path() + " is not answering; try again shortly.");
        ctx.response()
                .setStatusCode(timedOut ? 504 : 502)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
