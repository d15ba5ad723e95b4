package dev.mmo.auth.token;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A refresh token as the client holds it: base64url of the family's id (16 bytes) followed by a 256-bit random
 * secret, 64 characters in all. The database keeps only the SHA-256 of the secret.
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed: the database compares digests
record RefreshTokenValue(UUID family, byte[] secret) {

    private static final int SECRET_BYTES = 32;
    private static final int TOKEN_BYTES = 16 + SECRET_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    static RefreshTokenValue next(UUID family) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new RefreshTokenValue(family, secret);
    }

    /** Empty for anything that is not shaped like one of ours; no database look-up is wasted on it. */
    static Optional<RefreshTokenValue> parse(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != TOKEN_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID family = new UUID(buffer.getLong(), buffer.getLong());
        byte[] secret = new byte[SECRET_BYTES];
        buffer.get(secret);
        return Optional.of(new RefreshTokenValue(family, secret));
    }

    String encoded() {
        ByteBuffer buffer = ByteBuffer.allocate(TOKEN_BYTES);
        buffer.putLong(family.getMostSignificantBits())
                .putLong(family.getLeastSignificantBits())
                .put(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    byte[] secretHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "RefreshTokenValue[family=" + family + "]";
    }
}
