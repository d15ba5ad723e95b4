package dev.mmo.world.loop;

import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.TickClock;
import dev.mmo.world.core.TickResult;
import dev.mmo.world.core.World;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The world's one loop: a dedicated platform thread that alone touches the {@link World}. Each tick it applies the
 * session events that arrived since the last one, runs {@link World#tick()} and publishes the result; it never
 * waits on a socket or the database (writes are queued, positions go to the writer's thread). It keeps time with
 * {@link TickClock}: a late loop runs the missed ticks back to back, never bigger steps.
 * <p>
 * Fail-stop: a tick that throws leaves the world half-updated, so the loop runs no further tick, saves nothing from
 * that state, and reports the failure ({@link #onFailure}); what was published before it is what gets saved.
 * <p>
 * Readers' questions wait in a bounded queue ({@code mmo.world.view-queue}) and at most
 * {@code mmo.world.views-per-tick} are answered after each tick, so readers cannot slow the world down.
 */
@ApplicationScoped
public class WorldLoop {

    private static final Logger LOG = Logger.getLogger(WorldLoop.class);

    private final World world;
    private final Roster roster;
    private final TickPublisher publisher;
    private final PositionSaves saves;
    private final ViewQueries queries;
    private final TickInterceptor interceptor;
    private final Timer tickDuration;
    private final Counter ticksDropped;
    private final Counter viewsRefused;
    private final int viewQueue;
    private final int viewsPerTick;
    private final Queue<ViewRequest> viewRequests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger viewsWaiting = new AtomicInteger();

    /** A reader's question, answered by the loop thread between ticks. */
    private record ViewRequest(Function<World, OnlineView> question, CompletableFuture<OnlineView> answer) {}

    private Thread thread;
    private volatile boolean running;
    /** Set with {@link #running} false when the loop must end without its graceful save. */
    private volatile boolean saveOnStop = true;

    private volatile long lastTickNanos;
    private volatile Consumer<Throwable> onFailure = failure -> {};

    WorldLoop(
            WorldSettings settings,
            Roster roster,
            TickPublisher publisher,
            PositionSaves saves,
            ViewQueries queries,
            Instance<TickInterceptor> interceptors,
            MeterRegistry metrics) {
        this.world = new World(settings.worldConfig());
        this.roster = roster;
        this.publisher = publisher;
        this.saves = saves;
        this.queries = queries;
        this.interceptor = interceptors.isResolvable() ? interceptors.get() : null;
        this.viewQueue = settings.viewQueue();
        this.viewsPerTick = settings.viewsPerTick();
        this.tickDuration = Timer.builder("mmo.world.tick.duration")
                .description("Time one tick takes: inputs, movement, encoding and handing out its frames")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(metrics);
        this.ticksDropped = Counter.builder("mmo.world.ticks.dropped")
                .description("Ticks a late loop dropped because it was more than max-catch-up behind")
                .register(metrics);
        this.viewsRefused = Counter.builder("mmo.world.views.refused")
                .description("View requests refused at once because the queue for the loop was full")
                .register(metrics);
        metrics.gauge("mmo.world.actors.online", world, World::actorsOnline);
        metrics.gauge("mmo.world.tick", world, World::currentTick);
    }

    /** Called once, on the loop thread, when a tick throws; the loop has stopped for good by then. */
    public void onFailure(Consumer<Throwable> action) {
        onFailure = action;
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
        end(true, timeout);
    }

    /**
     * Stops the loop without saving anything more: the world is not this service's to save any longer. Idempotent.
     */
    public synchronized void abandon(Duration timeout) throws InterruptedException {
        end(false, timeout);
    }

    private void end(boolean save, Duration timeout) throws InterruptedException {
        if (thread == null || !running) {
            return;
        }
        saveOnStop = save;
        running = false;
        LockSupport.unpark(thread);
        if (thread != Thread.currentThread()) {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                LOG.errorf("the world loop did not stop within %s", timeout);
            }
        }
    }

    /** Whether the loop runs and has completed a tick recently. */
    public boolean isTicking(Duration within) {
        Thread current = thread;
        return running && current != null && current.isAlive() && System.nanoTime() - lastTickNanos < within.toNanos();
    }

    /** Whether the loop thread has ended (or never started). */
    public boolean isStopped() {
        Thread current = thread;
        return current == null || !current.isAlive();
    }

    /** The last completed tick. */
    public long currentTick() {
        return world.currentTick();
    }

    /**
     * The online actors a player standing at (x, y) sees, as of the next completed tick; fails at once with
     * {@link ViewQueueFull} when too many questions wait already.
     */
    public CompletableFuture<OnlineView> actorsAround(double x, double y) {
        return ask(world -> queries.around(world, x, y));
    }

    private CompletableFuture<OnlineView> ask(Function<World, OnlineView> question) {
        CompletableFuture<OnlineView> answer = new CompletableFuture<>();
        if (!running) {
            answer.completeExceptionally(new IllegalStateException("the world loop is not running"));
            return answer;
        }
        int waiting = viewsWaiting.incrementAndGet();
        if (waiting > viewQueue) {
            viewsWaiting.decrementAndGet();
            viewsRefused.increment();
            answer.completeExceptionally(new ViewQueueFull(waiting - 1));
            return answer;
        }
        viewRequests.add(new ViewRequest(question, answer));
        return answer;
    }

    private void run() {
        TickClock clock = TickClock.system(world.config());
        clock.start();
        try {
            while (running) {
                TickClock.Due due = clock.poll();
                if (due.skipped() > 0) {
                    ticksDropped.increment((double) due.skipped());
                    LOG.warnf("world loop fell %d ticks behind; dropped them", due.skipped());
                }
                for (int i = 0; i < due.ticks() && running; i++) {
                    runTick();
                }
                answerViewRequests(viewsPerTick);
                LockSupport.parkNanos(clock.nanosUntilNextTick());
            }
            if (saveOnStop) {
                saves.saveEveryone(world);
            }
        } catch (RuntimeException | Error failure) {
            // fail-stop: no tick runs on a half-updated world, and nothing of it is saved
            running = false;
            LOG.errorf(failure, "a tick failed (the last completed: %d); the world loop stops", world.currentTick());
            onFailure.accept(failure);
        } finally {
            answerViewRequests(Integer.MAX_VALUE);
        }
    }

    private void runTick() {
        long started = System.nanoTime();
        roster.applyEvents(world);
        TickResult result = world.tick();
        if (interceptor != null) {
            interceptor.beforePublish(result.tick());
        }
        publisher.publish(world, result);
        long finished = System.nanoTime();
        tickDuration.record(finished - started, TimeUnit.NANOSECONDS);
        lastTickNanos = finished;
    }

    /** Answers up to {@code limit} waiting questions; once the loop has stopped, refuses the rest. */
    private void answerViewRequests(int limit) {
        for (int answered = 0; answered < limit; answered++) {
            ViewRequest request = viewRequests.poll();
            if (request == null) {
                return;
            }
            viewsWaiting.decrementAndGet();
            if (!running) {
                request.answer().completeExceptionally(new IllegalStateException("the world loop stopped"));
                continue;
            }
            try {
                request.answer().complete(request.question().apply(world));
            } catch (RuntimeException e) {
                request.answer().completeExceptionally(e);
            }
        }
    }
}
