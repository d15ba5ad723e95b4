package dev.mmo.world.link;

import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.WorldConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /link}: where gateways open their one multiplexed WebSocket each (docs/protocol.md, "Gateway ↔ service
 * link"). An internal endpoint: expose it to gateways only, never to players.
 */
@ApplicationScoped
public class LinkEndpoint {

    public static final String PATH = "/link";
    private static final Logger LOG = Logger.getLogger(LinkEndpoint.class);

    private final Admission admission;
    private final SessionListener listener;
    private final LinkMetrics metrics;
    private final WorldConfig rules;
    private final Duration stallTimeout;
    private final Set<GatewayLink> links = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    /** Whether this world-service owns the world; a standby refuses gateways. */
    private volatile boolean serving;

    LinkEndpoint(Admission admission, SessionListener listener, LinkMetrics metrics, WorldSettings settings,
                 MeterRegistry registry) {
        this.admission = admission;
        this.listener = listener;
        this.metrics = metrics;
        this.rules = settings.worldConfig();
        this.stallTimeout = settings.linkStallTimeout();
        registry.gaugeCollectionSize("mmo.world.links", Tags.empty(), links);
    }

    void routes(@Observes Router router) {
        router.route(PATH).handler(context -> {
            if (closing || !serving) {
                // a standby (or a world going away): the gateway tries the next world-service it knows
                context.response().setStatusCode(503).end(closing ? "world stopping" : "standby");
                return;
            }
            context.request().toWebSocket()
                    .onSuccess(socket -> links.add(new GatewayLink(socket, this)))
                    .onFailure(failure -> LOG.debugf("link upgrade refused: %s", failure.getMessage()));
        });
    }

    /**
     * Writes one broadcast payload to every gateway: framed once, the same bytes on every link, each gateway
     * passing them on to all its accepted players. Any thread; never blocks.
     */
    public void broadcast(byte[] payload) {
        Buffer frame = LinkFrame.broadcast(Buffer.buffer(payload));
        for (GatewayLink link : links) {
            link.writeFrame(LinkOp.BROADCAST, frame);
        }
    }

    /**
     * Writes one tick's news ({@link dev.mmo.shared.link.CellNewsFrames}) to every gateway: framed once, the same
     * bytes on every link. Any thread; never blocks.
     */
    public void news(Buffer payload) {
        Buffer frame = LinkFrame.encode(LinkOp.NEWS, 0, payload);
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

    void forget(GatewayLink link) {
        links.remove(link);
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
}
