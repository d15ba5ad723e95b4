package dev.mmo.gateway.game;

import dev.mmo.gateway.GatewayConfig;
import dev.mmo.shared.game.CloseCodes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live game sessions of this gateway by id, and the event loops that serve their sockets, each with its players
 * and their outboxes ({@link LoopFanout}).
 */
@ApplicationScoped
@Startup
public class SessionRegistry {

    private final GatewayConfig.Game rules;
    private final Vertx vertx;
    private final ServiceMembership membership;
    private final AtomicLong nextSessionId = new AtomicLong();
    private final Map<Long, PlayerSession> sessions = new ConcurrentHashMap<>();
    /** The sessions and outboxes of each event loop that serves players, by its thread. */
    private final Map<Thread, LoopFanout> loops = new ConcurrentHashMap<>();

    public SessionRegistry(GatewayConfig config, Vertx vertx, ServiceMembership membership, MeterRegistry metrics) {
        this.rules = config.game();
        this.vertx = vertx;
        this.membership = membership;
        metrics.gaugeMapSize("mmo.gateway.sessions", List.of(), sessions);
    }

    /** A new session for a socket that just connected; on the socket's event loop. */
    PlayerSession open(ServerWebSocket socket) {
        LoopFanout loop = currentLoop();
        PlayerSession session = new PlayerSession(
                nextSessionId.incrementAndGet(),
                socket,
                loop,
                new RateLimit(rules.framesPerSecond(), System.nanoTime()),
                rules.slowPlayerTimeout(),
                this::ended);
        sessions.put(session.id, session);
        loop.add(session);
        return session;
    }

    /** The session of that id, or null when it has ended. */
    PlayerSession get(long id) {
        return sessions.get(id);
    }

    Collection<PlayerSession> all() {
        return sessions.values();
    }

    /** Runs a task on every event loop that serves players, with that loop's fan-out. */
    void onEveryLoop(Consumer<LoopFanout> task) {
        loops.values().forEach(loop -> loop.execute(() -> task.accept(loop)));
    }

    /** The fan-out of the event loop this runs on; made, with its flush timer, on the loop's first player. */
    private LoopFanout currentLoop() {
        return loops.computeIfAbsent(Thread.currentThread(), thread -> {
            LoopFanout loop = new LoopFanout(Vertx.currentContext(), membership::hearsBroadcasts);
            loop.startFlushing(rules.batchInterval().toMillis());
            return loop;
        });
    }

    /** Once per session, on any thread: the gateway closed it, or the client went away. */
    private void ended(PlayerSession session) {
        vertx.cancelTimer(session.authTimer);
        sessions.remove(session.id);
        session.loop.execute(() -> session.loop.remove(session));
        membership.left(session);
    }

    /** Before the links close ({@link dev.mmo.gateway.link.ServiceLinks}), so that the services hear CLOSED. */
    void stop(@Observes ShutdownEvent stopping) {
        loops.values().forEach(LoopFanout::stopFlushing);
        sessions.values().forEach(session -> session.close(CloseCodes.SERVICE_RESTART, "gateway restarting"));
    }
}
