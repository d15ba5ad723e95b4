package dev.mmo.chat;

import dev.mmo.stack.LocalStackTestResource;
import dev.mmo.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stack's real Kafka (PostgreSQL comes along, unused: chat has no datasource), test tokens, and a short
 * send timeout so that outage tests finish quickly. Every chat test uses this one resource, so they share one
 * stack and one application start.
 */
public class ChatStack extends LocalStackTestResource {

    public static final String SEND_TIMEOUT = "2s";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.putAll(TestTokens.get().verifierConfig());
        config.put("mmo.chat.send-timeout", SEND_TIMEOUT);
        return config;
    }
}
