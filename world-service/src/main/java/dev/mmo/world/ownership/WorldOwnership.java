package dev.mmo.world.ownership;

import dev.mmo.world.WorldSettings;
import dev.mmo.world.core.WorldConfig;
import dev.mmo.world.persistence.DatabaseStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * One world writer at a time. A world-service owns the world only while it holds a PostgreSQL advisory lock on a
 * connection of its own ({@link OwnerLock}); until then it is a hot standby that tries the lock every
 * {@code ownership-poll-interval}. On getting it, it takes the world over ({@link Takeover}: a new epoch, the walks
 * the former owner left settled) and tells its {@link Listener}, which starts the world.
 * <p>
 * The owner checks its lock connection every {@code ownership-check-interval}, recording in {@code world_owner} that
 * it is alive. If the connection breaks (PostgreSQL restarted, hung past the socket timeout, the network), the
 * world goes on and the owner tries to get the lock back at once: if it does and the epoch is still its own, nobody
 * else owned the world meanwhile and nothing changes. If another world-service holds the lock, or the epoch moved
 * on, the world is someone else's: the listener is told to step down. The position writer's epoch check
 * ({@code PositionWriter}) guards the same thing on every write, so two writers never both land.
 * <p>
 * A dedicated platform thread runs all this; {@link #release()} may come from any thread.
 */
@ApplicationScoped
public class WorldOwnership {

    private static final Logger LOG = Logger.getLogger(WorldOwnership.class);
    /**
     * The advisory lock's key: "MMOWORLD" in ASCII; both halves below 2^31, so pg_locks shows them as they are.
     * Whoever holds {@code pg_advisory_lock(LOCK_KEY)} owns the world.
     */
    public static final long LOCK_KEY = 0x4D4D4F57_4F524C44L;

    public enum Role {
        /** Not started yet. */
        STARTING,
        /** Waiting for the lock; the world is not served here. */
        STANDBY,
        /** Holds the lock and serves the world. */
        OWNER,
        /** Serves the world but lost its lock connection; getting it back. */
        RECONNECTING,
        /** Let go of the world (stopped, failed, or superseded); for good. */
        RELEASED
    }

    /** Told on the ownership thread; must not block for long. */
    public interface Listener {
        /** This world-service took the world over under this epoch: start serving it. */
        void acquired(long epoch);

        /** Another world-service owns the world now: stop serving it, write nothing more. */
        void superseded(String why);
    }

    private final LockConnections connections;
    private final DataSource dataSource;
    private final DatabaseStatus database;
    private final WorldConfig rules;
    private final Duration pollInterval;
    private final Duration checkInterval;
    private final Duration reconnectGrace;
    private final String name;

    private volatile Role role = Role.STARTING;
    private volatile long epoch;
    private volatile OwnerLock lock;
    private Listener listener;
    private Thread thread;
    /** Ownership thread only: when a standby may try the lock again after its connection broke. */
    private long graceUntilNanos;
    /** Ownership thread only: the server process of the lock session the owner lost; it may hold the lock a while. */
    private int lostSessionPid = -1;

    WorldOwnership(
            LockConnections connections,
            DataSource dataSource,
            DatabaseStatus database,
            WorldSettings settings,
            MeterRegistry metrics) {
        this.connections = connections;
        this.dataSource = dataSource;
        this.database = database;
        this.rules = settings.worldConfig();
        this.pollInterval = settings.ownershipPollInterval();
        this.checkInterval = settings.ownershipCheckInterval();
        this.reconnectGrace = settings.ownershipReconnectGrace();
        this.name = processName();
        metrics.gauge("mmo.world.owner", this, ownership -> ownership.owns() ? 1 : 0);
        metrics.gauge("mmo.world.ownership.epoch", this, ownership -> ownership.epoch);
    }

    /**
     * Tries the lock once here (so that a world-service that finds it free serves the world by the time it is up),
     * then keeps trying, or keeps watching it, on the ownership thread.
     */
    public synchronized void start(Listener whenChanged) {
        if (thread != null) {
            return;
        }
        listener = whenChanged;
        role = Role.STANDBY;
        standbyRound();
        if (role == Role.STANDBY) {
            LOG.infof("%s is a standby: another world-service owns the world (or the database is away)", name);
        }
        thread = Thread.ofPlatform().name("world-ownership").start(this::run);
    }

    public Role role() {
        return role;
    }

    /** Whether this world-service serves the world (holding the lock, or getting it back). */
    public boolean owns() {
        Role now = role;
        return now == Role.OWNER || now == Role.RECONNECTING;
    }

    public long epoch() {
        return epoch;
    }

    /**
     * Lets go of the world for good: records the moment (so that a new owner replays walks up to it) and drops the
     * lock's session at once, which frees the lock. Call after the last position is written. Idempotent.
     */
    public void release() {
        Role was;
        synchronized (this) {
            was = role;
            if (was == Role.RELEASED) {
                return;
            }
            role = Role.RELEASED;
        }
        if (was == Role.OWNER || was == Role.RECONNECTING) {
            try (Connection connection = dataSource.getConnection()) {
                OwnerLock.recordStopped(connection, epoch, System.currentTimeMillis());
            } catch (SQLException e) {
                LOG.warnf("could not record when the world stopped: %s", e.getMessage());
            }
        }
        dropLock();
        Thread ownership = thread;
        if (ownership != null) {
            LockSupport.unpark(ownership);
        }
        LOG.infof("%s let go of the world (epoch %d)", name, epoch);
    }

    private void run() {
        while (role != Role.RELEASED) {
            switch (role) {
                case STANDBY -> standbyRound();
                case OWNER -> ownerRound();
                case RECONNECTING -> reconnectRound();
                default -> {}
            }
            Role now = role;
            if (now != Role.RELEASED) {
                LockSupport.parkNanos(this, (now == Role.OWNER ? checkInterval : pollInterval).toNanos());
            }
        }
    }

    private void standbyRound() {
        try {
            if (lock == null) {
                lock = new OwnerLock(connections.open());
            }
            database.reached();
            if (System.nanoTime() - graceUntilNanos < 0) {
                return;
            }
            if (lock.tryAcquire()) {
                takeOver();
            }
        } catch (SQLException e) {
            if (role == Role.STANDBY) {
                database.failed(e.getMessage());
                LOG.debugf("standby cannot try the ownership lock: %s", e.getMessage());
                dropLock();
                // an owner that lost its connection to the same outage gets the first try once the server is back
                graceUntilNanos = System.nanoTime() + reconnectGrace.toNanos();
            }
        }
    }

    private void takeOver() throws SQLException {
        Takeover.Result result;
        try {
            result = Takeover.run(lock.connection(), name, System.currentTimeMillis(), checkInterval.toMillis(), rules);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(
                    "got the ownership lock but could not take the world over; letting the lock go: %s",
                    e.getMessage());
            dropLock(); // a fresh session next round, without the lock
            throw e instanceof SQLException sql ? sql : new SQLException(e);
        }
        epoch = result.epoch();
        if (!becomeOwner()) {
            return;
        }
        LOG.infof("%s owns the world now (epoch %d; %d walks taken over)", name, epoch, result.walksSettled());
        listener.acquired(epoch);
    }

    /** Moves to OWNER unless released meanwhile (a stop that came while the lock was taken); then lets it go. */
    private synchronized boolean becomeOwner() {
        if (role == Role.RELEASED) {
            dropLock();
            return false;
        }
        role = Role.OWNER;
        return true;
    }

    private void ownerRound() {
        OwnerLock held = lock;
        if (held == null) {
            return; // released meanwhile
        }
        try {
            boolean stillOurs = OwnerLock.recordAlive(held.connection(), epoch, System.currentTimeMillis());
            database.reached();
            if (!stillOurs) {
                supersede("world_owner's epoch moved on from ours (" + epoch + ")");
            }
        } catch (SQLException e) {
            if (role != Role.OWNER) {
                return; // released meanwhile
            }
            database.failed(e.getMessage());
            LOG.warnf(
                    "lost the ownership lock's connection (%s); the world goes on, getting the lock back",
                    e.getMessage());
            lostSessionPid = held.backendPid();
            dropLock();
            role = Role.RECONNECTING;
        }
    }

    private void reconnectRound() {
        try {
            if (lock == null) {
                lock = new OwnerLock(connections.open());
            }
            OwnerLock fresh = lock;
            database.reached();
            if (fresh.tryAcquire()) {
                long current = fresh.currentEpoch();
                if (current == epoch) {
                    if (!becomeOwner()) {
                        return;
                    }
                    LOG.infof("got the ownership lock back (epoch %d): nobody else owned the world meanwhile", epoch);
                } else {
                    supersede("another world-service owned the world while our lock was lost (epoch " + current + ")");
                }
                return;
            }
            OptionalInt holder = fresh.holder();
            if (holder.isPresent() && holder.getAsInt() == lostSessionPid) {
                fresh.terminate(lostSessionPid); // our old session, not yet ended by the server: end it, then retry
                LOG.infof("ended our former lock session %d, which the server still kept", lostSessionPid);
            } else if (holder.isPresent()) {
                supersede("another world-service holds the ownership lock");
            }
            // no holder: freed between the two queries; try again next round
        } catch (SQLException e) {
            if (role == Role.RECONNECTING) {
                database.failed(e.getMessage());
                dropLock();
            }
        }
    }

    private void supersede(String why) {
        if (role == Role.RELEASED) {
            return;
        }
        role = Role.RELEASED;
        dropLock();
        LOG.errorf("%s no longer owns the world: %s", name, why);
        listener.superseded(why);
    }

    private void dropLock() {
        OwnerLock held = lock;
        lock = null;
        if (held != null) {
            held.abort();
        }
    }

    private static String processName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown-host";
            }
        }
        return "world-service " + host + " pid " + ProcessHandle.current().pid();
    }
}
