package dev.mmo.auth.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** Accounts and their actors; every public method is one database transaction. */
@ApplicationScoped
@Transactional
public class AccountService {

    /** The unique index on lower(username), see V1__accounts_and_actors.sql. */
    static final String USERNAME_INDEX = "users_username_lower_key";

    /**
     * Creates the user, its entity (named after the user), the entity's instance at (0, 0)
     * and the actor, all or nothing. The password is hashed before (and outside) the transaction,
     * so no connection is held while BCrypt runs.
     *
     * @return the new actor's id
     * @throws UsernameTakenException when the name exists, in any letter case
     */
    public long register(String username, String passwordHash, int avatarId) {
        User user = new User(username, passwordHash);
        insertUser(user);

        GameEntity entity = new GameEntity(username);
        entity.persist();
        InstancedEntity placed = new InstancedEntity(entity, 0, 0);
        placed.persist();
        Actor actor = new Actor(user, placed, avatarId);
        actor.persist();
        return actor.id;
    }

    /** Looks the user up ignoring case, as usernames are unique ignoring case. */
    public Optional<Credentials> findCredentials(String username) {
        return Actor.<Actor>find("from Actor a join fetch a.user u where lower(u.username) = lower(?1)", username)
                .firstResultOptional()
                .map(AccountService::credentialsOf);
    }

    /** The account of a user id, as a refresh token names it. */
    public Optional<Credentials> findCredentials(long userId) {
        return Actor.<Actor>find("from Actor a join fetch a.user u where u.id = ?1", userId)
                .firstResultOptional()
                .map(AccountService::credentialsOf);
    }

    private static Credentials credentialsOf(Actor actor) {
        return new Credentials(actor.user.id, actor.user.username, actor.user.passwordHash, actor.id);
    }

    /**
     * No look-up before the insert: the unique index alone decides, so two concurrent
     * registrations of one name cannot both pass a check. PostgreSQL checks the index when
     * the row is inserted (it waits for a concurrent inserter to commit), so the violation
     * surfaces here at the flush and not later at commit.
     */
    private static void insertUser(User user) {
        try {
            user.persistAndFlush();
        } catch (RuntimeException e) {
            if (violates(e, USERNAME_INDEX)) {
                throw new UsernameTakenException();
            }
            throw e;
        }
    }

    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
