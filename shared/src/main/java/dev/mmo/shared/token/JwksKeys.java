package dev.mmo.shared.token;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * auth-service's public keys, fetched from its JWKS ({@code mp.jwt.verify.publickey.location}, an http(s) or file
 * URL) and kept by {@code kid}:
 * <ul>
 * <li>a known key is used at once; every {@code mmo.auth.jwks.refresh-interval} the set is fetched again in the
 * background, and if that fails the known keys stay in use (tokens they verify are still good);</li>
 * <li>an unknown {@code kid} (after a key rotation) makes it fetch at once, but at most once per
 * {@code mmo.auth.jwks.refetch-interval}; a kid that a set fetched after the token arrived lacks is not one of
 * auth-service's keys (a bad token); within the interval, when no fetch may be made, it cannot be told yet and
 * counts as unavailable (try again), so a flood of made-up kids costs auth-service one request per interval;</li>
 * <li>when the keys are needed and cannot be fetched (auth-service down, slow past {@code mmo.auth.jwks.timeout},
 * an error), it throws {@link KeysUnavailableException} instead of calling the token bad.</li>
 * </ul>
 * Fetching blocks its caller for at most the timeout; callers verify tokens on worker threads.
 */
@DefaultBean
@ApplicationScoped
public class JwksKeys implements VerificationKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);

    private final URI location;
    private final Duration refreshInterval;
    private final Duration refetchInterval;
    private final Duration timeout;
    private final LongSupplier clock;
    private final HttpClient http;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record Snapshot(Map<String, PublicKey> keys, long fetchedAt) {}

    private volatile Snapshot snapshot;
    // guarded by this
    private boolean attempted;
    private long lastAttemptAt;
    private boolean lastAttemptFailed;
    private Exception lastFailure;

    @Inject
    public JwksKeys(
            VerifierSettings settings,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        this(
                URI.create(location.orElseThrow(() -> new IllegalStateException(
                        "mp.jwt.verify.publickey.location (mmo.auth.jwks-url) must name auth-service's JWKS"))),
                settings.refreshInterval(),
                settings.refetchInterval(),
                settings.timeout(),
                System::nanoTime);
    }

    JwksKeys(URI location, Duration refreshInterval, Duration refetchInterval, Duration timeout, LongSupplier clock) {
        this.location = location;
        this.refreshInterval = refreshInterval;
        this.refetchInterval = refetchInterval;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        long asked = clock.getAsLong();
        Snapshot known = snapshot;
        if (known != null) {
            PublicKey key = known.keys().get(keyId);
            if (key != null) {
                if (asked - known.fetchedAt() > refreshInterval.toNanos()) {
                    refreshInBackground();
                }
                return Optional.of(key);
            }
        }
        return fetchFor(keyId, asked);
    }

    /**
     * A kid counts as unknown only when a set fetched after the question was asked lacks it. When no fetch may be
     * made now (one was made less than the refetch interval ago, for another kid or in the background), the answer
     * is "unavailable, try again" rather than "bad token": a token signed with a key published a moment after that
     * fetch is good.
     */
    private synchronized Optional<PublicKey> fetchFor(String keyId, long asked) {
        Snapshot current = snapshot;
        // fetched by another caller while this one waited, or by a fetch that was under way when it asked
        if (current != null && (current.fetchedAt() > asked || current.keys().containsKey(keyId))) {
            return Optional.ofNullable(current.keys().get(keyId));
        }
        if (attempted && clock.getAsLong() - lastAttemptAt < refetchInterval.toNanos()) {
            throw unavailable(
                    lastAttemptFailed
                            ? ""
                            : "key " + keyId + " is not among those fetched "
                                    + "a moment ago, and the keys are fetched again at most every " + refetchInterval);
        }
        if (!fetch()) {
            throw unavailable("");
        }
        return Optional.ofNullable(snapshot.keys().get(keyId));
    }

    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("jwks-refresh").start(() -> {
                try {
                    synchronized (this) {
                        if (clock.getAsLong() - lastAttemptAt >= refetchInterval.toNanos()) {
                            fetch();
                        }
                    }
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    /** One fetch; on success replaces the keys, on failure keeps them. Caller holds the lock. */
    private boolean fetch() {
        long started = clock.getAsLong();
        attempted = true;
        lastAttemptAt = started;
        try {
            snapshot = new Snapshot(parse(download()), started);
            if (lastAttemptFailed) {
                LOG.infof("Fetched the token keys from %s again", location);
            }
            lastAttemptFailed = false;
            lastFailure = null;
            return true;
        } catch (IOException | JoseException | RuntimeException e) {
            if (!lastAttemptFailed) {
                LOG.warnf("Cannot fetch the token keys from %s: %s", location, e.toString());
            }
            lastAttemptFailed = true;
            lastFailure = e;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastAttemptFailed = true;
            lastFailure = e;
            return false;
        }
    }

    private String download() throws IOException, InterruptedException {
        if ("file".equals(location.getScheme())) {
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        }
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(location)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("HTTP " + answer.statusCode());
        }
        return answer.body();
    }

    /** The RSA signing keys that have a kid; anything else in the set is not for us. */
    private static Map<String, PublicKey> parse(String json) throws JoseException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
            boolean forSigning = jwk.getUse() == null || "sig".equals(jwk.getUse());
            boolean rs256 = jwk.getAlgorithm() == null || "RS256".equals(jwk.getAlgorithm());
            if (jwk.getKeyId() != null
                    && forSigning
                    && rs256
                    && jwk instanceof PublicJsonWebKey publicJwk
                    && publicJwk.getPublicKey() instanceof RSAPublicKey rsa) {
                keys.put(jwk.getKeyId(), rsa);
            }
        }
        return Map.copyOf(keys);
    }

    private KeysUnavailableException unavailable(String why) {
        if (!why.isEmpty()) {
            return new KeysUnavailableException(why, null);
        }
        return new KeysUnavailableException(
                "the token keys cannot be fetched from " + location + (lastFailure == null ? "" : ": " + lastFailure),
                lastFailure);
    }
}
