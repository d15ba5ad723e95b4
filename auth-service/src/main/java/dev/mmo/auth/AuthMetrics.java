package dev.mmo.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters for /q/metrics: how many accounts were made, how logins and refreshes went, what was refused. */
@Startup // so the series show from the start, at 0, not only after the first event
@ApplicationScoped
public class AuthMetrics {

    private final Counter registrations;
    private final Counter loginsSucceeded;
    private final Counter loginsFailed;
    private final Counter refreshes;
    private final Counter refreshReplays;
    private final MeterRegistry registry;

    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
        registrations = Counter.builder("mmo.auth.registrations")
                .description("Accounts created")
                .register(registry);
        loginsSucceeded = logins(registry, "success");
        loginsFailed = logins(registry, "failure");
        refreshes = Counter.builder("mmo.auth.refreshes")
                .description("Refresh tokens traded for new tokens")
                .register(registry);
        refreshReplays = Counter.builder("mmo.auth.refresh.replays")
                .description("Spent refresh tokens presented again (their sessions were ended): stolen tokens, "
                        + "or a client that refreshed twice")
                .register(registry);
        refusedCounter("too_many_attempts");
        refusedCounter("unavailable");
    }

    public void registered() {
        registrations.increment();
    }

    public void loginSucceeded() {
        loginsSucceeded.increment();
    }

    /** A wrong password or an unknown username; a rising rate hints at password guessing. */
    public void loginFailed() {
        loginsFailed.increment();
    }

    public void refreshed() {
        refreshes.increment();
    }

    public void refreshReplayed() {
        refreshReplays.increment();
    }

    /** A request refused with 429 or 503, by its error code. */
    public void refused(String error) {
        refusedCounter(error).increment();
    }

    private Counter refusedCounter(String error) {
        return Counter.builder("mmo.auth.refused")
                .description("Requests refused with Retry-After: too_many_attempts (429), unavailable (503)")
                .tag("error", error)
                .register(registry);
    }

    private static Counter logins(MeterRegistry registry, String outcome) {
        return Counter.builder("mmo.auth.logins")
                .description("Login attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
