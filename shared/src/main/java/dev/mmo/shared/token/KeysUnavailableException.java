package dev.mmo.shared.token;

/**
 * The keys that would verify a token could not be had: auth-service's JWKS did not answer, answered with an error,
 * or not in time. Says nothing about the token itself, so it must not be treated as a bad token: a game session
 * is closed with 1013 (try again later), never 4401; a REST call is answered 503.
 */
public class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
