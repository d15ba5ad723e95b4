package dev.mmo.auth.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

@Schema(description = "An RSA public key in JWK form (RFC 7517).")
public record JsonWebKey(
        @Schema(description = "Key type.", examples = "RSA") String kty,
        @Schema(description = "What the key is for: verifying signatures.", examples = "sig") String use,
        @Schema(description = "The algorithm tokens are signed with.", examples = "RS256") String alg,
        @Schema(description = "Key id; a token's `kid` header names the key that verifies it. "
                + "The RFC 7638 thumbprint of the key.") String kid,
        @Schema(description = "Modulus, base64url.") String n,
        @Schema(description = "Public exponent, base64url.", examples = "AQAB") String e) {

    static JsonWebKey of(RSAPublicKey key) {
        String n = base64UrlUnsigned(key.getModulus());
        String e = base64UrlUnsigned(key.getPublicExponent());
        return new JsonWebKey("RSA", "sig", "RS256", thumbprint(n, e), n, e);
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, without spaces. */
    private static String thumbprint(String n, String e) {
        String canonical = "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }

    /** Big-endian bytes without BigInteger's sign byte, as JWK writes n and e. */
    private static String base64UrlUnsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }
}
