package dev.mmo.world.ownership;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the ownership lock's own connection, outside the pool (which may close or hand out a connection as it likes,
 * while the lock lives exactly as long as its session): the datasource's URL and credentials, with the same driver
 * properties as the pool's connections (connect, login and socket timeouts), so it never waits on a hung server for
 * longer than any other world connection does.
 */
@ApplicationScoped
class LockConnections {

    private static final String JDBC_PROPERTIES = "quarkus.datasource.jdbc.additional-jdbc-properties.";

    private final String url;
    private final Properties properties = new Properties();

    LockConnections(
            Config config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(JDBC_PROPERTIES)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.setProperty(name.substring(JDBC_PROPERTIES.length()), value));
            }
        }
        properties.setProperty("user", username);
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", "world-service ownership lock");
    }

    Connection open() throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return connection;
    }
}
