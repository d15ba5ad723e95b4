package dev.mmo.world;

import dev.mmo.testing.Await;
import dev.mmo.testing.TestTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Actor rows made the way registration makes them, written straight into the test database. */
@ApplicationScoped
public class TestActors {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A stored actor and a good token for it. */
    public record TestActor(
            long actorId, long instancedEntityId, long entityId, String name, int avatarId, double x, double y) {

        public String token() {
            return TestTokens.get().forActor(actorId, name);
        }
    }

    private final DataSource dataSource;

    TestActors(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public TestActor create(double x, double y) {
        String name = "p" + NEXT.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100_000, 36);
        int avatarId = NEXT.get() % 8;
        try (Connection connection = dataSource.getConnection()) {
            long userId = insert(
                    connection, "insert into users (username, password_hash) values (?, 'x') returning id", name);
            long entityId = insert(connection, "insert into entities (name) values (?) returning id", name);
            long instancedEntityId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into instanced_entities (x, y, entity_id) values (?, ?, ?) returning id")) {
                insert.setDouble(1, x);
                insert.setDouble(2, y);
                insert.setLong(3, entityId);
                instancedEntityId = idOf(insert);
            }
            long actorId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into actors (user_id, instanced_entity_id, avatar_id) values (?, ?, ?) returning id")) {
                insert.setLong(1, userId);
                insert.setLong(2, instancedEntityId);
                insert.setInt(3, avatarId);
                actorId = idOf(insert);
            }
            return new TestActor(actorId, instancedEntityId, entityId, name, avatarId, x, y);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The position stored for the actor now. */
    public double[] storedPosition(TestActor actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select x, y from instanced_entities where id = ?")) {
            query.setLong(1, actor.instancedEntityId());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new double[] {row.getDouble(1), row.getDouble(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the stored position differs from (x, y), and returns it. */
    public double[] awaitStoredPositionOtherThan(TestActor actor, double x, double y, Duration within) {
        double[][] stored = new double[1][];
        Await.until(
                () -> {
                    stored[0] = storedPosition(actor);
                    return stored[0][0] != x || stored[0][1] != y;
                },
                within,
                "a new stored position for actor " + actor.actorId());
        return stored[0];
    }

    /** The walk state saved for an actor ({@code actor_walks}): its position and target after that tick. */
    public record StoredWalk(double x, double y, double tx, double ty, long tick) {}

    public StoredWalk storedWalk(TestActor actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select x, y, tx, ty, tick from actor_walks where instanced_entity_id = ?")) {
            query.setLong(1, actor.instancedEntityId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no walk saved for actor " + actor.actorId());
                }
                return new StoredWalk(
                        row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the stored position is exactly (x, y). */
    public void awaitStoredPosition(TestActor actor, double x, double y, Duration within) {
        Await.until(
                () -> {
                    double[] stored = storedPosition(actor);
                    return stored[0] == x && stored[1] == y;
                },
                within,
                "actor " + actor.actorId() + " stored at (" + x + ", " + y + ")");
    }

    private static long insert(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, value);
            return idOf(insert);
        }
    }

    private static long idOf(PreparedStatement insert) throws SQLException {
        try (ResultSet row = insert.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
