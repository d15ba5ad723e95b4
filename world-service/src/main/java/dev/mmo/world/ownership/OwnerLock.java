package dev.mmo.world.ownership;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.Executor;

/**
 * The PostgreSQL session whose advisory lock says who owns the world: held as long as this connection lives, so the
 * death of the process (its socket closes) frees it at once. One thread uses it; {@link #abort()} may come from any.
 */
final class OwnerLock implements AutoCloseable {

    static final long KEY = WorldOwnership.LOCK_KEY;
    private static final Executor NOW = Runnable::run;

    private final Connection connection;
    private final int backendPid;

    OwnerLock(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true);
        try (PreparedStatement query = connection.prepareStatement("select pg_backend_pid()");
                ResultSet row = query.executeQuery()) {
            row.next();
            this.backendPid = row.getInt(1);
        }
    }

    Connection connection() {
        return connection;
    }

    int backendPid() {
        return backendPid;
    }

    /** Takes the lock if nobody holds it; never waits for it. */
    boolean tryAcquire() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            query.setLong(1, KEY);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** The server process that holds the lock, if anyone does. */
    OptionalInt holder() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select pid from pg_locks
                 where locktype = 'advisory' and granted and classid = ? and objid = ? and objsubid = 1""")) {
            query.setLong(1, KEY >>> 32);
            query.setLong(2, KEY & 0xFFFF_FFFFL);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /** Ends a server process of ours (a session we lost that still holds the lock). */
    void terminate(int pid) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_terminate_backend(?)")) {
            query.setInt(1, pid);
            query.executeQuery().close();
        }
    }

    long currentEpoch() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select epoch from world_owner where id = 1");
                ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("world_owner has no row: is the schema migrated (V3)?");
            }
            return row.getLong(1);
        }
    }

    /**
     * Records that the owner of {@code epoch} is alive at {@code millis} (its clock); false when the epoch is no
     * longer the current one, that is, another world-service has taken over. Works on any connection.
     */
    static boolean recordAlive(Connection connection, long epoch, long millis) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update world_owner set alive_at = ? where id = 1 and epoch = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(millis)));
            update.setLong(2, epoch);
            return update.executeUpdate() == 1;
        }
    }

    /** Records that the owner of {@code epoch} let go of the world at {@code millis} (its clock). */
    static void recordStopped(Connection connection, long epoch, long millis) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update world_owner set alive_at = ?, stopped_at = ? where id = 1 and epoch = ?")) {
            Timestamp at = Timestamp.from(Instant.ofEpochMilli(millis));
            update.setTimestamp(1, at);
            update.setTimestamp(2, at);
            update.setLong(3, epoch);
            update.executeUpdate();
        }
    }

    /** Drops the session at once, from any thread, even while a query of it waits on a hung server. */
    void abort() {
        try {
            connection.abort(NOW);
        } catch (SQLException | RuntimeException ignored) {
            // it is gone either way
        }
    }

    @Override
    public void close() {
        abort();
    }
}
