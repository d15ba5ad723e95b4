package dev.mmo.world.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Whether the world reaches PostgreSQL, as its own connections last found it: the position writer's rounds and the
 * ownership lock's checks (every second or so) report here. Shown as the gauge {@code mmo.world.database.up} and in
 * the health checks' data; never a reason to turn readiness down (the world keeps playing without its database).
 */
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class);

    private volatile boolean up = true;
    private volatile String lastError;

    public DatabaseStatus(MeterRegistry metrics) {
        metrics.gauge("mmo.world.database.up", this, status -> status.up ? 1 : 0);
    }

    public void reached() {
        if (!up) {
            LOG.info("the database answers again");
        }
        up = true;
    }

    public void failed(String why) {
        if (up) {
            LOG.warnf("the database does not answer: %s", why);
        }
        lastError = why;
        up = false;
    }

    public boolean isUp() {
        return up;
    }

    /** What the last failure said; null before the first. */
    public String lastError() {
        return lastError;
    }
}
