package dev.mmo.auth;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * auth-service settings. Values are set in application.properties; each key can be overridden by
 * its environment variable ({@code mmo.auth.token-lifetime} by {@code MMO_AUTH_TOKEN_LIFETIME}).
 */
@ConfigMapping(prefix = "mmo")
public interface AuthConfig {

    /** Folder for state that must survive restarts: the generated signing keys live in its keys/. */
    Path dataDir();

    Auth auth();

    interface Auth {

        /** The {@code iss} of every token; the other services verify it. */
        String issuer();

        Duration tokenLifetime();

        /** PEM (PKCS#8) RSA private key; when absent a key pair is generated under the data dir. */
        Optional<Path> privateKeyLocation();

        /** PEM (X.509 SubjectPublicKeyInfo) public key matching the private key. */
        Optional<Path> publicKeyLocation();
    }
}
