package dev.mmo.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of chat traffic through this replica ({@code /q/metrics}, names prefixed {@code mmo_chat_}). */
@ApplicationScoped
@Startup // the counters are scraped as 0 from the start, not only after the first message
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter published;
    private final Counter delivered;

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("mmo.chat.messages.in")
                .description("Chat frames received from players")
                .register(registry);
        this.published = Counter.builder("mmo.chat.messages.published")
                .description("Messages Kafka confirmed")
                .register(registry);
        this.delivered = Counter.builder("mmo.chat.messages.out")
                .description("Messages read from the topic and broadcast to this replica's gateway links (once each)")
                .register(registry);
    }

    public void received() {
        received.increment();
    }

    public void published() {
        published.increment();
    }

    public void delivered() {
        delivered.increment();
    }

    /** A chat frame that was refused, by the code of the error the player got. */
    public void rejected(String reason) {
        Counter.builder("mmo.chat.messages.rejected")
                .description("Chat frames refused, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
