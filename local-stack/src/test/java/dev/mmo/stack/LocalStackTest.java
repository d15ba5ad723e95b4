package dev.mmo.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    private static final String TOPIC = "local-stack-test";

    @TempDir
    Path dir;

    /** One test for three lifecycles, because each Kafka start costs seconds. */
    @Test
    void dataSurvivesAKafkaOutageAndAStackRestart() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(dir.resolve("data"), dir.resolve("logs"));
        String row = "row " + UUID.randomUUID();

        try (LocalStack stack = LocalStack.start(settings)) {
            try (Connection db = connect(stack);
                    Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE greeting (text varchar(100))");
                sql.execute("INSERT INTO greeting VALUES ('" + row + "')");
            }
            produce(stack, "before the outage");

            stack.stopKafka();
            assertFalse(stack.isKafkaRunning());
            stack.startKafka();

            assertTrue(stack.isKafkaRunning());
            produce(stack, "after the outage");
            assertEquals(List.of("before the outage", "after the outage"), readTopic(stack));
        }

        try (LocalStack stack = LocalStack.start(settings)) {
            try (Connection db = connect(stack);
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT text FROM greeting")) {
                assertTrue(rows.next());
                assertEquals(row, rows.getString(1));
            }
            assertEquals(List.of("before the outage", "after the outage"), readTopic(stack));
        }
        assertTrue(Files.size(dir.resolve("logs/kafka.log")) > 0);
        assertTrue(Files.size(dir.resolve("logs/postgres.log")) > 0);
    }

    @Test
    void startsWithoutKafka() throws Exception {
        try (LocalStack stack = LocalStack.start(StackSettings.onFreePorts(dir.resolve("data"), dir.resolve("logs"))
                .withoutKafka())) {
            try (Connection db = connect(stack);
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT current_user, current_database()")) {
                assertTrue(rows.next());
                assertEquals("mmo", rows.getString(1));
                assertEquals("mmo", rows.getString(2));
            }
            assertFalse(stack.isKafkaRunning());
            assertThrows(IllegalStateException.class, stack::bootstrapServers);
            // the tests' default: fast, nothing synced to disk
            assertEquals("off", setting(stack, "fsync"));
            assertEquals("off", setting(stack, "synchronous_commit"));
        }
    }

    @Test
    void aDurableStackSyncsEveryCommitToDisk() throws Exception {
        try (LocalStack stack = LocalStack.start(StackSettings.onFreePorts(dir.resolve("data"), dir.resolve("logs"))
                .withoutKafka()
                .withDurableWrites())) {
            assertEquals("on", setting(stack, "fsync"));
            assertEquals("on", setting(stack, "synchronous_commit"));
        }
    }

    private static String setting(LocalStack stack, String name) throws SQLException {
        try (Connection db = connect(stack);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SHOW " + name)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }

    @Test
    void aTakenPortIsNamedAndNothingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            StackSettings settings = new StackSettings(dir.resolve("data"), dir.resolve("logs"), port, 0, 0, true);

            PortInUseException error = assertThrows(PortInUseException.class, () -> LocalStack.start(settings));

            assertEquals(port, error.port());
            assertTrue(error.getMessage().contains("Port " + port + " (PostgreSQL)"), error.getMessage());
            assertFalse(Files.exists(dir.resolve("data")), "nothing should have been started or created");
        }
    }

    private static Connection connect(LocalStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.username(), stack.password());
    }

    private static void produce(LocalStack stack, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, value)).get();
        }
    }

    /** Reads the whole (single-partition) topic without a consumer group, so no group coordination to wait for. */
    private static List<String> readTopic(LocalStack stack) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
