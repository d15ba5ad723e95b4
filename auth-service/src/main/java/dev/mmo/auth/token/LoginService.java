package dev.mmo.auth.token;

import dev.mmo.auth.AuthMetrics;
import dev.mmo.auth.account.AccountService;
import dev.mmo.auth.account.Credentials;
import dev.mmo.auth.account.Passwords;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Checks a password and hands out a token. Holds no transaction while BCrypt runs. */
@ApplicationScoped
public class LoginService {

    private final AccountService accounts;
    private final TokenIssuer tokens;
    private final AuthMetrics metrics;
    /**
     * Checked when the username is unknown, so that answer costs one BCrypt run like a wrong
     * password does, and response times do not reveal which usernames exist.
     */
    private final String unknownUserHash = Passwords.hash(UUID.randomUUID().toString());

    public LoginService(AccountService accounts, TokenIssuer tokens, AuthMetrics metrics) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    public record LoggedIn(TokenIssuer.IssuedToken token, long actorId) {
    }

    /** @throws InvalidCredentialsException for an unknown username or a wrong password alike */
    public LoggedIn login(String username, String password) {
        Optional<Credentials> account = accounts.findCredentials(username);
        boolean passwordMatches = Passwords.matches(password,
                account.map(Credentials::passwordHash).orElse(unknownUserHash));
        if (account.isEmpty() || !passwordMatches) {
            metrics.loginFailed();
            throw new InvalidCredentialsException();
        }
        metrics.loginSucceeded();
        Credentials credentials = account.get();
        return new LoggedIn(tokens.issue(credentials.username(), credentials.actorId()), credentials.actorId());
    }
}
