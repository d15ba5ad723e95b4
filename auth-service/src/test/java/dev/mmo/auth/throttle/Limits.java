package dev.mmo.auth.throttle;

import dev.mmo.auth.AuthConfig;
import java.time.Duration;

/** Throttle settings for unit tests, the defaults of application.properties unless changed. */
record Limits(
        int loginsPerAddress,
        Duration loginWindow,
        int registrationsPerAddress,
        Duration registrationWindow,
        int freeFailuresPerAddress,
        int freeFailuresPerUsername,
        Duration firstDelay,
        Duration maxDelay,
        Duration failureMemory,
        int maxTracked)
        implements AuthConfig.Throttle {

    static Limits defaults() {
        return new Limits(
                30,
                Duration.ofMinutes(1),
                10,
                Duration.ofMinutes(10),
                10,
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                100_000);
    }

    Limits withLogins(int perAddress) {
        return new Limits(
                perAddress,
                loginWindow,
                registrationsPerAddress,
                registrationWindow,
                freeFailuresPerAddress,
                freeFailuresPerUsername,
                firstDelay,
                maxDelay,
                failureMemory,
                maxTracked);
    }

    Limits withMaxTracked(int max) {
        return new Limits(
                loginsPerAddress,
                loginWindow,
                registrationsPerAddress,
                registrationWindow,
                freeFailuresPerAddress,
                freeFailuresPerUsername,
                firstDelay,
                maxDelay,
                failureMemory,
                max);
    }
}
