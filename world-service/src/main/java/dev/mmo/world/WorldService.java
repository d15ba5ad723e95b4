package dev.mmo.world;

import dev.mmo.shared.game.CloseCodes;
import dev.mmo.world.link.LinkEndpoint;
import dev.mmo.world.loop.WorldLoop;
import dev.mmo.world.persistence.PositionWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Starts the world with the application and stops it gracefully, saving everyone's position first. */
@ApplicationScoped
public class WorldService {

    private static final Logger LOG = Logger.getLogger(WorldService.class);
    private static final Duration LOOP_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(15);

    private final WorldLoop loop;
    private final PositionWriter positions;
    private final LinkEndpoint links;

    WorldService(WorldLoop loop, PositionWriter positions, LinkEndpoint links) {
        this.loop = loop;
        this.positions = positions;
        this.links = links;
    }

    void onStart(@Observes StartupEvent started) {
        positions.start();
        loop.start();
    }

    void onStop(@Observes ShutdownEvent stopping) {
        stop();
    }

    /**
     * The graceful stop: the loop stops and hands everyone's live position to the writer, the writer writes them
     * all, then the gateway links are closed (on SIGTERM Quarkus may have closed them already with its HTTP server;
     * the loop then saved those actors as they left, or saves them with everyone else). Idempotent.
     */
    public void stop() {
        try {
            loop.stop(LOOP_STOP_TIMEOUT);
            positions.stop(WRITER_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while saving positions on shutdown");
        } finally {
            links.closeAll(CloseCodes.SERVICE_RESTART, "world restarting");
        }
    }
}
