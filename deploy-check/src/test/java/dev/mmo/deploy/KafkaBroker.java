package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The broker settings of the apache/kafka image, which reads its configuration from KAFKA_* variables, checked by
 * Kafka itself: the names against its config definitions, the whole against its own validation (listeners,
 * controller quorum, roles), so a typo or an inconsistent listener fails here and not at first start.
 */
final class KafkaBroker {

    /** Variables of the image's launch scripts (JVM options and the like), not broker properties. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of(
            "KAFKA_HEAP_OPTS",
            "KAFKA_OPTS",
            "KAFKA_JMX_OPTS",
            "KAFKA_JMX_PORT",
            "KAFKA_JMX_HOSTNAME",
            "KAFKA_LOG4J_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS",
            "KAFKA_GC_LOG_OPTS",
            "KAFKA_LOG4J_ROOT_LOGLEVEL",
            "KAFKA_LOG4J_LOGGERS",
            "KAFKA_TOOLS_LOG4J_LOGLEVEL");

    private KafkaBroker() {}

    /** The image's rule: drop KAFKA_, then '_' is '.', '__' is '_', '___' is '-', all in lower case. */
    static String propertyOf(String variable) {
        String rest = variable.substring("KAFKA_".length());
        StringBuilder property = new StringBuilder();
        for (int i = 0; i < rest.length(); ) {
            if (rest.charAt(i) != '_') {
                property.append(Character.toLowerCase(rest.charAt(i++)));
                continue;
            }
            int run = 0;
            while (i < rest.length() && rest.charAt(i) == '_') {
                run++;
                i++;
            }
            property.append(
                    switch (run) {
                        case 1 -> ".";
                        case 2 -> "_";
                        case 3 -> "-";
                        default -> fail(variable + ": four or more underscores in a row mean nothing to the image");
                    });
        }
        return property.toString();
    }

    /** Validates the broker environment and returns the properties the image would write. */
    static Properties validate(String where, Map<String, String> env) {
        Properties properties = new Properties();
        Set<String> known = new HashSet<>(CollectionConverters.asJava(KafkaConfig.configNames()));
        for (var variable : env.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("KAFKA_") || LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            String property = propertyOf(name);
            assertTrue(
                    known.contains(property),
                    where + ": " + name + " becomes " + property + ", which is no Kafka broker setting");
            properties.setProperty(property, variable.getValue());
        }
        String clusterId = env.get("CLUSTER_ID");
        assertTrue(clusterId != null, where + ": KRaft needs CLUSTER_ID to format its storage");
        try {
            Uuid.fromString(clusterId);
        } catch (IllegalArgumentException e) {
            fail(where + ": CLUSTER_ID is not a Kafka cluster id (16 bytes, base64url): " + clusterId);
        }
        try {
            KafkaConfig.fromProps(properties, false);
        } catch (RuntimeException e) {
            fail(where + ": Kafka refuses these broker settings: " + e.getMessage());
        }
        return properties;
    }

    /** Where the broker keeps its data: log.dirs, else log.dir, else Kafka's default. */
    static String logDirs(Properties broker) {
        return broker.getProperty("log.dirs", broker.getProperty("log.dir", "/tmp/kafka-logs"));
    }

    /** host:port of each advertised listener. */
    static List<String> advertisedAddresses(Properties broker) {
        return List.of(broker.getProperty("advertised.listeners", "").split(",")).stream()
                .map(listener -> listener.replaceFirst("^[A-Za-z_]+://", ""))
                .toList();
    }
}
