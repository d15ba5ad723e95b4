package dev.mmo.auth.account;

import static dev.mmo.auth.Players.PASSWORD;
import static dev.mmo.auth.Players.login;
import static dev.mmo.auth.Players.me;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.register;
import static dev.mmo.auth.Players.registered;
import static dev.mmo.auth.Players.tokenOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.auth.Tables;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class RegisterLoginMeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Tables tables;

    @TestHTTPResource("/api/auth/jwks")
    URL jwksUrl;

    @Test
    void aNewPlayerRegistersLogsInAndIsRecognised() {
        String username = newUsername("Alice");

        long actorId = register(username, PASSWORD, 5)
                .statusCode(201)
                .body("actorId", notNullValue())
                .extract()
                .jsonPath()
                .getLong("actorId");

        String token = login(username, PASSWORD)
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("actorId", equalTo((int) actorId))
                .body("refreshToken", matchesPattern("[A-Za-z0-9_-]{64}"))
                .body("refreshExpiresIn", equalTo(30 * 24 * 3600))
                .extract()
                .jsonPath()
                .getString("token");

        me(token).statusCode(200).body("username", equalTo(username)).body("actorId", equalTo((int) actorId));
    }

    @Test
    void registrationCreatesTheActorStandingAtTheOriginUnderItsOwnName() {
        String username = newUsername("Bob");

        long actorId = register(username, PASSWORD, 3)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("actorId");

        assertThat(tables.footprintOf(username), equalTo(Tables.Footprint.ONE_ACCOUNT));
        Map<String, Object> actor = tables.row("""
                select u.username, e.name, i.x, i.y, a.avatar_id
                  from actors a
                  join users u on u.id = a.user_id
                  join instanced_entities i on i.id = a.instanced_entity_id
                  join entities e on e.id = i.entity_id
                 where a.id = ?""", actorId);
        assertThat(actor, equalTo(Map.of("username", username, "name", username, "x", 0.0, "y", 0.0, "avatar_id", 3)));
    }

    @Test
    void theAvatarIsZeroWhenLeftOut() {
        long actorId = registered(newUsername("Carol"));

        assertThat(tables.value("select avatar_id from actors where id = ?", actorId), equalTo(0));
    }

    @Test
    void loginIgnoresLetterCaseButTheTokenKeepsTheRegisteredName() {
        String username = newUsername("MiXeD");
        registered(username);

        String token = login(username.toLowerCase(Locale.ROOT), PASSWORD)
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("token");

        me(token).statusCode(200).body("username", equalTo(username));
    }

    @Test
    void theTokenVerifiesWithTheKeyPublishedInTheJwks() throws Exception {
        String username = newUsername("Dave");
        long actorId = registered(username);
        String[] token = tokenOf(username).split("\\.");
        JsonNode header = decode(token[0]);
        JsonNode claims = decode(token[1]);

        JsonNode jwk = publishedKey(header.get("kid").asText());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(rsaPublicKey(jwk));
        rs256.update((token[0] + "." + token[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat("signature verifies", rs256.verify(Base64.getUrlDecoder().decode(token[2])));
        assertThat(header.get("alg").asText(), equalTo("RS256"));
        assertThat(jwk.get("kty").asText(), equalTo("RSA"));
        assertThat(jwk.get("use").asText(), equalTo("sig"));
        assertThat(jwk.get("alg").asText(), equalTo("RS256"));
        assertThat(claims.get("iss").asText(), equalTo("mmo-auth"));
        assertThat(claims.get("sub").asText(), equalTo(username));
        assertThat(claims.get("upn").asText(), equalTo(username));
        assertThat(claims.get("groups").toString(), equalTo("[\"player\"]"));
        assertThat(claims.get("actorId").isIntegralNumber(), is(true));
        assertThat(claims.get("actorId").asLong(), equalTo(actorId));
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong(), equalTo(900L));
    }

    @Test
    void theKeyIdIsTheStandardThumbprintOfThePublishedKey() throws Exception {
        JsonNode jwk = publishedKeys().get(0);

        String thumbprint = new RsaJsonWebKey(rsaPublicKey(jwk)).calculateBase64urlEncodedThumbprint("SHA-256");

        assertThat(jwk.get("kid").asText(), equalTo(thumbprint));
    }

    @Test
    void theJwksPublishesOnePublicKeyAndNothingPrivate() throws Exception {
        JsonNode keys = publishedKeys();

        assertThat(keys.size(), equalTo(1));
        List<String> members = new ArrayList<>();
        keys.get(0).fieldNames().forEachRemaining(members::add);
        assertThat(members, containsInAnyOrder("kty", "use", "alg", "kid", "n", "e"));
    }

    /** What world, chat and gateway do: smallrye-jwt fetching the key from the JWKS URL. */
    @Test
    void anotherServiceVerifiesTheTokenThroughTheJwksUrl() throws Exception {
        String username = newUsername("Erin");
        long actorId = registered(username);

        JsonWebToken verified =
                new DefaultJWTParser(new JWTAuthContextInfo(jwksUrl.toString(), "mmo-auth")).parse(tokenOf(username));

        assertThat(verified.getName(), equalTo(username));
        assertThat(verified.getGroups(), containsInAnyOrder("player"));
        assertThat(verified.<JsonNumber>getClaim("actorId").longValue(), equalTo(actorId));
    }

    private static JsonNode publishedKey(String kid) throws Exception {
        for (JsonNode key : publishedKeys()) {
            if (key.get("kid").asText().equals(kid)) {
                return key;
            }
        }
        throw new AssertionError("no key with kid " + kid + " in the JWKS");
    }

    private static JsonNode publishedKeys() throws Exception {
        return JSON.readTree(given().get("/api/auth/jwks")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("keys");
    }

    private static RSAPublicKey rsaPublicKey(JsonNode jwk) throws Exception {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        unsigned(jwk.get("n").asText()), unsigned(jwk.get("e").asText())));
    }

    private static BigInteger unsigned(String base64Url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
    }

    private static JsonNode decode(String base64UrlJson) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(base64UrlJson));
    }
}
