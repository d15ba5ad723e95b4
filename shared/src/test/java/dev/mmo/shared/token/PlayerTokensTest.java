package dev.mmo.shared.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PlayerTokens with the project's parser, against a real JWKS over HTTP. */
class PlayerTokensTest {

    private static RsaJsonWebKey current;
    private static RsaJsonWebKey next;
    private static RsaJsonWebKey stranger;

    private JwksServer auth;
    private PlayerTokens tokens;

    @BeforeAll
    static void makeKeys() throws Exception {
        current = JwksServer.newKey("current");
        next = JwksServer.newKey("next");
        stranger = JwksServer.newKey("current"); // claims a kid it does not own
    }

    @BeforeEach
    void start() throws Exception {
        auth = new JwksServer();
        auth.publish(current);
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy("mmo-auth");
        JwksKeys keys = new JwksKeys(
                auth.url(), Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(2), System::nanoTime);
        tokens = new PlayerTokens(new KeyIdJwtParser(keys, context, JWTCallerPrincipalFactory.instance()));
    }

    @AfterEach
    void stop() {
        auth.close();
    }

    @Test
    void aGoodTokenNamesItsPlayer() throws Exception {
        assertEquals(Optional.of(new TokenPlayer(7, "alice")), tokens.verify(JwksServer.token(current, 7, "alice")));
    }

    @Test
    void afterARotationOldAndNewTokensVerify() throws Exception {
        String old = JwksServer.token(current, 7, "alice");
        tokens.verify(old);

        auth.publish(next, current);

        assertEquals(Optional.of(new TokenPlayer(8, "bob")), tokens.verify(JwksServer.token(next, 8, "bob")));
        assertEquals(Optional.of(new TokenPlayer(7, "alice")), tokens.verify(old));
    }

    @Test
    void forgedTamperedAndUnsignedTokensAreBad() throws Exception {
        String good = JwksServer.token(current, 7, "alice");
        String[] parts = good.split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8).replace("\"actorId\":7", "\"actorId\":8");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(UTF_8)) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\",\"kid\":\"current\"}".getBytes(UTF_8))
                + "." + parts[1] + ".";

        assertEquals(Optional.empty(), tokens.verify(JwksServer.token(stranger, 7, "alice")));
        assertEquals(Optional.empty(), tokens.verify(tampered));
        assertEquals(Optional.empty(), tokens.verify(unsigned));
        assertEquals(Optional.empty(), tokens.verify(JwksServer.token(JwksServer.newKey("nobody-knows"), 7, "alice")));
        assertEquals(Optional.empty(), tokens.verify("not a token"));
    }

    @Test
    void whenTheKeysCannotBeFetchedItSaysSoInsteadOfCallingTheTokenBad() throws Exception {
        String token = JwksServer.token(next, 8, "bob");
        auth.close();

        assertThrows(KeysUnavailableException.class, () -> tokens.verify(token));
    }
}
