package dev.mmo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Reads the database the way an operator with psql would, to check what a request left behind. */
@ApplicationScoped
public class Tables {

    private final DataSource dataSource;

    public Tables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rows in every table that belong to this username, matched ignoring case. */
    public record Footprint(long users, long entities, long instancedEntities, long actors) {

        public static final Footprint NONE = new Footprint(0, 0, 0, 0);
        public static final Footprint ONE_ACCOUNT = new Footprint(1, 1, 1, 1);
    }

    public Footprint footprintOf(String username) {
        return new Footprint(
                count("select count(*) from users where lower(username) = lower(?)", username),
                count("select count(*) from entities where lower(name) = lower(?)", username),
                count(
                        "select count(*) from instanced_entities i join entities e on e.id = i.entity_id"
                                + " where lower(e.name) = lower(?)",
                        username),
                count(
                        "select count(*) from actors a join users u on u.id = a.user_id"
                                + " where lower(u.username) = lower(?)",
                        username));
    }

    public long count(String sql, Object... parameters) {
        return single(sql, parameters);
    }

    /** Changes rows as an operator would; @return how many */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The last id each identity sequence handed out: inserts move it on even when rolled back. */
    public long lastIdOf(String table) {
        return single("select coalesce(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')), 0)", table);
    }

    public Object value(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getObject(1) : null);
    }

    /** The first row, column label to value; empty when there is none. */
    public Map<String, Object> row(String sql, Object... parameters) {
        return query(sql, parameters, rows -> {
            Map<String, Object> row = new HashMap<>();
            if (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    row.put(rows.getMetaData().getColumnLabel(column), rows.getObject(column));
                }
            }
            return row;
        });
    }

    private long single(String sql, Object... parameters) {
        return query(sql, parameters, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Object[] parameters, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
