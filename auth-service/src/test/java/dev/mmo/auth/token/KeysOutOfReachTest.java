package dev.mmo.auth.token;

import static dev.mmo.auth.Players.me;
import static dev.mmo.auth.Players.newUsername;
import static dev.mmo.auth.Players.registered;
import static dev.mmo.auth.Players.tokenOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.mmo.shared.token.KeysUnavailableException;
import dev.mmo.shared.token.VerificationKeys;
import dev.mmo.stack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a REST endpoint answers when the keys to check a bearer token cannot be fetched (in world and chat:
 * auth-service down): 503 with Retry-After, not 401. Here through auth-service's own endpoint, with a key source
 * that cannot fetch the key named "out-of-reach".
 */
@QuarkusTest
@TestProfile(KeysOutOfReachTest.OneKeyOutOfReach.class)
@WithTestResource(
        value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.KAFKA, value = "false"))
class KeysOutOfReachTest {

    public static class OneKeyOutOfReach implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(KeysWithOneOutOfReach.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class KeysWithOneOutOfReach implements VerificationKeys {

        private final SigningKeys keys;

        public KeysWithOneOutOfReach(SigningKeys keys) {
            this.keys = keys;
        }

        @Override
        public Optional<PublicKey> find(String keyId) {
            if (keyId.equals("out-of-reach")) {
                throw new KeysUnavailableException("the JWKS does not answer (test)", null);
            }
            return keys.find(keyId);
        }
    }

    @Inject
    SigningKeys keys;

    @Test
    void aTokenWhoseKeyCannotBeFetchedIsAnswered503NotUnauthorized() {
        String token = Jwt.issuer("mmo-auth")
                .upn("someone")
                .groups(Set.of("player"))
                .claim("actorId", 1L)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId("out-of-reach")
                .sign(keys.signing().key());

        me(token)
                .statusCode(503)
                .contentType(ContentType.JSON)
                .body("error", equalTo("keys_unavailable"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void tokensWhoseKeysAreAtHandStillWork() {
        String username = newUsername("Lena");
        registered(username);

        me(tokenOf(username)).statusCode(200).body("username", equalTo(username));
    }
}
