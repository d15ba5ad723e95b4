package dev.mmo.auth.token;

import dev.mmo.auth.AuthConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The RSA pair tokens are signed with. Loaded at startup so that a bad key configuration
 * stops the service at once instead of failing the first login.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final JsonWebKey publicJwk;

    public SigningKeys(AuthConfig config) {
        KeyFiles.RsaKeyPair pair;
        if (config.auth().privateKeyLocation().isPresent()) {
            pair = KeyFiles.read(config.auth().privateKeyLocation().get(), config.auth().publicKeyLocation());
            LOG.infof("Signing tokens with the key from %s", config.auth().privateKeyLocation().get());
        } else if (config.auth().publicKeyLocation().isPresent()) {
            throw new IllegalStateException("mmo.auth.public-key-location is set but mmo.auth.private-key-location"
                    + " is not; auth-service needs the private key to sign tokens");
        } else {
            Path dir = config.dataDir().resolve("keys").toAbsolutePath();
            pair = KeyFiles.readOrGenerate(dir);
            LOG.infof("Signing tokens with the key kept in %s", dir);
        }
        privateKey = pair.privateKey();
        publicKey = pair.publicKey();
        publicJwk = JsonWebKey.of(pair.publicKey());
    }

    RSAPrivateKey privateKey() {
        return privateKey;
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The {@code kid} tokens carry, so verifiers pick the matching key from the JWKS. */
    String keyId() {
        return publicJwk.kid();
    }

    JsonWebKey publicJwk() {
        return publicJwk;
    }
}
