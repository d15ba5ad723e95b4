package dev.mmo.chat;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** chat-service's own settings; Kafka's address and client properties come from {@code kafka.*}. */
@ConfigMapping(prefix = "mmo.chat")
public interface ChatConfig {

    /** The longest message, in characters (code points) after cleaning. */
    @WithDefault("200")
    int maxLength();

    RateLimit rateLimit();

    /**
     * How long Kafka may take to confirm a message before the sender gets {@code chat_unavailable}. It bounds every
     * Kafka wait of a send (metadata, request, delivery), so players hear quickly when Kafka is down.
     */
    @WithDefault("3s")
    Duration sendTimeout();

    Topic topic();

    /** The most gateway links this replica holds at once; one more is refused with 503 before its upgrade. */
    @WithDefault("16")
    int maxLinks();

    /** The most player sessions one gateway link carries; an OPEN beyond them is kicked with 1013. */
    @WithDefault("20000")
    int maxSessionsPerLink();

    interface RateLimit {

        /** Messages an actor may send within {@link #window()}. */
        @WithDefault("5")
        int messages();

        @WithDefault("5s")
        Duration window();
    }

    /** The topic is created with these settings when it is missing; an existing topic is left as it is. */
    interface Topic {

        @WithDefault("chat-messages")
        String name();

        /** How long Kafka keeps messages; history only ever needs the last 100. */
        @WithDefault("7d")
        Duration retention();

        /** The most the topic keeps, whatever their age. */
        @WithDefault("100M")
        MemorySize retentionBytes();

        /** 1 for a single broker (local, compose); 3 on a production cluster. */
        @WithDefault("1")
        short replicationFactor();
    }
}
