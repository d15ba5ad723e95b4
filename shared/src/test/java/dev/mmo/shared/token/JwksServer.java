package dev.mmo.shared.token;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** A real HTTP server playing auth-service's JWKS endpoint, whose key set a test changes, plus keys to sign with. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private volatile String body = "{\"keys\":[]}";
    private volatile int status = 200;
    private volatile CountDownLatch held = new CountDownLatch(0);
    final AtomicInteger requests = new AtomicInteger();

    JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/jwks", exchange -> {
            synchronized (this) {
                requests.incrementAndGet();
                notifyAll();
            }
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Waits until {@code count} requests have come in all; false when that takes longer than {@code within}. */
    synchronized boolean awaitRequests(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (requests.get() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/auth/jwks");
    }

    void publish(RsaJsonWebKey... keys) {
        body = new JsonWebKeySet(List.of(keys)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Holds every answer until the returned latch is counted down. */
    CountDownLatch holdAnswers() {
        held = new CountDownLatch(1);
        return held;
    }

    void answerWith(int status) {
        this.status = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static RsaJsonWebKey newKey(String keyId) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(keyId);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        return key;
    }

    /** A token as auth-service makes them, signed with that key. */
    static String token(RsaJsonWebKey key, long actorId, String username) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("mmo-auth");
        claims.setSubject(username);
        claims.setClaim("upn", username);
        claims.setClaim("actorId", actorId);
        claims.setStringListClaim("groups", List.of("player"));
        claims.setIssuedAt(NumericDate.now());
        NumericDate expires = NumericDate.now();
        expires.addSeconds(900);
        claims.setExpirationTime(expires);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
