package dev.mmo.world;

import dev.mmo.shared.game.CloseCodes;
import dev.mmo.world.link.LinkEndpoint;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.ownership.WorldOwnership;
import dev.mmo.world.persistence.PositionWriter;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The world-service's life: it serves the world once it owns it ({@link WorldOwnership}), stops gracefully saving
 * everyone's position, and stops hard (halts) when it must not go on: a tick failed (fail-stop), or another
 * world-service took the world over. See docs/reliability.md.
 */
@ApplicationScoped
public class WorldService {

    private static final Logger LOG = Logger.getLogger(WorldService.class);
    private static final Duration LOOP_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(15);
    /** How long a halting world waits for the positions published before the failure to be written. */
    private static final Duration HALT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    /** When the world is someone else's: the writer's next round is refused anyway, so this is only for it to end. */
    private static final Duration SUPERSEDED_WRITER_TIMEOUT = Duration.ofSeconds(1);
    /** Between a halt and the exit: the links' close frames and the logs go out. */
    private static final Duration EXIT_DELAY = Duration.ofSeconds(1);

    private final WorldLoop loop;
    private final PositionWriter positions;
    private final LinkEndpoint links;
    private final WorldOwnership ownership;
    private final boolean exitOnHalt;
    private volatile String haltReason;

    WorldService(
            WorldLoop loop,
            PositionWriter positions,
            LinkEndpoint links,
            WorldOwnership ownership,
            WorldSettings settings) {
        this.loop = loop;
        this.positions = positions;
        this.links = links;
        this.ownership = ownership;
        this.exitOnHalt = settings.exitOnHalt();
    }

    void onStart(@Observes StartupEvent started) {
        loop.onFailure(failure -> halt("a tick failed: " + failure, CloseCodes.SERVER_ERROR, true));
        positions.onFenced(() -> halt("another world-service took the world over", CloseCodes.SERVICE_RESTART, false));
        positions.start();
        ownership.start(new WorldOwnership.Listener() {
            @Override
            public void acquired(long epoch) {
                positions.fence(epoch);
                loop.start();
                links.serve();
            }

            @Override
            public void superseded(String why) {
                halt(why, CloseCodes.SERVICE_RESTART, false);
            }
        });
    }

    void onStop(@Observes ShutdownEvent stopping) {
        stop();
    }

    /** Why this world-service stopped serving the world for good; null while it serves it or stands by. */
    public String haltReason() {
        return haltReason;
    }

    /**
     * The graceful stop: the loop stops and hands everyone's live position to the writer, the writer writes them
     * all, the ownership lock is let go (a standby takes over), then the gateway links are closed (on SIGTERM Quarkus
     * may have closed them already with its HTTP server; the loop then saved those actors as they left, or saves them
     * with everyone else). Idempotent.
     */
    public void stop() {
        try {
            loop.stop(LOOP_STOP_TIMEOUT);
            positions.stop(WRITER_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while saving positions on shutdown");
        } finally {
            ownership.release();
            links.closeAll(CloseCodes.SERVICE_RESTART, "world restarting");
        }
    }

    /**
     * Stops serving the world at once, for good: the links are closed with {@code closeCode} (the gateways close
     * their players and try the other world-services), no tick runs any more, the positions published before are
     * written ({@code flush}; when the world is someone else's now they would be refused anyway), the lock is let
     * go so that a standby takes over, liveness goes down, and unless {@code mmo.world.exit-on-halt} is off the
     * process exits a second later for its supervisor to start it afresh, as a standby.
     */
    void halt(String reason, int closeCode, boolean flush) {
        synchronized (this) {
            if (haltReason != null) {
                return;
            }
            haltReason = reason;
        }
        LOG.errorf("the world stops here: %s", reason);
        Thread.ofPlatform().name("world-halt").start(() -> {
            try {
                links.closeAll(closeCode, closeCode == CloseCodes.SERVER_ERROR ? "world failed" : "world moved");
                loop.abandon(LOOP_STOP_TIMEOUT);
                positions.stop(flush ? HALT_FLUSH_TIMEOUT : SUPERSEDED_WRITER_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ownership.release();
            }
            if (exitOnHalt) {
                LOG.infof("exiting in %s so that the supervisor starts this world-service afresh", EXIT_DELAY);
                try {
                    Thread.sleep(EXIT_DELAY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Quarkus.asyncExit(1);
            }
        });
    }
}
