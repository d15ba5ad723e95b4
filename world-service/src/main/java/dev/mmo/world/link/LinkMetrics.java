package dev.mmo.world.link;

import dev.mmo.shared.link.LinkOp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counters of what the world writes to gateways, and of client inputs it does not apply. */
@Startup // so that the series exist from the start, not from the first link
@ApplicationScoped
public class LinkMetrics {

    private final MeterRegistry registry;
    private final Map<LinkOp, Counter> frames = new EnumMap<>(LinkOp.class);
    private final Map<LinkOp, Counter> bytes = new EnumMap<>(LinkOp.class);
    private final Counter writesWhileFull;

    public LinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (LinkOp op : new LinkOp[] {
            LinkOp.ACCEPT, LinkOp.SEND, LinkOp.BROADCAST, LinkOp.VIEW, LinkOp.NEWS, LinkOp.KICK, LinkOp.HEARTBEAT
        }) {
            String tag = op.name().toLowerCase(Locale.ROOT);
            frames.put(
                    op,
                    Counter.builder("mmo.world.link.frames.sent")
                            .tag("op", tag)
                            .description("Link frames written to gateways")
                            .register(registry));
            bytes.put(
                    op,
                    Counter.builder("mmo.world.link.bytes.sent")
                            .tag("op", tag)
                            .description("Bytes of link frames written to gateways")
                            .register(registry));
        }
        writesWhileFull = Counter.builder("mmo.world.link.writes.queue.full")
                .description("Link frames written while that link's write queue was full")
                .register(registry);
        for (String reason : new String[] {"credential", "full"}) {
            Counter.builder("mmo.world.link.refused")
                    .tag("reason", reason)
                    .description("/link upgrades refused before they happened")
                    .register(registry);
        }
        Counter.builder("mmo.world.link.silent")
                .description("Gateway links closed because the gateway sent nothing for the silence limit")
                .register(registry);
    }

    void sent(LinkOp op, int length) {
        frames.get(op).increment();
        bytes.get(op).increment(length);
    }

    void writeWhileFull() {
        writesWhileFull.increment();
    }

    /**
     * A {@code /link} upgrade refused before it happened: {@code credential} (none or a wrong one: 401) or
     * {@code full} (at {@code mmo.world.max-links}: 503).
     */
    void linkRefused(String reason) {
        registry.counter("mmo.world.link.refused", "reason", reason).increment();
    }

    /** A gateway link closed by the world because the gateway sent nothing for the silence limit. */
    void linkSilent() {
        registry.counter("mmo.world.link.silent").increment();
    }

    /** An OPEN refused because its link already carries {@code mmo.world.max-sessions-per-link} sessions. */
    void sessionRefused() {
        registry.counter("mmo.world.sessions.refused", "reason", "link_full").increment();
    }

    /**
     * A client input the world did not apply: {@code superseded} by a newer target of the same session before the
     * tick took it, refused as {@code bad_request}/{@code bad_target}, or from a session already {@code replaced}.
     */
    public void inputDropped(String reason) {
        registry.counter("mmo.world.inputs.dropped", "reason", reason).increment();
    }
}
