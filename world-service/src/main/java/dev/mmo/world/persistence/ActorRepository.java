package dev.mmo.world.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads actors. Blocking JDBC: call it from a worker thread, never from an event loop or the world loop. */
@ApplicationScoped
public class ActorRepository {

    private static final String FIND = """
            select a.id, a.avatar_id, i.id, i.x, i.y, e.id, e.name
              from actors a
              join instanced_entities i on i.id = a.instanced_entity_id
              join entities e on e.id = i.entity_id
             where a.id = ?""";
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;

    public ActorRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ActorRecord> find(long actorId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            query.setLong(1, actorId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ActorRecord(
                        row.getLong(1),
                        row.getInt(2),
                        row.getLong(3),
                        row.getDouble(4),
                        row.getDouble(5),
                        row.getLong(6),
                        row.getString(7)));
            }
        }
    }
}
