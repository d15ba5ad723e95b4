package dev.mmo.auth;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * auth-service settings. Values are set in application.properties; each key can be overridden by
 * its environment variable ({@code mmo.auth.token-lifetime} by {@code MMO_AUTH_TOKEN_LIFETIME}).
 */
@ConfigMapping(prefix = "mmo")
public interface AuthConfig {

    /** Folder for state that must survive restarts: the generated signing keys live in its keys/. */
    Path dataDir();

    Auth auth();

    interface Auth {

        /** The {@code iss} of every token; the other services verify it. */
        String issuer();

        /** How long an access token is valid. */
        Duration tokenLifetime();

        /** How long a refresh token is valid; each refresh hands out a new one, so the session slides on. */
        Duration refreshLifetime();

        /** PEM (PKCS#8) RSA private key; when absent a key pair is generated under the data dir. */
        Optional<Path> privateKeyLocation();

        /** PEM (X.509 SubjectPublicKeyInfo) public key matching the private key. */
        Optional<Path> publicKeyLocation();

        /**
         * PEM public key of the key signed with before the last rotation, still published so that tokens it signed
         * verify until they expire. The file may be absent (no rotation yet).
         */
        Optional<Path> previousPublicKeyLocation();

        /** How often the key files are read again, so that a rotation takes effect without a restart. */
        Duration keyReloadInterval();

        /**
         * Addresses and CIDR ranges of proxies (the gateway) whose {@code X-Forwarded-For} is believed; a request
         * from anywhere else is taken to come from its TCP peer.
         */
        List<String> trustedProxies();

        Throttle throttle();

        Hashing hashing();

        Database database();
    }

    /** Limits on logins and registrations; see {@code LoginThrottle} for how they combine. */
    interface Throttle {

        /** Login attempts one client address may make at once, refilled over {@link #loginWindow()}. */
        int loginsPerAddress();

        Duration loginWindow();

        /** Registrations one client address may make at once, refilled over {@link #registrationWindow()}. */
        int registrationsPerAddress();

        Duration registrationWindow();

        /** Failed logins from one address before each further attempt from it has to wait. */
        int freeFailuresPerAddress();

        /** Failed logins at one username before attempts at it from addresses with failures have to wait. */
        int freeFailuresPerUsername();

        /** The first wait; it doubles with each further failure. */
        Duration firstDelay();

        /** The longest wait. */
        Duration maxDelay();

        /** Failures are forgotten this long after the last one. */
        Duration failureMemory();

        /** Addresses, and separately usernames, kept in memory at most; the least recently seen go first. */
        int maxTracked();
    }

    /** The BCrypt pool: its work is what a flood of logins costs, so it is bounded and refuses the excess at once. */
    interface Hashing {

        /** Threads that run BCrypt; unset: one per processor core. */
        Optional<Integer> threads();

        /** Hashes that may wait for a thread; one more is answered 503 at once. */
        int queue();

        /** The {@code Retry-After} of that 503. */
        Duration retryAfter();
    }

    interface Database {

        /** While the database is unavailable, how often a cheap query checks whether it is back. */
        Duration probeInterval();

        /** The {@code Retry-After} of a 503 while the database is unavailable. */
        Duration retryAfter();
    }
}
