package dev.mmo.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real PostgreSQL (zonky's binaries) with a data directory that survives restarts, plus the mmo role and database. */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "mmo";
    static final String USERNAME = "mmo";
    static final String PASSWORD = "mmo";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param durable fsync and synchronous_commit on (zonky turns both off for speed: its {@code -F} and its default
     *                {@code synchronous_commit=off}; a {@code -c} setting after {@code -F} wins)
     */
    static PostgresServer start(Path dataDir, Path logFile, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        stopLeftoverServer(dataDir);
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    // no Unix socket: its lock file in /tmp could collide with another user's server on the same port
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setOverrideWorkingDirectory(binariesDirectory().toFile())
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(STARTUP_TIMEOUT)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "PostgreSQL did not start on port " + port + " (" + e.getMessage() + "); see " + logFile, e);
        }
        try {
            ensureRoleAndDatabase(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IOException(
                    "PostgreSQL started but the mmo role/database could not be created; see " + logFile, e);
        }
        return new PostgresServer(postgres);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static void ensureRoleAndDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * A JVM that was killed (kill -9) cannot stop its PostgreSQL, which then keeps the data directory busy and
     * makes the next start fail. Such a server is stopped here, but only if postmaster.pid names a live postgres
     * serving this very directory (a recycled pid could belong to someone else's server).
     */
    private static void stopLeftoverServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> leftover = lines.isEmpty()
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
                        .filter(ProcessHandle::isAlive)
                        .filter(process -> servesDirectory(process, dataDir));
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle server = leftover.get();
        server.destroy();
        try {
            server.onExit().get(LEFTOVER_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            server.destroyForcibly();
        }
    }

    private static boolean servesDirectory(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        return info.command().orElse("").endsWith("/postgres")
                && List.of(info.arguments().orElse(new String[0])).contains(dataDir.toString());
    }

    /**
     * zonky unpacks its binaries once into a directory that it makes world-writable (it expects a shared /tmp
     * folder). Inside a folder only this user can enter, nobody else can swap them; one that persists also saves
     * the unpacking on every start.
     */
    private static Path binariesDirectory() throws IOException {
        Path home = Path.of(System.getProperty("user.home"));
        Path privateDir = Files.isDirectory(home) && Files.isWritable(home)
                ? home.resolve(".cache").resolve("mmo-local-stack")
                : Path.of(System.getProperty("java.io.tmpdir"), "mmo-local-stack-" + System.getProperty("user.name"));
        Files.createDirectories(privateDir);
        Files.setPosixFilePermissions(privateDir, PosixFilePermissions.fromString("rwx------"));
        return privateDir.resolve("embedded-pg");
    }
}
