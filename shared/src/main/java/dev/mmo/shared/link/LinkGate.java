package dev.mmo.shared.link;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * What a service checks before it lets a gateway's WebSocket upgrade on {@code /link} happen, so that a stranger
 * never gets a WebSocket at all: the link credential ({@link LinkCredential#HEADER}; missing or wrong: 401) and the
 * cap on links ({@code max-links}; at it: 503). An admitted upgrade holds one of the cap's places from the check on
 * (so that links admitted at the same moment cannot together pass the cap) until the service {@link #release()}s it:
 * when the link ends, or when the upgrade fails after all. Each refusal is counted (the service's metric) and
 * logged, at most once a {@link #LOG_INTERVAL} per kind with the number left unlogged, so a stranger knocking in a
 * loop cannot flood the log. Thread-safe.
 */
public final class LinkGate {

    /** Refusals of one kind are logged at most this often. */
    public static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** What a 503 tells the gateway to wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(LinkGate.class);

    /** Why an upgrade was refused, with the HTTP status it is answered with and the metric's {@code reason} tag. */
    public enum Refusal {
        /** No credential, or not the right one. */
        CREDENTIAL(401, "credential", "no or a wrong link credential (" + LinkCredential.HEADER + ")"),
        /** The service already holds its most links. */
        FULL(503, "full", "the service holds its most gateway links");

        private final int status;
        private final String reason;
        private final String description;

        Refusal(int status, String reason, String description) {
            this.status = status;
            this.reason = reason;
            this.description = description;
        }

        public int status() {
            return status;
        }

        /** The metric tag. */
        public String reason() {
            return reason;
        }
    }

    private final String service;
    private final LinkCredential credential;
    private final int maxLinks;
    private final Consumer<Refusal> counter;
    private final Map<Refusal, RateLimitedWarning> warnings = new EnumMap<>(Refusal.class);
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean warnedPrevious;

    /**
     * @param service  the service's name, for the log
     * @param maxLinks the most gateway links it holds at once
     * @param counter  counts each refusal (a metric)
     */
    public LinkGate(String service, LinkCredential credential, int maxLinks, Consumer<Refusal> counter) {
        if (maxLinks < 1) {
            throw new IllegalArgumentException(service + ": max-links must be at least 1, not " + maxLinks);
        }
        this.service = service;
        this.credential = credential;
        this.maxLinks = maxLinks;
        this.counter = counter;
        for (Refusal refusal : Refusal.values()) {
            warnings.put(refusal, new RateLimitedWarning());
        }
    }

    /**
     * Whether an upgrade may go on; if it may, it now holds a place under the cap until {@link #release()}.
     *
     * @param presented the {@link LinkCredential#HEADER} value, null when there is none
     * @param peer      who asks (its address), for the log
     * @return empty to let it upgrade, else why not
     */
    public Optional<Refusal> check(String presented, String peer) {
        Refusal refusal = null;
        if (!credential.admits(presented)) {
            refusal = Refusal.CREDENTIAL;
        } else if (!hold()) {
            refusal = Refusal.FULL;
        }
        if (refusal == null) {
            if (credential.isPrevious(presented) && !warnedPrevious) {
                warnedPrevious = true;
                LOG.infof(
                        "%s: a gateway (%s) still presents the previous link secret; it is admitted until"
                                + " mmo.link.previous-secret is removed",
                        service, peer);
            }
            return Optional.empty();
        }
        counter.accept(refusal);
        long unlogged = warnings.get(refusal).due(System.nanoTime());
        if (unlogged >= 0) {
            String since = unlogged > 0 ? " (and " + unlogged + " more like it since the last message)" : "";
            LOG.warnf(
                    "%s: refused a /link upgrade from %s (%d): %s%s",
                    service, peer, refusal.status, refusal.description, since);
        }
        return Optional.of(refusal);
    }

    /** A place taken by {@link #check} is free again: the link ended, or its upgrade failed. */
    public void release() {
        held.updateAndGet(places -> Math.max(0, places - 1));
    }

    /** The places held: links open, and upgrades admitted and not yet open. */
    public int held() {
        return held.get();
    }

    public int maxLinks() {
        return maxLinks;
    }

    private boolean hold() {
        int places;
        do {
            places = held.get();
            if (places >= maxLinks) {
                return false;
            }
        } while (!held.compareAndSet(places, places + 1));
        return true;
    }

    /** One kind of warning, written at most once per {@link #LOG_INTERVAL}. */
    private static final class RateLimitedWarning {

        private long lastLoggedNanos;
        private boolean logged;
        private long unlogged;

        /** -1 when this one is not to be logged, else how many were left unlogged before it. */
        synchronized long due(long now) {
            if (logged && now - lastLoggedNanos < LOG_INTERVAL.toNanos()) {
                unlogged++;
                return -1;
            }
            long before = unlogged;
            logged = true;
            lastLoggedNanos = now;
            unlogged = 0;
            return before;
        }
    }
}
