package dev.mmo.world.persistence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Writes positions and walks on one thread of its own, so that the world loop hands them over without ever waiting
 * for the database, nor for a lock the writer might hold while the machine has no core for it: the only thing the two
 * threads share is a lock-free queue. Positions then wait in a map keyed by instanced entity: a newer state replaces
 * an unwritten older one, which bounds the backlog by the number of actors however long the database is away. Each
 * round writes everything waiting in one batched transaction; a failed round is kept (unless newer states arrived
 * meanwhile) and retried a second later, so nothing is lost while PostgreSQL is down or hung.
 * <p>
 * Fencing: nothing is written before {@link #fence} names the epoch this world-service owns the world under, and
 * every round checks, in its own transaction and holding the {@code world_owner} row, that the epoch is still that.
 * A round that finds another epoch writes nothing, drops everything waiting and tells {@link #onFenced}: another
 * world-service has taken over, and what this one holds is no longer the world.
 */
@ApplicationScoped
public class PositionWriter {

    private static final Logger LOG = Logger.getLogger(PositionWriter.class);
    private static final String CHECK_EPOCH = "select epoch from world_owner where id = 1 for share";
    private static final String UPDATE_POSITION = "update instanced_entities set x = ?, y = ? where id = ?";
    private static final String UPSERT_WALK = """
            insert into actor_walks (instanced_entity_id, x, y, tx, ty, tick, tick_at) values (?, ?, ?, ?, ?, ?, ?)
            on conflict (instanced_entity_id) do update
               set x = excluded.x, y = excluded.y, tx = excluded.tx, ty = excluded.ty, tick = excluded.tick,
                   tick_at = excluded.tick_at""";
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private enum Outcome {
        WRITTEN,
        FAILED,
        FENCED
    }

    private final DataSource dataSource;
    private final DatabaseStatus database;
    private final Counter written;
    private final Counter failedBatches;
    private final Counter fencedBatches;

    /** Batches handed over by the world loop, oldest first. */
    private final Queue<Collection<PositionUpdate>> handedOver = new ConcurrentLinkedQueue<>();
    /** Taken from {@link #handedOver}, not written yet. Writer thread only. */
    private final Map<Long, PositionUpdate> waiting = new HashMap<>();
    /** The size of {@link #waiting} after the writer's last round, for the gauge. */
    private volatile int waitingCount;
    /** The epoch writes are fenced with; 0 until this world-service owns the world. */
    private volatile long epoch;

    private volatile boolean fenced;
    private volatile Runnable onFenced = () -> {};
    private volatile boolean stopping;
    private Thread thread;

    public PositionWriter(DataSource dataSource, DatabaseStatus database, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.database = database;
        this.written = Counter.builder("mmo.world.positions.written")
                .description("Positions written to instanced_entities")
                .register(metrics);
        this.failedBatches = Counter.builder("mmo.world.positions.failed.batches")
                .description("Position batches that failed and were retried")
                .register(metrics);
        this.fencedBatches = Counter.builder("mmo.world.positions.fenced.batches")
                .description("Position batches refused because another world-service owns the world now")
                .register(metrics);
        metrics.gauge("mmo.world.positions.waiting", this, writer -> writer.waitingCount);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("world-position-writer").start(this::run);
        }
    }

    /** From now on, writes go in under this epoch of {@code world_owner}; what waited is written with it. */
    public void fence(long ownerEpoch) {
        epoch = ownerEpoch;
        wake();
    }

    /** Called once, on the writer's thread, when a round finds that another world-service owns the world. */
    public void onFenced(Runnable action) {
        onFenced = action;
    }

    /** Queues states; returns at once. The latest state of an instanced entity wins. */
    public void save(Collection<PositionUpdate> updates) {
        if (updates.isEmpty() || fenced) {
            return;
        }
        handedOver.add(updates);
        wake();
    }

    /** How many states wait to be written (as of the writer's last round). */
    public int waiting() {
        return waitingCount;
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

    private void wake() {
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
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
            if (waiting.isEmpty() || epoch == 0) {
                if (stopping && handedOver.isEmpty()) {
                    return; // everything handed over before the stop is written (or was never ours to write)
                }
                LockSupport.park(this);
                continue;
            }
            switch (write(waiting.values())) {
                case WRITTEN -> {
                    waiting.clear();
                    waitingCount = 0;
                }
                case FAILED -> LockSupport.parkNanos(this, RETRY_NANOS);
                case FENCED -> {
                    fenced = true;
                    waiting.clear();
                    handedOver.clear();
                    waitingCount = 0;
                    onFenced.run();
                    return;
                }
            }
        }
    }

    private Outcome write(Collection<PositionUpdate> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long current = currentEpoch(connection);
                if (current != epoch) {
                    connection.rollback();
                    fencedBatches.increment();
                    LOG.errorf(
                            "world_owner is at epoch %d, not ours (%d): another world-service owns the world; "
                                    + "%d positions are not written",
                            current, epoch, batch.size());
                    database.reached();
                    return Outcome.FENCED;
                }
                try (PreparedStatement positions = connection.prepareStatement(UPDATE_POSITION);
                        PreparedStatement walks = connection.prepareStatement(UPSERT_WALK)) {
                    for (PositionUpdate update : batch) {
                        positions.setDouble(1, update.x());
                        positions.setDouble(2, update.y());
                        positions.setLong(3, update.instancedEntityId());
                        positions.addBatch();
                        walks.setLong(1, update.instancedEntityId());
                        walks.setDouble(2, update.x());
                        walks.setDouble(3, update.y());
                        walks.setDouble(4, update.tx());
                        walks.setDouble(5, update.ty());
                        walks.setLong(6, update.tick());
                        walks.setTimestamp(7, Timestamp.from(Instant.ofEpochMilli(update.tickAtMillis())));
                        walks.addBatch();
                    }
                    positions.executeBatch();
                    walks.executeBatch();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            written.increment(batch.size());
            database.reached();
            return Outcome.WRITTEN;
        } catch (SQLException e) {
            failedBatches.increment();
            database.failed(e.getMessage());
            LOG.warnf("could not write %d positions, retrying: %s", batch.size(), e.getMessage());
            return Outcome.FAILED;
        }
    }

    private static long currentEpoch(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(CHECK_EPOCH);
                ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("world_owner has no row: is the schema migrated (V3)?");
            }
            return row.getLong(1);
        }
    }
}
