package dev.mmo.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The throttle as deployed (application.properties without the %test overrides that let the other tests share one
 * address), a first back-off long enough that no test races the clock, and a BCrypt pool of one thread and one
 * queue place so that a handful of parallel requests overflows it.
 */
public class ProductionLimits implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mmo.auth.throttle.logins-per-address", "30",
                "mmo.auth.throttle.registrations-per-address", "10",
                "mmo.auth.throttle.free-failures-per-address", "10",
                "mmo.auth.throttle.first-delay", "1m",
                "mmo.auth.hashing.threads", "1",
                "mmo.auth.hashing.queue", "1");
    }
}
