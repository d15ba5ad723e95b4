package dev.mmo.stack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link LocalStack} keeps its data and logs, and which ports it listens on.
 *
 * @param dataDir             PostgreSQL lives in {@code dataDir/postgres}, Kafka in {@code dataDir/kafka}; kept between runs
 * @param logDir              receives {@code postgres.log} and {@code kafka.log}
 * @param postgresPort        0 picks a free port
 * @param kafkaPort           the client (PLAINTEXT) listener; 0 picks a free port
 * @param kafkaControllerPort the KRaft CONTROLLER listener; 0 picks a free port
 * @param kafkaEnabled        false starts PostgreSQL only
 * @param durableWrites       true: PostgreSQL syncs every commit to disk (fsync and synchronous_commit on), so a
 *                            commit survives a crash of the machine; false (tests): neither, which is faster, and a
 *                            crash of the machine may lose the last commits or corrupt the data directory
 */
public record StackSettings(
        Path dataDir,
        Path logDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        boolean kafkaEnabled,
        boolean durableWrites) {

    public StackSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logDir, "logDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
    }

    /** Without durable writes: the speed tests want. */
    public StackSettings(
            Path dataDir, Path logDir, int postgresPort, int kafkaPort, int kafkaControllerPort, boolean kafkaEnabled) {
        this(dataDir, logDir, postgresPort, kafkaPort, kafkaControllerPort, kafkaEnabled, false);
    }

    /** PostgreSQL and Kafka on free ports. */
    public static StackSettings onFreePorts(Path dataDir, Path logDir) {
        return new StackSettings(dataDir, logDir, 0, 0, 0, true);
    }

    public StackSettings withoutKafka() {
        return new StackSettings(dataDir, logDir, postgresPort, kafkaPort, kafkaControllerPort, false, durableWrites);
    }

    /** With every commit synced to disk, as {@code ./mmo up} runs it. */
    public StackSettings withDurableWrites() {
        return new StackSettings(dataDir, logDir, postgresPort, kafkaPort, kafkaControllerPort, kafkaEnabled, true);
    }
}
