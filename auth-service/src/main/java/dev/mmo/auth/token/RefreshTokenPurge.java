package dev.mmo.auth.token;

import dev.mmo.auth.overload.DatabaseGuard;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes expired refresh token families once an hour, so the table holds about the sessions that can still be
 * refreshed. Several replicas purging at once only delete the same rows.
 */
@Startup
@ApplicationScoped
public class RefreshTokenPurge {

    private static final Logger LOG = Logger.getLogger(RefreshTokenPurge.class);
    private static final long EVERY_MINUTES = 60;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "refresh-token-purge");
        thread.setDaemon(true);
        return thread;
    });

    public RefreshTokenPurge(RefreshTokens tokens, DatabaseGuard database) {
        var unused = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        long purged = database.call(tokens::purgeExpired);
                        if (purged > 0) {
                            LOG.infof("Purged %d expired refresh token families", purged);
                        }
                    } catch (RuntimeException e) {
                        LOG.debugf("refresh token purge skipped: %s", e.getMessage());
                    }
                },
                1,
                EVERY_MINUTES,
                TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
