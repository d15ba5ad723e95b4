package dev.mmo.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A real PostgreSQL and a real single-node Kafka (KRaft) for a developer machine and for tests, without Docker.
 * <p>
 * PostgreSQL runs from zonky's embedded binaries with its data in {@code <dataDir>/postgres}; the role
 * {@code mmo}/{@code mmo} and the database {@code mmo} it owns are created when missing. Kafka runs as a child JVM
 * with its data in {@code <dataDir>/kafka}. Both keep their data between runs on the same directory.
 * Logs: {@code <logDir>/postgres.log}, {@code <logDir>/kafka.log}.
 * <p>
 * Every port is checked before anything starts, so a taken port fails fast with a {@link PortInUseException}.
 * A JVM shutdown hook stops both servers; the Kafka child also stops by itself if this JVM dies abruptly.
 */
public final class LocalStack implements AutoCloseable {

    private final StackSettings settings;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Thread shutdownHook = new Thread(this::close, "local-stack-shutdown");
    private boolean closed;

    private LocalStack(StackSettings settings, PostgresServer postgres, KafkaBroker kafka) {
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and (unless disabled) Kafka, and returns once both accept clients. */
    public static LocalStack start(StackSettings requested) throws IOException {
        StackSettings settings = withPortsChosen(requested);
        Ports.requireFree(settings.postgresPort(), "PostgreSQL");
        if (settings.kafkaEnabled()) {
            Ports.requireFree(settings.kafkaPort(), "Kafka");
            Ports.requireFree(settings.kafkaControllerPort(), "Kafka controller");
        }
        Files.createDirectories(settings.dataDir());
        Files.createDirectories(settings.logDir());

        KafkaBroker kafka = settings.kafkaEnabled()
                ? new KafkaBroker(
                        settings.dataDir().resolve("kafka"),
                        settings.logDir().resolve("kafka.log"),
                        settings.kafkaPort(),
                        settings.kafkaControllerPort())
                : null;
        // Kafka's JVM boots while PostgreSQL starts: the two waits overlap
        if (kafka != null) {
            kafka.launch();
        }
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start(
                    settings.dataDir().resolve("postgres"),
                    settings.logDir().resolve("postgres.log"),
                    settings.postgresPort(),
                    settings.durableWrites());
        } catch (IOException | RuntimeException e) {
            if (kafka != null) {
                kafka.stop();
            }
            throw e;
        }
        LocalStack stack = new LocalStack(settings, postgres, kafka);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            if (kafka != null) {
                kafka.awaitReady();
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** {@code jdbc:postgresql://localhost:PORT/mmo} */
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String username() {
        return PostgresServer.USERNAME;
    }

    public String password() {
        return PostgresServer.PASSWORD;
    }

    /** {@code localhost:PORT}; the port stays the same across {@link #stopKafka()} and {@link #startKafka()}. */
    public String bootstrapServers() {
        return requireKafka().bootstrapServers();
    }

    public int postgresPort() {
        return settings.postgresPort();
    }

    public int kafkaPort() {
        return requireKafka().port();
    }

    public StackSettings settings() {
        return settings;
    }

    public boolean isKafkaRunning() {
        return kafka != null && kafka.isRunning();
    }

    /** Stops the broker (as for an outage); its data, port and cluster id stay for {@link #startKafka()}. */
    public void stopKafka() {
        requireKafka().stop();
    }

    /** Starts the broker again on the same port and data, and waits until it is ready. */
    public void startKafka() throws IOException {
        KafkaBroker broker = requireKafka();
        broker.launch();
        broker.awaitReady();
    }

    /** Stops Kafka, then PostgreSQL. Idempotent; also run by the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (kafka != null) {
            kafka.stop();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Stopping PostgreSQL failed: " + e.getMessage());
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already running the hooks; ours will find the stack closed
            }
        }
    }

    private KafkaBroker requireKafka() {
        if (kafka == null) {
            throw new IllegalStateException("This stack was started without Kafka");
        }
        return kafka;
    }

    private static StackSettings withPortsChosen(StackSettings settings) {
        List<Integer> free = Ports.pickFree(3);
        return new StackSettings(
                settings.dataDir(),
                settings.logDir(),
                settings.postgresPort() != 0 ? settings.postgresPort() : free.get(0),
                settings.kafkaPort() != 0 ? settings.kafkaPort() : free.get(1),
                settings.kafkaControllerPort() != 0 ? settings.kafkaControllerPort() : free.get(2),
                settings.kafkaEnabled(),
                settings.durableWrites());
    }
}
