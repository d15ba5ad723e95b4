package dev.mmo.shared.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The credential that lets a gateway open a service's {@code /link}: a shared secret sent in {@link #HEADER} with
 * the upgrade request. Compared in constant time, on digests so that not even its length leaks.
 */
public final class LinkCredential {

    /** The request header a gateway puts the secret in. */
    public static final String HEADER = "X-MMO-Link-Secret";
    /** Shorter secrets are refused at start: they could be guessed. */
    public static final int MIN_LENGTH = 32;

    private final String secret;
    private final byte[] digest;

    private LinkCredential(String secret) {
        this.secret = secret;
        this.digest = sha256(secret);
    }

    /**
     * The configured credential; fails with what to set when there is none or it is too short, so a part that
     * takes or opens links does not start without one.
     */
    public static LinkCredential of(LinkSettings settings) {
        String secret = settings.secret().map(String::strip).orElse("");
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("mmo.link.secret (MMO_LINK_SECRET) must be set to a secret of at least "
                    + MIN_LENGTH + " characters, the same on the gateway, world-service and chat-service"
                    + (secret.isEmpty() ? "" : " (the one set has " + secret.length() + ")"));
        }
        return new LinkCredential(secret);
    }

    /** The value a gateway sends in {@link #HEADER}. */
    public String secret() {
        return secret;
    }

    /** Whether a presented header value is the secret; null (no header) never is. Constant time. */
    public boolean admits(String presented) {
        return presented != null && MessageDigest.isEqual(sha256(presented), digest);
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
