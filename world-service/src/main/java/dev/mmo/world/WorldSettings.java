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

    /** The core's rules from these settings. */
    default WorldConfig worldConfig() {
        return WorldConfig.of(tickRate(), speed(), bounds(), persistInterval(), maxCatchUp())
                .withCells(cellSize(), viewRadius());
    }
}
