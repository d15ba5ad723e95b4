package dev.mmo.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys in the PEM forms OpenSSL writes by default: PKCS#8 {@code PRIVATE KEY} and X.509
 * {@code PUBLIC KEY}, e.g. from
 * {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem} and
 * {@code openssl pkey -in private.pem -pubout -out public.pem}.
 * <p>
 * Written here rather than taken from jose4j (which computes the JWKs, {@link JsonWebKey}): jose4j 0.9.6 reads and
 * writes X.509 public keys only ({@code RsaKeyUtil.fromPemEncoded}, {@code KeyPairUtil.pemEncode}), not the PKCS#8
 * private key tokens are signed with, and answers a PEM of another kind (a PKCS#1 key, say) with a
 * {@code StringIndexOutOfBoundsException}, where this names the kind and how to convert it (measured). The JDK's own
 * PEM API (JEP 470) is a preview feature in JDK 25.
 */
final class Pem {

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {}

    static RSAPrivateCrtKey decodePrivateKey(String pem) throws GeneralSecurityException {
        byte[] der = decode(pem, PRIVATE_LABEL);
        if (rsa().generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key) {
            return key;
        }
        throw new GeneralSecurityException("the private key lacks its public (CRT) parameters");
    }

    static RSAPublicKey decodePublicKey(String pem) throws GeneralSecurityException {
        return (RSAPublicKey) rsa().generatePublic(new X509EncodedKeySpec(decode(pem, PUBLIC_LABEL)));
    }

    /** The public half, which a PKCS#8 RSA key carries with it. */
    static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return (RSAPublicKey) rsa().generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    static boolean samePair(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
        return privateKey.getModulus().equals(publicKey.getModulus())
                && privateKey.getPublicExponent().equals(publicKey.getPublicExponent());
    }

    static String encodePrivateKey(RSAPrivateCrtKey key) {
        return encode(PRIVATE_LABEL, key.getEncoded());
    }

    static String encodePublicKey(RSAPublicKey key) {
        return encode(PUBLIC_LABEL, key.getEncoded());
    }

    private static byte[] decode(String pem, String expectedLabel) throws GeneralSecurityException {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new GeneralSecurityException("no PEM block found");
        }
        String label = block.group(1);
        if (!label.equals(expectedLabel)) {
            throw new GeneralSecurityException(
                    "expected a '" + expectedLabel + "' PEM block but found '" + label + "'" + hintFor(label));
        }
        try {
            return Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the PEM block is not valid base64", e);
        }
    }

    private static String hintFor(String label) {
        return switch (label) {
            case "RSA PRIVATE KEY" ->
                " (PKCS#1; convert it: openssl pkcs8 -topk8 -nocrypt -in old.pem -out private.pem)";
            case "ENCRYPTED PRIVATE KEY" -> " (encrypted keys are not supported; store it unencrypted in a secret)";
            case "RSA PUBLIC KEY" -> " (PKCS#1; convert it: openssl pkey -in private.pem -pubout -out public.pem)";
            default -> "";
        };
    }

    private static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static KeyFactory rsa() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA");
    }
}
