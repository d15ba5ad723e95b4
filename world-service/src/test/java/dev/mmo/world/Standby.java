package dev.mmo.world;

import dev.mmo.world.core.WorldConfig;
import dev.mmo.world.ownership.Takeover;
import dev.mmo.world.ownership.WorldOwnership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A stand-in for a second world-service inside a test: it tries the ownership lock on a connection of its own and
 * takes over with the real {@link Takeover}, exactly as a standby does.
 */
public final class Standby implements AutoCloseable {

    private final Connection connection;

    public Standby(DataSource dataSource) throws SQLException {
        this.connection = dataSource.getConnection();
        connection.setAutoCommit(true);
    }

    /** Whether the lock was free (and is now held by this stand-in). */
    public boolean tryLock() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            query.setLong(1, WorldOwnership.LOCK_KEY);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    public Takeover.Result takeOver(WorldConfig rules) throws SQLException {
        return takeOver(rules, System.currentTimeMillis());
    }

    /** A takeover as if the clock said {@code nowMillis}, with a check interval of one second. */
    public Takeover.Result takeOver(WorldConfig rules, long nowMillis) throws SQLException {
        return Takeover.run(connection, "test standby", nowMillis, 1000, rules);
    }

    /** Ends the server session that holds the ownership lock, as a broken connection would; whether there was one. */
    public boolean endTheOwnersSession() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select pg_terminate_backend(pid) from pg_locks
                 where locktype = 'advisory' and granted and classid = ? and objid = ? and objsubid = 1""")) {
            query.setLong(1, WorldOwnership.LOCK_KEY >>> 32);
            query.setLong(2, WorldOwnership.LOCK_KEY & 0xFFFF_FFFFL);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Runs an update on the stand-in's connection (to set up rows a former owner would have left). */
    public void execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.execute();
        }
    }

    public static long epoch(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select epoch from world_owner where id = 1");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Frees the lock (the session ends; a pooled connection would keep it, so the lock is let go first). */
    @Override
    public void close() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_advisory_unlock_all()")) {
            query.executeQuery().close();
        } finally {
            connection.close();
        }
    }
}
