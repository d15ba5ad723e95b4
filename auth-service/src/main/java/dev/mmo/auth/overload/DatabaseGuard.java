package dev.mmo.auth.overload;

import dev.mmo.auth.AuthConfig;
import dev.mmo.auth.RetryLaterException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Answers for the database while it is unavailable. Each call through {@link #call} that fails because PostgreSQL
 * cannot be reached, does not answer in time (the JDBC connect, login and socket timeouts in application.properties)
 * or has no connection to spare (the pool's acquisition timeout) becomes a {@code 503} with {@code Retry-After}, and
 * marks the database down: from then on calls are refused at once, without waiting for the timeouts again, until a
 * probe every {@code mmo.auth.database.probe-interval} gets an answer. Readiness ({@link DatabaseReadiness}) and the
 * gauge {@code mmo_auth_database_up} say which it is.
 */
@Startup // the gauge shows from the start
@ApplicationScoped
public class DatabaseGuard {

    private static final Logger LOG = Logger.getLogger(DatabaseGuard.class);
    /** SQLSTATE classes that mean "not reachable or not serving now", not "this statement is wrong". */
    private static final String CONNECTION_EXCEPTION = "08";

    private static final String INSUFFICIENT_RESOURCES = "53";
    private static final String OPERATOR_INTERVENTION = "57P";
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final Duration retryAfter;
    private final Duration probeInterval;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean up = true;

    public DatabaseGuard(DataSource dataSource, AuthConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.retryAfter = config.auth().database().retryAfter();
        this.probeInterval = config.auth().database().probeInterval();
        Gauge.builder("mmo.auth.database.up", this, guard -> guard.isUp() ? 1 : 0)
                .description("1 while PostgreSQL answers, 0 while logins and registrations are refused for want of it")
                .register(registry);
    }

    public boolean isUp() {
        return up;
    }

    /**
     * Runs database work, or refuses it while the database is known to be unavailable.
     *
     * @throws RetryLaterException 503 when the database is unavailable
     */
    public <T> T call(Supplier<T> work) {
        if (!up) {
            throw unavailable();
        }
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (!meansUnavailable(e)) {
                throw e;
            }
            markDown(e);
            throw unavailable();
        }
    }

    private RetryLaterException unavailable() {
        return RetryLaterException.unavailable("The account database is not answering.", retryAfter);
    }

    private synchronized void markDown(Exception cause) {
        if (up) {
            up = false;
            LOG.warnf(
                    "The database is unavailable (%s); refusing logins and registrations until it answers again",
                    rootMessage(cause));
            var unused = prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(PROBE_TIMEOUT_SECONDS)) {
                up = true;
                LOG.info("The database answers again");
                return;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("database probe failed: %s", e.getMessage());
        }
        var unused = prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A failure to reach the database, as opposed to a statement it refused (a constraint, a bug). The pool's own
     * acquisition timeout carries no SQLSTATE.
     */
    static boolean meansUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null
                        || state.startsWith(CONNECTION_EXCEPTION)
                        || state.startsWith(INSUFFICIENT_RESOURCES)
                        || state.startsWith(OPERATOR_INTERVENTION)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }
}
