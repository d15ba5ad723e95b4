package dev.mmo.auth.overload;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseGuardTest {

    @Test
    void unreachableHungOrOverloadedDatabasesCountAsUnavailable() {
        assertThat(
                DatabaseGuard.meansUnavailable(new JDBCConnectionException(
                        "refused", new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))),
                is(true));
        assertThat(
                DatabaseGuard.meansUnavailable(
                        new RuntimeException(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE))),
                is(true));
        assertThat(
                DatabaseGuard.meansUnavailable(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))),
                is(true));
        assertThat(DatabaseGuard.meansUnavailable(new SQLException("too many clients", "53300")), is(true));
        assertThat(DatabaseGuard.meansUnavailable(new SQLException("shutting down", "57P01")), is(true));
    }

    @Test
    void statementsTheDatabaseRefusedAreNotAnOutage() {
        assertThat(
                DatabaseGuard.meansUnavailable(new ConstraintViolationException(
                        "duplicate", new SQLException("duplicate key", "23505"), "users_username_lower_key")),
                is(false));
        assertThat(DatabaseGuard.meansUnavailable(new SQLException("syntax error", "42601")), is(false));
        assertThat(DatabaseGuard.meansUnavailable(new IllegalStateException("a bug")), is(false));
    }
}
