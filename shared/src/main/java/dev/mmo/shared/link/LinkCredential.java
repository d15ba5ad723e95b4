package dev.mmo.shared.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The credential that lets a gateway open a service's {@code /link}: a shared secret sent in {@link #HEADER} with
 * the upgrade request. Compared in constant time, on digests so that not even its length leaks. While it is rotated,
 * the previous secret is admitted too ({@link LinkSettings#previousSecret()}).
 */
public final class LinkCredential {

    /** The request header a gateway puts the secret in. */
    public static final String HEADER = "X-MMO-Link-Secret";
    /** Shorter secrets are refused at start: they could be guessed. */
    public static final int MIN_LENGTH = 32;

    private final String secret;
    private final byte[] digest;
    /** The previous secret's digest while a rotation is under way, else null. */
    private final byte[] previousDigest;

    private LinkCredential(String secret, String previous) {
        this.secret = secret;
        this.digest = sha256(secret);
        this.previousDigest = previous == null ? null : sha256(previous);
    }

    /**
     * The configured credential; fails with what to set when there is none or it is too short, so a part that
     * takes or opens links does not start without one.
     */
    public static LinkCredential of(LinkSettings settings) {
        String secret = settings.secret().map(String::strip).orElse("");
        if (settings.secretFile().isPresent()) {
            if (!secret.isEmpty()) {
                throw new IllegalStateException("mmo.link.secret (MMO_LINK_SECRET) and mmo.link.secret-file"
                        + " (MMO_LINK_SECRET_FILE) are both set; set one of them");
            }
            secret = read(Path.of(settings.secretFile().get()));
        }
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("mmo.link.secret (MMO_LINK_SECRET) must be set to a secret of at least "
                    + MIN_LENGTH + " characters, the same on the gateway, world-service and chat-service, or"
                    + " mmo.link.secret-file (MMO_LINK_SECRET_FILE) to a file that holds it"
                    + (secret.isEmpty() ? "" : " (the one set has " + secret.length() + ")"));
        }
        String previous = settings.previousSecret()
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse(null);
        if (previous != null && previous.length() < MIN_LENGTH) {
            throw new IllegalStateException("mmo.link.previous-secret (MMO_LINK_PREVIOUS_SECRET) is set but shorter"
                    + " than " + MIN_LENGTH + " characters; leave it unset unless the link secret is being rotated");
        }
        return new LinkCredential(secret, previous);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "mmo.link.secret-file (MMO_LINK_SECRET_FILE) names " + file + ", which cannot be read: " + e, e);
        }
    }

    /** The value a gateway sends in {@link #HEADER}. */
    public String secret() {
        return secret;
    }

    /**
     * Whether a presented header value is the secret, or the previous one while it is rotated; null (no header)
     * never is. Constant time.
     */
    public boolean admits(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] presentedDigest = sha256(presented);
        boolean current = MessageDigest.isEqual(presentedDigest, digest);
        boolean previous = previousDigest != null && MessageDigest.isEqual(presentedDigest, previousDigest);
        return current || previous; // both digests were compared already, in constant time
    }

    /** Whether a presented header value is the previous secret (admitted, but that gateway has not moved yet). */
    public boolean isPrevious(String presented) {
        return presented != null && previousDigest != null && MessageDigest.isEqual(sha256(presented), previousDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "LinkCredential[secret hidden]";
    }
}
