package dev.mmo.auth.account;

import dev.mmo.shared.error.ApiException;

/** Registration hit an existing username, possibly one that differs only in case. */
public class UsernameTakenException extends ApiException {

    public UsernameTakenException() {
        super(409, "username_taken", "That username is already taken.");
    }
}
