package dev.mmo.shared.token;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * The token parser of every service, for bearer tokens on REST endpoints as for {@link PlayerTokens}: it picks the
 * key by the token's {@code kid} from {@link VerificationKeys} (auth-service's JWKS in world, chat and gateway, its
 * own key files in auth-service), then lets smallrye-jwt check signature, issuer, expiry and claims with that one
 * key. smallrye-jwt's own JWKS handling is not used: it may refetch on an unknown kid only once per minutes, and it
 * reports keys it cannot fetch as a bad token. {@link #parse(String)} throws {@link KeysUnavailableException} when the
 * keys cannot be fetched.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KeyIdJwtParser implements JWTParser {

    private final VerificationKeys keys;
    private final JWTParser checks;

    public KeyIdJwtParser(VerificationKeys keys, JWTAuthContextInfo context, JWTCallerPrincipalFactory factory) {
        this.keys = keys;
        this.checks = new DefaultJWTParser(context, factory);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        String keyId = keyIdOf(token);
        PublicKey key = keys.find(keyId).orElseThrow(() -> new ParseException("no key with the token's kid " + keyId));
        return checks.verify(token, key);
    }

    static String keyIdOf(String token) throws ParseException {
        if (token == null || token.isBlank()) {
            throw new ParseException("no token");
        }
        try {
            String keyId = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
            if (keyId == null || keyId.isBlank()) {
                throw new ParseException("the token names no key (kid)");
            }
            return keyId;
        } catch (JoseException e) {
            throw new ParseException("not a compact JWS", e);
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return checks.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return checks.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return checks.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return checks.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return checks.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return checks.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return checks.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return checks.parseOnly(token);
    }
}
