package dev.mmo.auth.token;

import dev.mmo.auth.AuthConfig;
import dev.mmo.auth.account.AccountService;
import dev.mmo.auth.account.Credentials;
import dev.mmo.auth.account.User;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refresh tokens: a login starts a family, every refresh spends the family's current token and hands out the next
 * one, and a token of the family that is not its current one (one already spent, presented again: it was copied)
 * ends the family, so the thief and the owner both have to log in again. Each public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class);

    private final AccountService accounts;
    private final Duration lifetime;

    public RefreshTokens(AccountService accounts, AuthConfig config) {
        this.accounts = accounts;
        this.lifetime = config.auth().refreshLifetime();
    }

    public record Issued(String token, Duration lifetime) {
        /** Keeps the token out of logs. */
        @Override
        public String toString() {
            return "Issued[lifetime=" + lifetime + "]";
        }
    }

    /** What presenting a refresh token came to. */
    public sealed interface Outcome {}

    /** The token was the family's current one: here is the account and the family's next token. */
    public record Rotated(Credentials account, Issued next) implements Outcome {}

    /** Unknown, malformed, expired, or of a family that has ended. */
    public record Refused() implements Outcome {}

    /** A spent token of a live family: the family has just been ended. */
    public record Replayed() implements Outcome {}

    /** Starts a family for a login. */
    public Issued start(long userId) {
        Instant now = Instant.now();
        RefreshTokenValue token = RefreshTokenValue.next(UUID.randomUUID());
        User user = Panache.getEntityManager().getReference(User.class, userId);
        new RefreshTokenFamily(token.family(), user, token.secretHash(), now, now.plus(lifetime)).persist();
        return new Issued(token.encoded(), lifetime);
    }

    /** Spends the token and hands out the next one, if it is the family's current one. */
    public Outcome rotate(String presented) {
        var parsed = RefreshTokenValue.parse(presented);
        if (parsed.isEmpty()) {
            return new Refused();
        }
        RefreshTokenValue token = parsed.get();
        // the row lock makes two refreshes with the same token take turns: the second sees it spent
        RefreshTokenFamily family = RefreshTokenFamily.findById(token.family(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (family == null) {
            return new Refused();
        }
        if (!family.expiresAt.isAfter(now)) {
            family.delete();
            return new Refused();
        }
        if (!MessageDigest.isEqual(family.currentTokenHash, token.secretHash())) {
            family.delete();
            LOG.warnf("A spent refresh token of user %d was presented again; its session is ended", family.user.id);
            return new Replayed();
        }
        var account = accounts.findCredentials(family.user.id);
        if (account.isEmpty()) {
            family.delete();
            return new Refused();
        }
        RefreshTokenValue next = RefreshTokenValue.next(family.id);
        family.currentTokenHash = next.secretHash();
        family.refreshedAt = now;
        family.expiresAt = now.plus(lifetime);
        return new Rotated(account.get(), new Issued(next.encoded(), lifetime));
    }

    /** Ends the token's family, whichever of its tokens it is; nothing for a token that names none. */
    public void end(String presented) {
        RefreshTokenValue.parse(presented).ifPresent(token -> RefreshTokenFamily.deleteById(token.family()));
    }

    /** Deletes families whose last token has expired; @return how many */
    public long purgeExpired() {
        return RefreshTokenFamily.delete("expiresAt < ?1", Instant.now());
    }
}
