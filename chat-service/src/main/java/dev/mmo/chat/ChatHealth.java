package dev.mmo.chat;

import dev.mmo.chat.kafka.ChatRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of chat. Kafka being down does not make chat-service not-ready: every replica would go unready at once,
 * the gateways would lose their links, and players would hear nothing instead of a quick {@code chat_unavailable}.
 * Readiness stays UP and reports Kafka's state in its data; {@code mmo_chat_kafka_connected} is the metric to
 * alert on. Liveness fails only if the topic reader died, which a restart cures.
 */
@ApplicationScoped
public class ChatHealth {

    private final ChatRelay relay;

    ChatHealth(ChatRelay relay) {
        this.relay = relay;
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> HealthCheckResponse.named("chat")
                .up()
                .withData("kafka", relay.isKafkaConnected() ? "connected" : "unreachable")
                .withData("history", relay.isHistoryLoaded() ? "loaded" : "waiting for Kafka")
                .withData("consumerLag", relay.consumerLag())
                .build();
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("chat-feed")
                .status(relay.isFeedRunning())
                .build();
    }
}
