package dev.mmo.world.loop;

import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.TickClock;
import dev.mmo.world.core.TickResult;
import dev.mmo.world.core.World;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The world's one loop: a dedicated platform thread that alone touches the {@link World}. Each tick it applies the
 * session events that arrived since the last one, runs {@link World#tick()} and publishes the result; it never
 * waits on a socket or the database (writes are queued, positions go to the writer's thread). It keeps time with
 * {@link TickClock}: a late loop runs the missed ticks back to back, never bigger steps.
 */
@ApplicationScoped
public class WorldLoop {

    private static final Logger LOG = Logger.getLogger(WorldLoop.class);

    private final World world;
    private final Roster roster;
    private final TickPublisher publisher;
    private final PositionSaves saves;
    private final ViewQueries queries;
    private final Timer tickDuration;
    private final Counter ticksDropped;
    private final Queue<ViewRequest> viewRequests = new ConcurrentLinkedQueue<>();

    /** A reader's question, answered by the loop thread between ticks. */
    private record ViewRequest(Function<World, OnlineView> question, CompletableFuture<OnlineView> answer) {
    }

    private Thread thread;
    private volatile boolean running;
    private volatile long lastTickNanos;

    WorldLoop(WorldSettings settings, Roster roster, TickPublisher publisher, PositionSaves saves,
              ViewQueries queries, MeterRegistry metrics) {
        this.world = new World(settings.worldConfig());
        this.roster = roster;
        this.publisher = publisher;
        this.saves = saves;
        this.queries = queries;
        this.tickDuration = Timer.builder("mmo.world.tick.duration")
                .description("Time one tick takes: inputs, movement, encoding and handing out its frames")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(metrics);
        this.ticksDropped = Counter.builder("mmo.world.ticks.dropped")
                .description("Ticks a late loop dropped because it was more than max-catch-up behind")
                .register(metrics);
        metrics.gauge("mmo.world.actors.online", world, World::actorsOnline);
        metrics.gauge("mmo.world.tick", world, World::currentTick);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        lastTickNanos = System.nanoTime();
        thread = Thread.ofPlatform().name("world-loop").start(this::run);
        LOG.infof("world loop started at %d ticks per second", world.config().tickRate());
    }

    /**
     * Stops the loop; its last act is to hand every online actor's position to the position writer.
     * Idempotent.
     */
    public synchronized void stop(Duration timeout) throws InterruptedException {
        if (thread == null || !running) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            LOG.errorf("the world loop did not stop within %s", timeout);
        }
    }

    /** Whether the loop runs and has completed a tick recently. */
    public boolean isTicking(Duration within) {
        Thread current = thread;
        return running && current != null && current.isAlive() && System.nanoTime() - lastTickNanos < within.toNanos();
    }

    /** Every online actor, as of the next completed tick. Answered by the loop thread. */
    public CompletableFuture<OnlineView> onlineActors() {
        return ask(queries::everyone);
    }

    /** The online actors a player standing at (x, y) sees, as of the next completed tick. */
    public CompletableFuture<OnlineView> actorsAround(double x, double y) {
        return ask(world -> queries.around(world, x, y));
    }

    private CompletableFuture<OnlineView> ask(Function<World, OnlineView> question) {
        CompletableFuture<OnlineView> answer = new CompletableFuture<>();
        if (!running) {
            answer.completeExceptionally(new IllegalStateException("the world loop is not running"));
            return answer;
        }
        viewRequests.add(new ViewRequest(question, answer));
        return answer;
    }

    private void run() {
        TickClock clock = TickClock.system(world.config());
        clock.start();
        while (running) {
            TickClock.Due due = clock.poll();
            if (due.skipped() > 0) {
                ticksDropped.increment(due.skipped());
                LOG.warnf("world loop fell %d ticks behind; dropped them", due.skipped());
            }
            for (int i = 0; i < due.ticks(); i++) {
                runTick();
            }
            answerViewRequests();
            LockSupport.parkNanos(clock.nanosUntilNextTick());
        }
        saves.saveEveryone(world);
        for (ViewRequest request; (request = viewRequests.poll()) != null; ) {
            request.answer().completeExceptionally(new IllegalStateException("the world loop stopped"));
        }
    }

    private void runTick() {
        long started = System.nanoTime();
        try {
            roster.applyEvents(world);
            TickResult result = world.tick();
            publisher.publish(world, result);
        } catch (RuntimeException e) {
            // a bug must not stop the world for everyone; the tick's error is logged and the next tick runs
            LOG.errorf(e, "tick %d failed", world.currentTick());
        }
        long finished = System.nanoTime();
        tickDuration.record(finished - started, TimeUnit.NANOSECONDS);
        lastTickNanos = finished;
    }

    private void answerViewRequests() {
        for (ViewRequest request; (request = viewRequests.poll()) != null; ) {
            try {
                request.answer().complete(request.question().apply(world));
            } catch (RuntimeException e) {
                request.answer().completeExceptionally(e);
            }
        }
    }
}
