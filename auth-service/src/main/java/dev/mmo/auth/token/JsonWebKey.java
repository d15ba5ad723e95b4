package dev.mmo.auth.token;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.HashUtil;

@Schema(description = "An RSA public key in JWK form (RFC 7517).")
public record JsonWebKey(
        @Schema(description = "Key type.", examples = "RSA") String kty,

        @Schema(description = "What the key is for: verifying signatures.", examples = "sig")
        String use,

        @Schema(description = "The algorithm tokens are signed with.", examples = "RS256")
        String alg,

        @Schema(
                description = "Key id; a token's `kid` header names the key that verifies it. "
                        + "The RFC 7638 thumbprint of the key.")
        String kid,

        @Schema(description = "Modulus, base64url.") String n,

        @Schema(description = "Public exponent, base64url.", examples = "AQAB")
        String e) {

    /** The key's JWK (jose4j's), with its RFC 7638 SHA-256 thumbprint as the key id. */
    static JsonWebKey of(RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        Map<String, Object> members = jwk.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return new JsonWebKey(
                jwk.getKeyType(),
                Use.SIGNATURE,
                AlgorithmIdentifiers.RSA_USING_SHA256,
                jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256),
                (String) members.get(RsaJsonWebKey.MODULUS_MEMBER_NAME),
                (String) members.get(RsaJsonWebKey.EXPONENT_MEMBER_NAME));
    }
}
