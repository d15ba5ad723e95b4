package dev.mmo.chat.link;

import dev.mmo.chat.ChatConfig;
import dev.mmo.shared.link.LinkCredential;
import dev.mmo.shared.link.LinkGate;
import dev.mmo.shared.link.LinkSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs before every WebSocket upgrade on {@code /link}: only a gateway that presents the link credential gets a
 * WebSocket (else 401), and only while this replica holds fewer than {@code mmo.chat.max-links} links (else 503 with
 * Retry-After). An admitted upgrade holds its place under the cap from here: {@link LinkHub} claims it when the link
 * opens and frees it when the link ends; a place that no link claims within {@link #CLAIM_TIMEOUT} (an upgrade that
 * failed after this check) is freed by itself.
 */
@Startup // without a link secret chat-service must not start at all
@ApplicationScoped
class LinkUpgradeCheck implements HttpUpgradeCheck {

    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private final LinkGate gate;
    private final Vertx vertx;
    /** Places admitted here and not claimed by an open link yet. */
    private final Queue<Object> unclaimed = new ConcurrentLinkedQueue<>();

    LinkUpgradeCheck(LinkSettings settings, ChatConfig config, Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        Map<LinkGate.Refusal, Counter> refused = new EnumMap<>(LinkGate.Refusal.class);
        for (LinkGate.Refusal refusal : LinkGate.Refusal.values()) {
            refused.put(
                    refusal,
                    Counter.builder("mmo.chat.link.refused")
                            .tag("reason", refusal.reason())
                            .description("/link upgrades refused before they happened")
                            .register(registry));
        }
        this.gate = new LinkGate(
                "chat-service",
                LinkCredential.of(settings),
                config.maxLinks(),
                refusal -> refused.get(refusal).increment());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var request = context.httpRequest();
        var refusal = gate.check(request.getHeader(LinkCredential.HEADER), String.valueOf(request.remoteAddress()));
        if (refusal.isPresent()) {
            int status = refusal.get().status();
            return status == 503
                    ? CheckResult.rejectUpgrade(
                            status, Map.of("Retry-After", List.of(String.valueOf(LinkGate.RETRY_AFTER_SECONDS))))
                    : CheckResult.rejectUpgrade(status);
        }
        Object place = new Object();
        unclaimed.add(place);
        vertx.setTimer(CLAIM_TIMEOUT.toMillis(), ignored -> {
            if (unclaimed.remove(place)) {
                gate.release();
            }
        });
        return CheckResult.permitUpgrade();
    }

    /**
     * A link opened: it takes one of the admitted places. False when none is left (its upgrade took longer than
     * {@link #CLAIM_TIMEOUT} and its place was freed): the link must be closed.
     */
    boolean claim() {
        return unclaimed.poll() != null;
    }

    /** A link that claimed its place ended. */
    void release() {
        gate.release();
    }
}
