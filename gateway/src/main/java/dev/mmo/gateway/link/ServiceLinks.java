package dev.mmo.gateway.link;

import dev.mmo.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.time.Duration;

/** The gateway's two links: to the world (the home of every session) and to chat (a side service). */
@ApplicationScoped
public class ServiceLinks {

    private final ServiceLink world;
    private final ServiceLink chat;

    public ServiceLinks(GatewayConfig config, Vertx vertx) {
        Duration retry = config.game().linkRetry();
        this.world = new ServiceLink("world", config.worldUrl(), vertx, retry);
        this.chat = new ServiceLink("chat", config.chatUrl(), vertx, retry);
    }

    public ServiceLink world() {
        return world;
    }

    public ServiceLink chat() {
        return chat;
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
