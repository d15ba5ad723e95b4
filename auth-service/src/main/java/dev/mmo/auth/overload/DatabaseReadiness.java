package dev.mmo.auth.overload;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while {@link DatabaseGuard} refuses work for want of the database, so a load balancer sends logins to
 * a replica that can serve them. Reads the guard's state only: answering it never waits for PostgreSQL.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final DatabaseGuard database;

    public DatabaseReadiness(DatabaseGuard database) {
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Account database answers")
                .status(database.isUp())
                .build();
    }
}
