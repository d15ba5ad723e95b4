package dev.mmo.auth.token;

import dev.mmo.auth.AuthMetrics;
import dev.mmo.auth.account.AccountService;
import dev.mmo.auth.account.Credentials;
import dev.mmo.auth.account.Passwords;
import dev.mmo.auth.overload.DatabaseGuard;
import dev.mmo.auth.overload.PasswordHashing;
import dev.mmo.auth.throttle.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a password and hands out an access token with a refresh token; trades a refresh token for new ones. Holds
 * no transaction while BCrypt runs.
 */
@ApplicationScoped
public class LoginService {

    private final AccountService accounts;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final AuthMetrics metrics;
    private final LoginThrottle throttle;
    private final PasswordHashing hashing;
    private final DatabaseGuard database;
    /**
     * Checked when the username is unknown, so that answer costs one BCrypt run like a wrong
     * password does, and response times do not reveal which usernames exist.
     */
    private final String unknownUserHash = Passwords.hash(UUID.randomUUID().toString());

    public LoginService(
            AccountService accounts,
            TokenIssuer tokens,
            RefreshTokens refreshTokens,
            AuthMetrics metrics,
            LoginThrottle throttle,
            PasswordHashing hashing,
            DatabaseGuard database) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.metrics = metrics;
        this.throttle = throttle;
        this.hashing = hashing;
        this.database = database;
    }

    public record LoggedIn(TokenIssuer.IssuedToken token, RefreshTokens.Issued refresh, long actorId) {}

    /**
     * Checks a username and password and issues a token pair.
     *
     * @param clientAddress who is trying, for the throttle
     * @throws InvalidCredentialsException for an unknown username or a wrong password alike
     * @throws dev.mmo.auth.RetryLaterException 429 while throttled, 503 when overloaded or without database
     */
    public LoggedIn login(String username, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.beginLogin(clientAddress, username);
        boolean counted = false;
        try {
            Optional<Credentials> account = database.call(() -> accounts.findCredentials(username));
            boolean passwordMatches = hashing.matches(
                    password, account.map(Credentials::passwordHash).orElse(unknownUserHash));
            if (account.isEmpty() || !passwordMatches) {
                attempt.failed();
                counted = true;
                metrics.loginFailed();
                throw new InvalidCredentialsException();
            }
            Credentials credentials = account.get();
            RefreshTokens.Issued refresh = database.call(() -> refreshTokens.start(credentials.userId()));
            attempt.succeeded();
            counted = true;
            metrics.loginSucceeded();
            return new LoggedIn(
                    tokens.issue(credentials.username(), credentials.actorId()), refresh, credentials.actorId());
        } finally {
            if (!counted) {
                attempt.abandoned(); // overloaded or no database: not the caller's failure
            }
        }
    }

    /**
     * Spends a refresh token for a new token pair of the same family.
     *
     * @throws InvalidRefreshTokenException for a token that is unknown, expired, ended or spent (which also ends
     *                                      its family)
     */
    public LoggedIn refresh(String refreshToken) {
        RefreshTokens.Outcome outcome = database.call(() -> refreshTokens.rotate(refreshToken));
        if (outcome instanceof RefreshTokens.Rotated(Credentials account, RefreshTokens.Issued next)) {
            metrics.refreshed();
            return new LoggedIn(tokens.issue(account.username(), account.actorId()), next, account.actorId());
        }
        if (outcome instanceof RefreshTokens.Replayed) {
            metrics.refreshReplayed();
        }
        throw new InvalidRefreshTokenException();
    }

    /** Ends the session the refresh token belongs to; a token that names none is fine too. */
    public void logout(String refreshToken) {
        database.call(() -> {
            refreshTokens.end(refreshToken);
            return null;
        });
    }
}
