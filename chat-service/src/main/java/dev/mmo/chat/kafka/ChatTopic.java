package dev.mmo.chat.kafka;

import dev.mmo.chat.ChatConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the chat topic when it is missing. One partition, because chat has one global order that history and
 * every replica must agree on (a few messages per second per player is far below what one partition carries).
 */
final class ChatTopic {

    private static final Logger LOG = Logger.getLogger(ChatTopic.class);
    /** Retention deletes whole segments only, so a segment must be a small part of the size limit. */
    private static final int SEGMENTS_PER_RETENTION = 8;

    private static final long MIN_SEGMENT_BYTES = 1024 * 1024;

    private ChatTopic() {}

    /**
     * Creates the topic unless it exists.
     *
     * @throws Exception when Kafka cannot be asked in time, or refuses (the caller tries again later)
     */
    static void ensureExists(Map<String, Object> adminConfig, ChatConfig.Topic settings) throws Exception {
        long retentionBytes = settings.retentionBytes().asLongValue();
        NewTopic topic = new NewTopic(settings.name(), 1, settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(settings.retention().toMillis()),
                        TopicConfig.RETENTION_BYTES_CONFIG,
                        String.valueOf(retentionBytes),
                        TopicConfig.SEGMENT_BYTES_CONFIG,
                        String.valueOf(Math.max(
                                MIN_SEGMENT_BYTES,
                                Math.min(Integer.MAX_VALUE, retentionBytes / SEGMENTS_PER_RETENTION)))));
        Admin admin = Admin.create(adminConfig);
        try {
            admin.createTopics(List.of(topic)).all().get(KafkaClients.LOOKUP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            LOG.infof(
                    "created topic %s (retention %s, %d bytes, replication factor %d)",
                    settings.name(), settings.retention(), retentionBytes, settings.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } catch (TimeoutException e) {
            throw new TimeoutException(
                    "Kafka did not answer within " + Duration.ofMillis(KafkaClients.LOOKUP_TIMEOUT_MS));
        } finally {
            // nothing is left to wait for once the answer (or the timeout) is in
            admin.close(Duration.ZERO);
        }
    }
}
