package dev.mmo.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters for /q/metrics: how many accounts were made and how logins went. */
@Startup // so the series show from the start, at 0, not only after the first event
@ApplicationScoped
public class AuthMetrics {

    private final Counter registrations;
    private final Counter loginsSucceeded;
    private final Counter loginsFailed;

    public AuthMetrics(MeterRegistry registry) {
        registrations = Counter.builder("mmo.auth.registrations")
                .description("Accounts created")
                .register(registry);
        loginsSucceeded = logins(registry, "success");
        loginsFailed = logins(registry, "failure");
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

    private static Counter logins(MeterRegistry registry, String outcome) {
        return Counter.builder("mmo.auth.logins")
                .description("Login attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
