package dev.mmo.world.health;

import dev.mmo.world.WorldService;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.ownership.WorldOwnership;
import dev.mmo.world.persistence.DatabaseStatus;
import dev.mmo.world.persistence.PositionWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready exactly while this world-service serves the world: it owns it and its loop ticks. A standby is not ready
 * (reason {@code standby}), so a Kubernetes Service sends gateways to the owner only. The database is reported
 * ({@code database: up|down}, positions waiting to be written) but does not decide readiness: the world plays on
 * while PostgreSQL is away, and a readiness DOWN would take the pod out of its Service, cutting the gateways off
 * the players' world for a database outage.
 */
@Readiness
@ApplicationScoped
public class WorldReadiness implements HealthCheck {

    private final WorldService service;
    private final WorldOwnership ownership;
    private final WorldLoop loop;
    private final DatabaseStatus database;
    private final PositionWriter positions;

    WorldReadiness(
            WorldService service,
            WorldOwnership ownership,
            WorldLoop loop,
            DatabaseStatus database,
            PositionWriter positions) {
        this.service = service;
        this.ownership = ownership;
        this.loop = loop;
        this.database = database;
        this.positions = positions;
    }

    @Override
    public HealthCheckResponse call() {
        WorldOwnership.Role role = ownership.role();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("world")
                .withData("role", role.name().toLowerCase(Locale.ROOT))
                .withData("epoch", ownership.epoch())
                .withData("tick", loop.currentTick())
                .withData("database", database.isUp() ? "up" : "down")
                .withData("positionsWaiting", positions.waiting());
        String halted = service.haltReason();
        if (halted != null) {
            return answer.down().withData("reason", "halted: " + halted).build();
        }
        if (!ownership.owns()) {
            return answer.down().withData("reason", "standby").build();
        }
        if (!loop.isTicking(WorldLiveness.STUCK_AFTER)) {
            return answer.down()
                    .withData("reason", "the world loop is not ticking")
                    .build();
        }
        return answer.up().build();
    }
}
