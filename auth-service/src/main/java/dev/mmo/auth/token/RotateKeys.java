package dev.mmo.auth.token;

import java.nio.file.Path;

/**
 * {@code ./mmo rotate-keys} (and {@code docker compose exec auth-service ...}): makes a new signing key in a folder of
 * generated keys and keeps the current one as the previous key. A running auth-service picks both up within
 * {@code mmo.auth.key-reload-interval}: it signs with the new key and publishes both, so tokens signed before keep
 * verifying until they expire. Runs from the packaged application (it needs jose4j, for the key ids, from lib/main):
 * <pre>java -cp 'auth-service/target/quarkus-app/app/*:auth-service/target/quarkus-app/lib/main/*' \
 *     dev.mmo.auth.token.RotateKeys .mmo/data/keys</pre>
 * Rotate at most once per access token lifetime: a rotation drops the key before the previous one, and tokens
 * signed with that must have expired by then.
 */
public final class RotateKeys {

    private RotateKeys() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RotateKeys <keys folder, e.g. .mmo/data/keys>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        KeyFiles.RsaKeyPair next = KeyFiles.rotate(dir);
        String previous = KeyFiles.readPreviousPublicKey(dir.resolve(KeyFiles.PREVIOUS_PUBLIC_KEY_FILE))
                .map(key ->
                        "; " + JsonWebKey.of(key).kid() + ", the key before it, stays published as the previous key")
                .orElse(" (there was no key before it)");
        System.out.println("New signing key " + JsonWebKey.of(next.publicKey()).kid() + " in " + dir + previous);
    }
}
