package dev.mmo.world.health;

import dev.mmo.world.WorldService;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.ownership.WorldOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Dead when the world-service stopped serving the world for good (a failed tick, another owner took over, a stop),
 * or when it owns the world and its loop has been stuck for seconds: restart it. A standby is alive: waiting is its
 * job.
 */
@Liveness
@ApplicationScoped
public class WorldLiveness implements HealthCheck {

    static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final WorldService service;
    private final WorldOwnership ownership;
    private final WorldLoop loop;

    WorldLiveness(WorldService service, WorldOwnership ownership, WorldLoop loop) {
        this.service = service;
        this.ownership = ownership;
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        String halted = service.haltReason();
        if (halted != null) {
            return HealthCheckResponse.named("world")
                    .down()
                    .withData("reason", "halted: " + halted)
                    .build();
        }
        if (ownership.role() == WorldOwnership.Role.RELEASED) {
            return HealthCheckResponse.named("world")
                    .down()
                    .withData("reason", "stopped")
                    .build();
        }
        if (ownership.owns() && !loop.isTicking(STUCK_AFTER)) {
            return HealthCheckResponse.named("world")
                    .down()
                    .withData("reason", "the world loop is stuck")
                    .build();
        }
        return HealthCheckResponse.named("world")
                .up()
                .withData("role", ownership.role().name().toLowerCase(Locale.ROOT))
                .build();
    }
}
