package dev.mmo.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka in KRaft combined mode (broker and controller in one process), run as a child JVM so that
 * Kafka's classpath (Scala, its own Jackson and logger) never meets the caller's, e.g. a Quarkus test.
 * The child's classpath was written at build time into the resource {@value #CLASSPATH_RESOURCE}.
 */
final class KafkaBroker {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path kafkaDir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private Process process;

    KafkaBroker(Path kafkaDir, Path logFile, int port, int controllerPort) {
        this.kafkaDir = kafkaDir;
        this.logFile = logFile;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    int port() {
        return port;
    }

    int controllerPort() {
        return controllerPort;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the child JVM and returns at once; see {@link #awaitReady()}. */
    synchronized void launch() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("Kafka is already running on port " + port);
        }
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "Kafka controller");
        Files.createDirectories(kafkaDir);
        Path serverProperties = writeServerProperties();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx512m",
                // a development broker: C1 only and the serial GC start it faster and leave cores to the services
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
                // the full config dump on every start drowns what matters in the log
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config=warn",
                "-cp",
                childClasspath(),
                KafkaBrokerProcess.class.getName(),
                serverProperties.toString(),
                clusterId());
        process = new ProcessBuilder(command)
                .directory(kafkaDir.toFile())
                .redirectInput(Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .start();
    }

    /** Waits until the broker answers a metadata request, or fails naming the log file to read. */
    void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Ports.accepts("localhost", port)) {
            failIfExitedOrLate(deadline);
            sleep(Duration.ofMillis(100));
        }
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                failIfExitedOrLate(deadline);
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(6, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // keep asking until the deadline
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    /** SIGTERM (Kafka shuts down in a controlled way), then SIGKILL if it takes too long. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private synchronized void failIfExitedOrLate(long deadline) {
        if (process == null) {
            throw new IllegalStateException("Kafka was stopped while starting");
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "Kafka exited with code " + process.exitValue() + " before it was ready; see " + logFile);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka was not ready on port " + port + " within "
                    + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
        }
    }

    private Path writeServerProperties() throws IOException {
        String listeners = "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort;
        String properties = String.join(
                "\n",
                "# Written by dev.mmo.stack.LocalStack on every start (ports may change); the data lives in log.dirs.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=" + listeners,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + kafkaDir.resolve("logs"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                // a single node can hold only one copy of everything
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // fewer internal partitions: a faster first start, plenty for one machine
                "offsets.topic.num.partitions=1",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                // fewer threads than a production broker's defaults, for a laptop or CI machine
                "num.network.threads=2",
                "num.io.threads=2",
                "group.coordinator.threads=1",
                "share.coordinator.threads=1",
                "");
        Path file = kafkaDir.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
    }

    /** Created once and kept: the formatted log dir only accepts the cluster id it was formatted with. */
    private String clusterId() throws IOException {
        Path file = kafkaDir.resolve("cluster.id");
        if (!Files.exists(file)) {
            Files.writeString(file, Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    private static String childClasspath() {
        List<String> entries = new ArrayList<>();
        entries.add(ownLocation().toString());
        try (InputStream resource = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException("Resource " + CLASSPATH_RESOURCE + " is missing: build local-stack"
                        + " with Maven (its dependency plugin writes it in generate-resources)");
            }
            entries.add(new String(resource.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The jar or classes directory holding {@link KafkaBrokerProcess}, the child's main class. */
    private static Path ownLocation() {
        CodeSource source = KafkaBrokerProcess.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException(
                    "Cannot tell where " + KafkaBrokerProcess.class.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
