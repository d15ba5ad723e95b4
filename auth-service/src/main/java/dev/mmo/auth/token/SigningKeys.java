package dev.mmo.auth.token;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mmo.auth.AuthConfig;
import dev.mmo.shared.token.VerificationKeys;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The key tokens are signed with, and the keys the JWKS publishes: the current one and, after a rotation, the
 * previous one, so tokens signed before the rotation verify until they expire. The files are read at startup (a bad
 * configuration stops the service at once instead of failing the first login) and again every
 * {@code mmo.auth.key-reload-interval}: a rotation ({@code ./mmo rotate-keys}, {@code k8s/rotate-keys.sh}) takes
 * effect without a restart. A reload that finds the files unreadable or mismatched (caught half-way through an
 * update) keeps the keys it has and tries again next time.
 * <p>
 * It is also auth-service's own {@link VerificationKeys}: bearer tokens sent to auth-service are checked against
 * these keys in memory rather than by fetching its own JWKS.
 */
@Startup
@Singleton
public class SigningKeys implements VerificationKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    /** The private key file first: see KeyFiles.rotate for why that order is safe. */
    private record Locations(Path privateKey, Optional<Path> publicKey, Optional<Path> previousPublicKey) {
        List<Path> all() {
            List<Path> files = new ArrayList<>(List.of(privateKey));
            publicKey.ifPresent(files::add);
            previousPublicKey.ifPresent(files::add);
            return files;
        }
    }

    /** One consistent set: never a signing key from one rotation with the published keys of another. */
    @SuppressWarnings("ArrayRecordComponent") // never compared: a reload compares fileDigest by content
    private record KeySet(
            RSAPrivateKey signingKey,
            JsonWebKey signingJwk,
            List<JsonWebKey> published,
            Map<String, RSAPublicKey> byKeyId,
            byte[] fileDigest) {}

    public record Signing(RSAPrivateKey key, String keyId) {}

    private final Locations locations;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "signing-key-reload");
        thread.setDaemon(true);
        return thread;
    });
    private volatile KeySet keys;

    public SigningKeys(AuthConfig config) {
        AuthConfig.Auth auth = config.auth();
        if (auth.privateKeyLocation().isPresent()) {
            locations = new Locations(
                    auth.privateKeyLocation().get(), auth.publicKeyLocation(), auth.previousPublicKeyLocation());
            LOG.infof("Signing tokens with the key from %s", locations.privateKey());
        } else if (auth.publicKeyLocation().isPresent()
                || auth.previousPublicKeyLocation().isPresent()) {
            throw new IllegalStateException("mmo.auth.public-key-location or previous-public-key-location is set but "
                    + "mmo.auth.private-key-location is not; auth-service needs the private key to sign tokens");
        } else {
            Path dir = config.dataDir().resolve("keys").toAbsolutePath();
            KeyFiles.readOrGenerate(dir);
            locations = new Locations(
                    dir.resolve(KeyFiles.PRIVATE_KEY_FILE),
                    Optional.empty(),
                    Optional.of(dir.resolve(KeyFiles.PREVIOUS_PUBLIC_KEY_FILE)));
            LOG.infof("Signing tokens with the key kept in %s (rotate: ./mmo rotate-keys)", dir);
        }
        keys = load(digestOfFiles());
        describe("Token keys");
        Duration every = auth.keyReloadInterval();
        var unused = reloader.scheduleWithFixedDelay(
                this::reloadQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Signing signing() {
        KeySet current = keys;
        return new Signing(current.signingKey(), current.signingJwk().kid());
    }

    /** The current key first, then the previous one if there is one. */
    public List<JsonWebKey> published() {
        return keys.published();
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keys.byKeyId().get(keyId));
    }

    /** Reads the files again; swaps the keys if they changed and make a good set. @return whether they changed */
    boolean reload() {
        byte[] digest = digestOfFiles();
        if (MessageDigest.isEqual(digest, keys.fileDigest())) {
            return false;
        }
        keys = load(digest);
        describe("Token keys reloaded");
        return true;
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "The token key files changed but cannot be used (%s); still signing with %s",
                    e.getMessage(), keys.signingJwk().kid());
        }
    }

    private KeySet load(byte[] digest) {
        KeyFiles.RsaKeyPair pair = KeyFiles.read(locations.privateKey(), locations.publicKey());
        JsonWebKey signing = JsonWebKey.of(pair.publicKey());
        Map<String, RSAPublicKey> byKeyId = new LinkedHashMap<>();
        byKeyId.put(signing.kid(), pair.publicKey());
        List<JsonWebKey> published = new ArrayList<>(List.of(signing));
        Optional<RSAPublicKey> previous = locations.previousPublicKey().flatMap(KeyFiles::readPreviousPublicKey);
        if (previous.isPresent()) {
            JsonWebKey previousJwk = JsonWebKey.of(previous.get());
            if (byKeyId.putIfAbsent(previousJwk.kid(), previous.get()) == null) {
                published.add(previousJwk);
            }
        }
        return new KeySet(pair.privateKey(), signing, List.copyOf(published), Map.copyOf(byKeyId), digest);
    }

    private void describe(String what) {
        List<String> ids = keys.published().stream().map(JsonWebKey::kid).toList();
        LOG.infof(
                "%s: signing with %s%s",
                what, ids.getFirst(), ids.size() > 1 ? ", previous " + ids.get(1) + " still published" : "");
    }

    /** What the files hold now; a missing optional file counts as empty. */
    private byte[] digestOfFiles() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Path file : locations.all()) {
                sha256.update(file.toString().getBytes(UTF_8));
                if (Files.exists(file)) {
                    sha256.update(Files.readAllBytes(file));
                }
                sha256.update((byte) 0);
            }
            return sha256.digest();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the token key files: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }

    @PreDestroy
    void stop() {
        reloader.shutdownNow();
    }
}
