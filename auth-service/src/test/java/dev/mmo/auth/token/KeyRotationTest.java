package dev.mmo.auth.token;

import static dev.mmo.auth.Players.me;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registered;
import static dev.mmo.auth.Players.tokenOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mmo.stack.LocalStackTestResource;
import dev.mmo.testing.Await;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Rotating the generated keys as {@code ./mmo rotate-keys} does, with auth-service running: it picks the new key up
 * by itself (mmo.auth.key-reload-interval, 1 s in tests), signs with it, and keeps the old one published.
 */
@QuarkusTest
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class KeyRotationTest {

    @ConfigProperty(name = "mmo.data-dir")
    Path dataDir;

    @Inject
    SigningKeys keys;

    private static List<String> publishedKeyIds() {
        return given().get("/api/auth/jwks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keys.kid");
    }

    private static String keyIdOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(header).getString("kid");
    }

    private static List<String> awaitPublished(String newKeyId) {
        return Await.until(
                KeyRotationTest::publishedKeyIds,
                published -> published.getFirst().equals(newKeyId),
                Duration.ofSeconds(30),
                "JWKS with the rotated key " + newKeyId + " first");
    }

    @Test
    void aRotationIsPickedUpWithoutRestartAndOldTokensVerifyUntilTheNextOne() throws Exception {
        String username = newUsername("Kim");
        registered(username);
        String before = tokenOf(username);
        String oldKeyId = keyIdOf(before);
        Path keysDir = dataDir.resolve("keys");

        String newKeyId = JsonWebKey.of(KeyFiles.rotate(keysDir).publicKey()).kid();

        assertThat(awaitPublished(newKeyId), contains(newKeyId, oldKeyId));
        String after = tokenOf(username);
        assertThat(keyIdOf(after), equalTo(newKeyId));
        me(before).statusCode(200).body("username", equalTo(username));
        me(after).statusCode(200);

        String newestKeyId = JsonWebKey.of(KeyFiles.rotate(keysDir).publicKey()).kid();

        assertThat(awaitPublished(newestKeyId), contains(newestKeyId, newKeyId));
        me(after).statusCode(200);
        me(before).statusCode(401); // its key is no longer published
    }

    @Test
    void keyFilesCaughtHalfWayThroughAnUpdateLeaveTheKeysAsTheyWere() throws Exception {
        Path privateKey = dataDir.resolve("keys").resolve(KeyFiles.PRIVATE_KEY_FILE);
        String good = Files.readString(privateKey);
        String signingWith = keys.signing().keyId();
        try {
            Files.writeString(privateKey, good.substring(0, good.length() / 2));

            assertThrows(IllegalStateException.class, keys::reload);

            assertThat(keys.signing().keyId(), equalTo(signingWith));
            assertThat(publishedKeyIds().getFirst(), equalTo(signingWith));
        } finally {
            Files.writeString(privateKey, good);
        }
        keys.reload();
        assertThat(keys.signing().keyId(), equalTo(signingWith));
    }
}
