package dev.mmo.chat.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes chat messages to the topic. A send completes when Kafka has stored the message on every in-sync replica,
 * and fails when that did not happen within the send timeout, which bounds every wait of the Kafka producer.
 */
final class ChatPublisher implements AutoCloseable {

    /** Kafka's own timeout normally answers first; this only catches a send stuck behind another. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final KafkaClientMetrics producerMetrics;
    private final Duration sendTimeout;
    /**
     * KafkaProducer.send blocks while it has no metadata for the topic (at most max.block.ms), so it runs here
     * and not on an event loop. One thread keeps each sender's messages in the order they were said.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("chat-publisher").factory());

    ChatPublisher(KafkaClients clients, Duration sendTimeout, MeterRegistry metrics) {
        this.topic = clients.topic().name();
        this.producer = new KafkaProducer<>(clients.producer());
        this.producerMetrics = new KafkaClientMetrics(producer);
        this.producerMetrics.bindTo(metrics);
        this.sendTimeout = sendTimeout;
    }

    /** Completes once Kafka stored the message; fails with Kafka's error or a timeout. Keyed by actor. */
    CompletableFuture<Void> publish(String key, String message) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            sender.execute(() -> send(key, message, stored));
        } catch (RejectedExecutionException stopping) {
            stored.completeExceptionally(stopping);
        }
        return stored.orTimeout(sendTimeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(String key, String message, CompletableFuture<Void> stored) {
        try {
            var unused = producer.send(new ProducerRecord<>(topic, key, message), (metadata, failure) -> {
                if (failure == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producerMetrics.close();
        producer.close(sendTimeout);
    }
}
