package dev.mmo.auth.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * BCrypt password hashes. BCrypt reads only the first 72 bytes of its input, and passwords may
 * be 128 characters (up to 512 bytes of UTF-8), so the password is first condensed with SHA-256
 * into 44 base64 characters: every character counts and the input never contains a NUL.
 */
public final class Passwords {

    private Passwords() {}

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(condensed(password));
    }

    public static boolean matches(String password, String hash) {
        return BcryptUtil.matches(condensed(password), hash);
    }

    private static String condensed(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }
}
