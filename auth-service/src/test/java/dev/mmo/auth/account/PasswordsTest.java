package dev.mmo.auth.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aPasswordMatchesItsOwnBcryptHashOnly() {
        String hash = Passwords.hash("correct horse");

        assertThat(hash, startsWith("$2a$10$"));
        assertThat(Passwords.matches("correct horse", hash), is(true));
        assertThat(Passwords.matches("correct horsE", hash), is(false));
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        String first72 = "x".repeat(72);
        String hash = Passwords.hash(first72 + "tail one");

        assertThat(Passwords.matches(first72 + "tail two", hash), is(false));
        assertThat(Passwords.matches(first72 + "tail one", hash), is(true));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(Passwords.hash("correct horse"), not(equalTo(Passwords.hash("correct horse"))));
    }
}
