package dev.mmo.world.health;

import dev.mmo.world.loop.WorldLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Live and ready while the world loop runs and keeps ticking; a loop stuck for seconds is dead. The database's part
 * of readiness is the datasource's own check.
 */
@Liveness
@Readiness
@ApplicationScoped
public class WorldLoopCheck implements HealthCheck {

    private static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final WorldLoop loop;

    WorldLoopCheck(WorldLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("world-loop").status(loop.isTicking(STUCK_AFTER)).build();
    }
}
