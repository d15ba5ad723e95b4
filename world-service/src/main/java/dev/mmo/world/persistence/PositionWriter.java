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

/**
 * Writes positions on one thread of its own, so that the world loop hands them over without ever waiting for the
 * database. Positions wait in a map keyed by instanced entity: a newer position replaces an unwritten older one,
 * which bounds the backlog by the number of actors however slow the database is. Each round writes everything
 * waiting in one batched transaction; a failed round is kept (unless newer positions arrived meanwhile) and
 * retried a second later.
 */
@ApplicationScoped
public class PositionWriter {

    private static final Logger LOG = Logger.getLogger(PositionWriter.class);
    private static final String UPDATE = "update instanced_entities set x = ?, y = ? where id = ?";
    private static final long RETRY_MILLIS = 1000;

    private final DataSource dataSource;
    private final Counter written;
    private final Counter failedBatches;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private Map<Long, PositionUpdate> waiting = new HashMap<>();
    /** Guarded by {@link #lock}: a round is between taking {@link #waiting} and finishing its transaction. */
    private boolean writing;
    /** Guarded by {@link #lock}. */
    private boolean stopping;
    private Thread thread;

    public PositionWriter(DataSource dataSource, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.written = Counter.builder("mmo.world.positions.written")
                .description("Positions written to instanced_entities").register(metrics);
        this.failedBatches = Counter.builder("mmo.world.positions.failed.batches")
                .description("Position batches that failed and were retried").register(metrics);
        metrics.gauge("mmo.world.positions.waiting", this, PositionWriter::waitingCount);
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
        synchronized (lock) {
            for (PositionUpdate update : updates) {
                waiting.put(update.instancedEntityId(), update);
            }
            lock.notifyAll();
        }
    }

    /** Waits until every position queued so far is written; false if that took longer than {@code timeout}. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!waiting.isEmpty() || writing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
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
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        running.join(timeout.toMillis());
        if (running.isAlive()) {
            running.interrupt();
            LOG.errorf("stopped the position writer with %d positions unwritten", waitingCount());
        }
    }

    private int waitingCount() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    private void run() {
        try {
            while (true) {
                Map<Long, PositionUpdate> batch;
                synchronized (lock) {
                    while (waiting.isEmpty() && !stopping) {
                        lock.wait();
                    }
                    if (waiting.isEmpty()) {
                        return; // stopping, and everything is written
                    }
                    batch = waiting;
                    waiting = new HashMap<>();
                    writing = true;
                }
                boolean ok = write(batch.values());
                synchronized (lock) {
                    if (!ok) {
                        batch.forEach(waiting::putIfAbsent);
                    }
                    writing = false;
                    lock.notifyAll();
                    if (!ok) {
                        lock.wait(RETRY_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
