package dev.mmo.chat.kafka;

import dev.mmo.chat.ChatConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The configs of chat-service's Kafka clients: every {@code kafka.*} property (env {@code KAFKA_*}: the address,
 * security settings) that the client knows, then the timeouts chat needs, which always win.
 */
@ApplicationScoped
public class KafkaClients {

    /** Admin calls and the consumer's offset look-ups give up after this and are retried. */
    static final int LOOKUP_TIMEOUT_MS = 5_000;

    private final Map<String, Object> kafka;
    private final ChatConfig config;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafka, ChatConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    ChatConfig.Topic topic() {
        return config.topic();
    }

    Map<String, Object> producer() {
        Map<String, Object> producer = known(ProducerConfig.configNames());
        int sendTimeoutMs = Math.toIntExact(config.sendTimeout().toMillis());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "chat-publisher");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        // Kafka requires delivery >= linger + request; with no linger one bound covers a whole send
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, sendTimeoutMs);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeoutMs);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeoutMs);
        return producer;
    }

    /** Each replica reads every partition itself: no consumer group, no commits. */
    Map<String, Object> consumer() {
        Map<String, Object> consumer = known(ConsumerConfig.configNames());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // unique, so that two feeds in one JVM (a test) do not share metric and JMX names
        consumer.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "chat-feed-" + UUID.randomUUID().toString().substring(0, 8));
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // only reached when our position is gone (retention overtook us, topic recreated): go on from what is left
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the topic is created by ChatTopic with our settings, never implicitly with the broker's defaults
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return consumer;
    }

    Map<String, Object> admin() {
        Map<String, Object> admin = known(AdminClientConfig.configNames());
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "chat-topic-admin");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, LOOKUP_TIMEOUT_MS);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, LOOKUP_TIMEOUT_MS);
        return admin;
    }

    /** Only what that client knows: Kafka warns about every other key. */
    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (names.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }
}
