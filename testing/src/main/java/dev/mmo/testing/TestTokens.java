package dev.mmo.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Tokens shaped like auth-service's (RS256, issuer {@code mmo-auth}, {@code actorId}, group
 * {@code player}), signed by a key made for the test run, for tests of services that verify tokens
 * without running auth-service. The public half is written as a JWKS file that the service under
 * test is pointed at with {@link #verifierConfig()}.
 */
public final class TestTokens {

    private static final TestTokens INSTANCE = new TestTokens();

    private final RsaJsonWebKey key;
    private final Path jwksFile;

    /**
     * One key per test JVM, kept in a file named after the JVM: Quarkus loads test resources and test classes in
     * different class loaders, and each would otherwise make a key of its own, so tokens signed in the test would
     * not verify against the JWKS a resource configured.
     */
    private TestTokens() {
        Path folder = Path.of(
                System.getProperty("java.io.tmpdir"),
                "mmo-test-tokens-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(folder);
            key = loadOrCreate(folder.resolve("key.jwk.json"));
            jwksFile = folder.resolve("jwks.json");
            Files.writeString(jwksFile, new JsonWebKeySet(key).toJson());
            folder.toFile().deleteOnExit();
            folder.resolve("key.jwk.json").toFile().deleteOnExit();
            jwksFile.toFile().deleteOnExit();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot make a test key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RsaJsonWebKey loadOrCreate(Path keyFile) throws IOException, JoseException {
        if (!Files.exists(keyFile)) {
            RsaJsonWebKey made = RsaJwkGenerator.generateJwk(2048);
            made.setKeyId("test-key");
            made.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            Path draft = Files.createTempFile(keyFile.getParent(), "key", ".tmp");
            Files.writeString(draft, made.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            try {
                // the first class loader to get here wins; a later one reads the winner's key
                Files.move(draft, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException lostTheRace) {
                Files.deleteIfExists(draft);
            }
        }
        return (RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(keyFile));
    }

    public static TestTokens get() {
        return INSTANCE;
    }

    /** Config that makes a service verify against this key instead of auth-service's JWKS. */
    public Map<String, String> verifierConfig() {
        return Map.of("mmo.auth.jwks-url", jwksFile.toUri().toString());
    }

    /** The JWKS document with the public key, for a test that serves it over HTTP. */
    public String jwks() {
        return new JsonWebKeySet(key).toJson();
    }

    /** A good token for that actor, valid for an hour. */
    public String forActor(long actorId, String username) {
        return sign(actorId, username, Instant.now(), Duration.ofHours(1));
    }

    /** A token that expired a while ago. */
    public String expired(long actorId, String username) {
        return sign(actorId, username, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    }

    /** A good token with one character of its payload changed, so its signature no longer matches. */
    public String tampered(long actorId, String username) {
        String[] parts = forActor(actorId, username).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8)
                .replace("\"actorId\":" + actorId, "\"actorId\":" + (actorId + 1));
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(UTF_8)) + "."
                + parts[2];
    }

    /** An unsigned token ({@code alg: none}) that claims to be that actor. */
    public String unsigned(long actorId, String username) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(UTF_8));
        String claims = b64.encodeToString(claims(actorId, username, Instant.now(), Duration.ofHours(1))
                .toJson()
                .getBytes(UTF_8));
        return header + "." + claims + ".";
    }

    private String sign(long actorId, String username, Instant issuedAt, Duration lifetime) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(actorId, username, issuedAt, lifetime).toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims claims(long actorId, String username, Instant issuedAt, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("mmo-auth");
        claims.setSubject(username);
        claims.setClaim("upn", username);
        claims.setClaim("actorId", actorId);
        claims.setStringListClaim("groups", List.of("player"));
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(
                org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.plus(lifetime).getEpochSecond()));
        return claims;
    }
}
