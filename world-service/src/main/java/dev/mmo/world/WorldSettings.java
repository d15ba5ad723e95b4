package dev.mmo.world;

import dev.mmo.world.core.WorldConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** world-service's configuration, {@code mmo.world.*}; every key can be set by its environment variable. */
@ConfigMapping(prefix = "mmo.world")
public interface WorldSettings {

    /** Ticks per second. Clients learn it from {@code Welcome}. */
    @WithDefault("20")
    int tickRate();

    /** Walking speed in units per second; an actor moves exactly {@code speed / tick-rate} per tick. */
    @WithDefault("70")
    double speed();

    /** Half the side of the square world: targets must lie within ±bounds on both axes. */
    @WithDefault("5000")
    double bounds();

    /** A walking actor's position is saved at least this often. */
    @WithDefault("5s")
    Duration persistInterval();

    /** The longest stretch of missed ticks a late loop runs back to back; anything older is dropped. */
    @WithDefault("2s")
    Duration maxCatchUp();

    /** How long {@code GET /api/world/actors} waits for the loop's snapshot before answering 503. */
    @WithDefault("2s")
    Duration snapshotTimeout();

    /** How many {@code GET /api/world/actors} may wait for the loop at once; more are answered 503 at once. */
    @WithDefault("64")
    int viewQueue();

    /** How many waiting {@code GET /api/world/actors} the loop answers after each tick, at most. */
    @WithDefault("16")
    int viewsPerTick();

    /**
     * How long a joining session may take to be admitted (token checked, actor loaded); past it, while the database
     * does not answer, the player is kicked with 1013 (try again later) rather than kept waiting.
     */
    @WithDefault("3s")
    Duration admissionTimeout();

    /**
     * How long a gateway link's write queue may stay full before the link is closed: a gateway that cannot keep
     * up would otherwise make the world buffer without bound, and dropping frames would desynchronise its players.
     */
    @WithDefault("10s")
    Duration linkStallTimeout();

    /**
     * The side of the square cells the world is cut into: a player sees the actors in its cell and the cells around
     * it (see {@link #viewRadius()}), and hears of nothing farther away.
     */
    @WithDefault("400")
    double cellSize();

    /** How many cells around its own a player sees: 1 means 3 × 3 cells. */
    @WithDefault("1")
    int viewRadius();

    /** How often every player is told how many players are online. */
    @WithDefault("5s")
    Duration onlineCountInterval();

    /** The most gateway links the world holds at once; one more is refused with 503 before its upgrade. */
    @WithDefault("16")
    int maxLinks();

    /** The most player sessions one gateway link carries; an OPEN beyond them is kicked with 1013. */
    @WithDefault("20000")
    int maxSessionsPerLink();

    /**
     * How often a standby world-service tries to take the ownership lock: after the owner dies, the standby takes over
     * within about this long (docs/reliability.md).
     */
    @WithDefault("250ms")
    Duration ownershipPollInterval();

    /**
     * How often the owner checks its lock connection and records in {@code world_owner} that it is alive. A new owner
     * replays the walks left behind up to at most this long after that record.
     */
    @WithDefault("1s")
    Duration ownershipCheckInterval();

    /**
     * How long a standby whose database connection broke waits, once connected again, before it tries the lock: an
     * owner that lost its connection to the same PostgreSQL restart gets its lock back first and keeps its world.
     */
    @WithDefault("2s")
    Duration ownershipReconnectGrace();

    /**
     * Whether a world-service that stopped serving the world (a tick failed, or another one took the world over)
     * exits a second later, so that its supervisor (Kubernetes, compose's restart policy, systemd) starts it afresh,
     * as a standby. Off in tests, which look at the stopped service.
     */
    @WithDefault("true")
    boolean exitOnHalt();

    /** The core's rules from these settings. */
    default WorldConfig worldConfig() {
        return WorldConfig.of(tickRate(), speed(), bounds(), persistInterval(), maxCatchUp())
                .withCells(cellSize(), viewRadius());
    }
}
