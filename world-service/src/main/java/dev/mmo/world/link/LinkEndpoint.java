package dev.mmo.world.link;

import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkCredential;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkGate;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.shared.link.LinkSettings;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.WorldConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code /link}: where gateways open their one multiplexed WebSocket each (docs/protocol.md, "Gateway ↔ service
 * link"). An internal endpoint: only a gateway that presents the link credential gets a WebSocket (anyone else is
 * answered 401 before the upgrade), and at most {@code mmo.world.max-links} at once.
 */
@Startup // without a link secret the world must not start at all
@ApplicationScoped
public class LinkEndpoint {

    public static final String PATH = "/link";
    private static final Logger LOG = Logger.getLogger(LinkEndpoint.class);

    private final Admission admission;
    private final SessionListener listener;
    private final LinkMetrics metrics;
    private final WorldConfig rules;
    private final Duration stallTimeout;
    private final Vertx vertx;
    private final LinkSettings linkSettings;
    private final LinkGate gate;
    private final int maxSessionsPerLink;
    private final Set<GatewayLink> links = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    /** Whether this world-service owns the world; a standby refuses gateways. */
    private volatile boolean serving;

    LinkEndpoint(
            Admission admission,
            SessionListener listener,
            LinkMetrics metrics,
            WorldSettings settings,
            LinkSettings linkSettings,
            Vertx vertx,
            MeterRegistry registry) {
        this.admission = admission;
        this.listener = listener;
        this.metrics = metrics;
        this.rules = settings.worldConfig();
        this.stallTimeout = settings.linkStallTimeout();
        this.vertx = vertx;
        this.linkSettings = linkSettings;
        this.gate = new LinkGate(
                "world-service",
                LinkCredential.of(linkSettings),
                settings.maxLinks(),
                refusal -> metrics.linkRefused(refusal.reason()));
        if (settings.maxSessionsPerLink() < 1) {
            throw new IllegalArgumentException("mmo.world.max-sessions-per-link must be at least 1");
        }
        this.maxSessionsPerLink = settings.maxSessionsPerLink();
        registry.gaugeCollectionSize("mmo.world.links", Tags.empty(), links);
    }

    void routes(@Observes Router router) {
        router.route(PATH).handler(context -> {
            if (closing || !serving) {
                // a standby (or a world going away): the gateway tries the next world-service it knows
                refuse(context, 503);
                return;
            }
            Optional<LinkGate.Refusal> refusal = gate.check(
                    context.request().getHeader(LinkCredential.HEADER),
                    String.valueOf(context.request().remoteAddress()));
            if (refusal.isPresent()) {
                refuse(context, refusal.get().status());
                return;
            }
            context.request()
                    .toWebSocket()
                    .onSuccess(socket -> links.add(new GatewayLink(socket, this)))
                    .onFailure(failure -> {
                        gate.release();
                        LOG.debugf("link upgrade failed: %s", failure.getMessage());
                    });
        });
    }

    /** Answers the upgrade request with a plain status: no WebSocket. */
    private static void refuse(RoutingContext context, int status) {
        if (status == 503) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(LinkGate.RETRY_AFTER_SECONDS));
        }
        context.response().setStatusCode(status).end();
    }

    /**
     * Writes one broadcast payload to every gateway: framed once, the same bytes on every link, each gateway
     * passing them on to all its accepted players. Any thread; never blocks.
     */
    public void broadcast(byte[] payload) {
        Buffer frame = LinkFrame.encode(LinkOp.BROADCAST, 0, payload);
        for (GatewayLink link : links) {
            link.writeFrame(LinkOp.BROADCAST, frame);
        }
    }

    /** Writes one tick's news to every gateway: the same bytes on every link. Any thread; never blocks. */
    public void news(CellNewsFrames news) {
        Buffer frame = news.linkFrame();
        for (GatewayLink link : links) {
            link.writeFrame(LinkOp.NEWS, frame);
        }
    }

    /** From now on gateways may link: this world-service owns the world. */
    public void serve() {
        serving = true;
    }

    /** Closes every link and refuses new ones; gateways then close their players with 1012 and retry. */
    public void closeAll(int code, String reason) {
        closing = true;
        for (GatewayLink link : links) {
            link.close(code, reason);
        }
    }

    /** The link ended: it is no longer written to, and its place under the cap is free. Once per link. */
    void forget(GatewayLink link) {
        if (links.remove(link)) {
            gate.release();
        }
    }

    Admission admission() {
        return admission;
    }

    SessionListener listener() {
        return listener;
    }

    LinkMetrics metrics() {
        return metrics;
    }

    WorldConfig rules() {
        return rules;
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    Vertx vertx() {
        return vertx;
    }

    LinkSettings linkSettings() {
        return linkSettings;
    }

    int maxSessionsPerLink() {
        return maxSessionsPerLink;
    }
}
