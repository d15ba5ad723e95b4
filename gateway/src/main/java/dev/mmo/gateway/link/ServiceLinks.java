package dev.mmo.gateway.link;

import dev.mmo.gateway.GatewayConfig;
import dev.mmo.shared.link.Backoff;
import dev.mmo.shared.link.LinkSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.net.URI;
import java.util.List;

/** The gateway's two links: to the world (the home of every session) and to chat (a side service). */
@ApplicationScoped
public class ServiceLinks {

    private final ServiceLink world;
    private final ServiceLink chat;

    public ServiceLinks(GatewayConfig config, LinkSettings settings, Vertx vertx) {
        GatewayConfig.Game game = config.game();
        this.world = new ServiceLink(
                "world", config.worldUrl(), vertx, settings, new Backoff(game.linkRetryFirst(), game.linkRetryMax()));
        this.chat = new ServiceLink(
                "chat",
                List.of(config.chatUrl()),
                vertx,
                settings,
                new Backoff(game.linkRetryFirst(), game.linkRetryMax()));
    }

    public ServiceLink world() {
        return world;
    }

    public ServiceLink chat() {
        return chat;
    }

    /**
     * The world-service the world link is on (while it is down, the one it tries next): REST calls to
     * {@code /api/world/**} go there, to the world that owns the world rather than to a standby.
     */
    public URI currentWorldUrl() {
        return world.currentUrl();
    }

    /** Opens both links; what comes over them goes to {@code listener}. */
    public void start(LinkListener listener) {
        world.start(listener);
        chat.start(listener);
    }

    /** After the sessions were closed (they tell the services on these links), never before. */
    void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent stopping) {
        world.stop();
        chat.stop();
    }
}
