package dev.mmo.shared.token;

import java.security.PublicKey;
import java.util.Optional;

/** The public keys tokens are verified with, by the {@code kid} in a token's header. */
public interface VerificationKeys {

    /**
     * The public key of a key id.
     *
     * @return the key, or empty when there is none by that id (the token was not signed by auth-service, or by a
     *         key retired since)
     * @throws KeysUnavailableException when it cannot be told, because the keys could not be fetched
     */
    Optional<PublicKey> find(String keyId);
}
