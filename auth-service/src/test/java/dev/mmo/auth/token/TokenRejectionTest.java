package dev.mmo.auth.token;

import static dev.mmo.auth.Players.me;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registered;
import static dev.mmo.auth.Players.tokenOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class TokenRejectionTest {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    SigningKeys keys;

    @Test
    void aRequestWithoutTokenIsTurnedAway() {
        given().when()
                .get("/api/auth/me")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void anExpiredTokenIsTurnedAway() {
        Instant twoHoursAgo = Instant.now().minusSeconds(7200);
        String expired = playerClaims()
                .issuedAt(twoHoursAgo)
                .expiresAt(twoHoursAgo.plusSeconds(3600))
                .jws()
                .keyId(keys.signing().keyId())
                .sign(keys.signing().key());

        assertTurnedAway(expired);
    }

    @Test
    void aTokenWithAnEditedPayloadIsTurnedAway() {
        String[] token = tokenOf(registeredPlayer()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(token[1]), StandardCharsets.UTF_8);
        String otherActor = payload.replaceFirst("\"actorId\":\\d+", "\"actorId\":1");

        assertTurnedAway(token[0] + "." + BASE64URL.encodeToString(otherActor.getBytes(StandardCharsets.UTF_8)) + "."
                + token[2]);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsTurnedAway() {
        String[] token = tokenOf(registeredPlayer()).split("\\.");
        String none = BASE64URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        assertTurnedAway(none + "." + token[1] + ".");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsTurnedAway() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey strangersKey = generator.generateKeyPair().getPrivate();

        assertTurnedAway(playerClaims().jws().keyId(keys.signing().keyId()).sign(strangersKey));
    }

    @Test
    void aTokenFromAnotherIssuerIsTurnedAway() {
        assertTurnedAway(playerClaims()
                .issuer("someone-else")
                .jws()
                .keyId(keys.signing().keyId())
                .sign(keys.signing().key()));
    }

    @Test
    void aValidTokenWithoutThePlayerRoleIsForbidden() {
        String notAPlayer = playerClaims()
                .groups(Set.of("spectator"))
                .jws()
                .keyId(keys.signing().keyId())
                .sign(keys.signing().key());

        me(notAPlayer).statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));
    }

    @Test
    void aWellFormedTokenSignedWithTheServiceKeyIsAccepted() {
        me(playerClaims()
                        .jws()
                        .keyId(keys.signing().keyId())
                        .sign(keys.signing().key()))
                .statusCode(200)
                .body("username", equalTo("forged_by_test"))
                .body("actorId", equalTo(42));
    }

    private static String registeredPlayer() {
        String username = newUsername("Peggy");
        registered(username);
        return username;
    }

    private static JwtClaimsBuilder playerClaims() {
        return Jwt.issuer("mmo-auth")
                .subject("forged_by_test")
                .upn("forged_by_test")
                .groups(Set.of(TokenIssuer.PLAYER_ROLE))
                .claim(TokenIssuer.ACTOR_ID_CLAIM, 42L);
    }

    private static void assertTurnedAway(String token) {
        me(token).statusCode(401).contentType(ContentType.JSON).body("error", equalTo("unauthorized"));
    }
}
