package dev.mmo.world.persistence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes positions on one thread of its own, so that the world loop hands them over without ever waiting for the
 * database, nor for a lock the writer might hold while the machine has no core for it: the only thing the two
 * threads share is a lock-free queue. Positions then wait in a map keyed by instanced entity: a newer position
 * replaces an unwritten older one, which bounds the backlog by the number of actors however slow the database is.
 * Each round writes everything waiting in one batched transaction; a failed round is kept (unless newer positions
 * arrived meanwhile) and retried a second later.
 */
@ApplicationScoped
public class PositionWriter {

    private static final Logger LOG = Logger.getLogger(PositionWriter.class);
    private static final String UPDATE = "update instanced_entities set x = ?, y = ? where id = ?";
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final DataSource dataSource;
    private final Counter written;
    private final Counter failedBatches;

    /** Batches handed over by the world loop, oldest first. */
    private final Queue<Collection<PositionUpdate>> handedOver = new ConcurrentLinkedQueue<>();
    /** Taken from {@link #handedOver}, not written yet. Writer thread only. */
    private final Map<Long, PositionUpdate> waiting = new HashMap<>();
    /** The size of {@link #waiting} after the writer's last round, for the gauge. */
    private volatile int waitingCount;
    private volatile boolean stopping;
    private Thread thread;

    public PositionWriter(DataSource dataSource, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.written = Counter.builder("mmo.world.positions.written")
                .description("Positions written to instanced_entities").register(metrics);
        this.failedBatches = Counter.builder("mmo.world.positions.failed.batches")
                .description("Position batches that failed and were retried").register(metrics);
        metrics.gauge("mmo.world.positions.waiting", this, writer -> writer.waitingCount);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("world-position-writer").start(this::run);
        }
    }

    /** Queues positions; returns at once. The latest position of an instanced entity wins. */
    public void save(Collection<PositionUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        handedOver.add(updates);
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
    }

    /** Writes what is queued (waiting at most {@code timeout}) and ends the thread. */
    public void stop(Duration timeout) throws InterruptedException {
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null) {
            return;
        }
        stopping = true;
        LockSupport.unpark(running);
        running.join(timeout.toMillis());
        if (running.isAlive()) {
            running.interrupt();
            LOG.errorf("stopped the position writer with %d positions unwritten", waitingCount);
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            for (Collection<PositionUpdate> batch; (batch = handedOver.poll()) != null; ) {
                for (PositionUpdate update : batch) {
                    waiting.put(update.instancedEntityId(), update);
                }
            }
            waitingCount = waiting.size();
            if (waiting.isEmpty()) {
                if (stopping && handedOver.isEmpty()) {
                    return; // everything handed over before the stop is written
                }
                LockSupport.park(this);
            } else if (write(waiting.values())) {
                waiting.clear();
                waitingCount = 0;
            } else {
                LockSupport.parkNanos(this, RETRY_NANOS);
            }
        }
    }

    private boolean write(Collection<PositionUpdate> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                for (PositionUpdate position : batch) {
                    update.setDouble(1, position.x());
                    update.setDouble(2, position.y());
                    update.setLong(3, position.instancedEntityId());
                    update.addBatch();
                }
                update.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            written.increment(batch.size());
            return true;
        } catch (SQLException e) {
            failedBatches.increment();
            LOG.warnf("could not write %d positions, retrying: %s", batch.size(), e.getMessage());
            return false;
        }
    }
}
