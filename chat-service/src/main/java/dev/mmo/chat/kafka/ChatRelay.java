package dev.mmo.chat.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmo.chat.ChatConfig;
import dev.mmo.chat.ChatMessage;
import dev.mmo.chat.ChatText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * chat-service's side of Kafka: publishes messages to the chat topic and fires every message this replica reads
 * from it after start as a CDI event ({@link ChatMessage}), once, in topic order.
 */
@ApplicationScoped
public class ChatRelay {

    private final KafkaClients clients;
    private final ChatConfig config;
    private final ObjectMapper json;
    private final Event<ChatMessage> delivered;
    private final MeterRegistry metrics;
    private ChatPublisher publisher;
    private ChatFeed feed;

    public ChatRelay(
            KafkaClients clients,
            ChatConfig config,
            ObjectMapper json,
            Event<ChatMessage> delivered,
            MeterRegistry metrics) {
        this.clients = clients;
        this.config = config;
        this.json = json;
        this.delivered = delivered;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        publisher = new ChatPublisher(clients, config.sendTimeout(), metrics);
        feed = new ChatFeed(
                clients, new ChatRecords(json, new ChatText(config.maxLength()), metrics), delivered::fire, metrics);
        Gauge.builder("mmo.chat.consumer.lag", feed, ChatFeed::lag)
                .description("Chat messages in the topic that this replica has not read yet")
                .register(metrics);
        Gauge.builder("mmo.chat.kafka.connected", feed, connected -> connected.isConnected() ? 1 : 0)
                .description("1 while this replica holds a connection to Kafka")
                .register(metrics);
        feed.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        feed.close();
        publisher.close();
    }

    /**
     * Whether a message published now will come back through the feed. Until the feed has attached to the topic,
     * a message could land before the point where live delivery starts, reach history only and never be seen.
     */
    public boolean isAvailable() {
        return feed.isAttached();
    }

    /** Completes once Kafka stored the message, or fails within the send timeout (plus a second's grace). */
    public CompletableFuture<Void> publish(ChatMessage message) {
        String record;
        try {
            record = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return publisher.publish(String.valueOf(message.actorId()), record);
    }

    /** The last {@code limit} messages, oldest first; empty until the feed has read them from the topic. */
    public Optional<List<ChatMessage>> history(int limit) {
        return isHistoryLoaded() ? Optional.of(feed.history(limit)) : Optional.empty();
    }

    /** Whether history holds what the topic held at start (it then keeps up by itself). */
    public boolean isHistoryLoaded() {
        return feed.hasReadHistory();
    }

    public boolean isKafkaConnected() {
        return feed.isConnected();
    }

    /** False only if the feed's thread died: a bug that a restart (liveness) cures. */
    public boolean isFeedRunning() {
        return feed.isRunning();
    }

    public long consumerLag() {
        return feed.lag();
    }
}
