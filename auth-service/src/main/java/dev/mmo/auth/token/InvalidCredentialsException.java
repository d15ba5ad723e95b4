package dev.mmo.auth.token;

import dev.mmo.shared.error.ApiException;

/** One answer for an unknown username and a wrong password, so neither can be told apart. */
public class InvalidCredentialsException extends ApiException {

    public InvalidCredentialsException() {
        super(401, "invalid_credentials", "Wrong username or password.");
    }
}
