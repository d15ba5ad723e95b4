package dev.mmo.auth.token;

import dev.mmo.shared.error.ApiException;

/** One answer for a refresh token that is unknown, expired, ended or already spent. */
public class InvalidRefreshTokenException extends ApiException {

    public InvalidRefreshTokenException() {
        super(401, "invalid_refresh_token", "The refresh token is not valid; log in again.");
    }
}
