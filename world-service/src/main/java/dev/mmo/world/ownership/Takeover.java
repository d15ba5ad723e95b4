package dev.mmo.world.ownership;

import dev.mmo.world.core.Walk;
import dev.mmo.world.core.WorldConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * What a world-service does on getting the ownership lock, in one transaction: it bumps {@code world_owner.epoch}
 * (from then on the former owner's writes are refused), then settles every walk the former owner left in
 * {@code actor_walks}: the position each walker reached — the step rule applied once per tick elapsed since its
 * saved state, stopping on the target — goes to {@code instanced_entities}, and the walks are cleared. Walks are
 * replayed up to when the world stopped, not on through the downtime: to {@code stopped_at} when the former owner
 * let go knowingly, otherwise to now but no further than a check interval after it last said it was alive
 * ({@code alive_at}). Plain JDBC on the connection that holds the lock.
 */
public final class Takeover {

    private static final Logger LOG = Logger.getLogger(Takeover.class);

    /**
     * What a takeover did.
     *
     * @param epoch the new owner's epoch
     * @param walksSettled how many walkers were moved on
     */
    public record Result(long epoch, int walksSettled) {}

    private Takeover() {}

    public static Result run(
            Connection connection, String owner, long nowMillis, long aliveSlackMillis, WorldConfig rules)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long previousEpoch;
            Timestamp aliveAt;
            Timestamp stoppedAt;
            try (PreparedStatement query = connection.prepareStatement(
                            "select epoch, alive_at, stopped_at from world_owner where id = 1 for update");
                    ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("world_owner has no row: is the schema migrated (V3)?");
                }
                previousEpoch = row.getLong(1);
                aliveAt = row.getTimestamp(2);
                stoppedAt = row.getTimestamp(3);
            }
            long epoch = previousEpoch + 1;
            try (PreparedStatement update = connection.prepareStatement("""
                    update world_owner set epoch = ?, owner = ?, acquired_at = now(), alive_at = ?, stopped_at = null
                     where id = 1""")) {
                update.setLong(1, epoch);
                update.setString(2, owner);
                update.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(nowMillis)));
                update.executeUpdate();
            }
            long replayUntil = stoppedAt != null
                    ? Math.min(nowMillis, stoppedAt.getTime())
                    : aliveAt == null ? nowMillis : Math.min(nowMillis, aliveAt.getTime() + aliveSlackMillis);
            int settled = settleWalks(connection, replayUntil, rules);
            connection.commit();
            return new Result(epoch, settled);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int settleWalks(Connection connection, long replayUntil, WorldConfig rules) throws SQLException {
        int settled = 0;
        try (PreparedStatement walks = connection.prepareStatement(
                        "select instanced_entity_id, x, y, tx, ty, tick_at from actor_walks where x <> tx or y <> ty");
                PreparedStatement position =
                        connection.prepareStatement("update instanced_entities set x = ?, y = ? where id = ?")) {
            try (ResultSet row = walks.executeQuery()) {
                while (row.next()) {
                    Walk saved = new Walk(row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5));
                    long elapsedMillis =
                            Math.max(0, replayUntil - row.getTimestamp(6).getTime());
                    Walk reached = saved.after(elapsedMillis * rules.tickRate() / 1000, rules.step());
                    position.setDouble(1, reached.x());
                    position.setDouble(2, reached.y());
                    position.setLong(3, row.getLong(1));
                    position.addBatch();
                    settled++;
                }
            }
            position.executeBatch();
        }
        try (Statement clear = connection.createStatement()) {
            clear.executeUpdate("delete from actor_walks");
        }
        if (settled > 0) {
            LOG.infof("took over %d walks, replayed up to %s", settled, Instant.ofEpochMilli(replayUntil));
        }
        return settled;
    }
}
