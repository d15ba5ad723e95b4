package dev.mmo.chat;

import dev.mmo.chat.kafka.ChatRelay;
import dev.mmo.shared.game.ErrorFrame;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * What happens when a player says something: the text is cleaned and checked, the sender's rate limit applied,
 * and the message published to Kafka. The sender sees it like everyone else, when it comes back from the topic.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    private final ChatConfig config;
    private final ChatText rules;
    private final RateLimiter limiter;
    private final ChatRelay relay;
    private final ChatMetrics metrics;
    private final Vertx vertx;

    public ChatService(ChatConfig config, ChatRelay relay, ChatMetrics metrics, Vertx vertx) {
        this.config = config;
        this.rules = new ChatText(config.maxLength());
        this.limiter = new RateLimiter(
                config.rateLimit().messages(), config.rateLimit().window());
        this.relay = relay;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        long window = config.rateLimit().window().toMillis();
        vertx.setPeriodic(window, window, ignored -> limiter.forgetIdle(System.nanoTime()));
    }

    /**
     * Publishes what the player said.
     *
     * @return completes when Kafka stored the message; fails with {@link ChatRefused} when it was not taken
     */
    public CompletionStage<Void> say(Player player, String rawText) {
        metrics.received();
        ChatText.Verdict verdict = rules.check(rawText);
        if (verdict instanceof ChatText.Refused(String reason)) {
            return refuse(ErrorFrame.BAD_REQUEST, reason);
        }
        String text = ((ChatText.Accepted) verdict).text();
        if (!limiter.tryAcquire(player.actorId(), System.nanoTime())) {
            return refuse(
                    ErrorFrame.RATE_LIMITED,
                    "At most " + config.rateLimit().messages() + " messages per "
                            + config.rateLimit().window().toSeconds() + " s; this one was dropped.");
        }
        if (!relay.isAvailable()) {
            return refuse(
                    ErrorFrame.CHAT_UNAVAILABLE,
                    "Chat is starting or cannot reach its message broker; try again shortly.");
        }
        ChatMessage message = new ChatMessage(
                UUID.randomUUID().toString(),
                player.actorId(),
                player.username(),
                text,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return relay.publish(message).handle((stored, failure) -> {
            if (failure != null) {
                LOG.debugf("message %s of actor %d not stored: %s", message.id(), player.actorId(), failure.toString());
                metrics.rejected(ErrorFrame.CHAT_UNAVAILABLE);
                throw new ChatRefused(
                        ErrorFrame.CHAT_UNAVAILABLE, "Chat could not deliver this message; try again shortly.");
            }
            metrics.published();
            return null;
        });
    }

    /** Counts a chat frame that the link refused before it got here (not joined, not a Chat frame). */
    public void refusedFrame(String code) {
        metrics.received();
        metrics.rejected(code);
    }

    private CompletionStage<Void> refuse(String code, String message) {
        metrics.rejected(code);
        return CompletableFuture.failedStage(new ChatRefused(code, message));
    }
}
