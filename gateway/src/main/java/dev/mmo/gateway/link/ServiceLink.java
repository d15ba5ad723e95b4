package dev.mmo.gateway.link;

import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;

/**
 * The gateway's one long-lived, multiplexed WebSocket to a service's {@code /link}: every player
 * session's frames travel on it, tagged with the session id (see {@link LinkFrame}). It reconnects
 * by itself when it drops or when the service is not up yet.
 */
public final class ServiceLink {

    private static final Logger LOG = Logger.getLogger(ServiceLink.class);
    /** Link frames carry whole broadcasts of many players' changes, far above a player's 4 KiB. */
    private static final int MAX_LINK_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final String name;
    private final URI baseUrl;
    private final Vertx vertx;
    private final Duration retry;
    private final WebSocketClient client;
    private volatile LinkListener listener;
    private volatile WebSocket socket;
    private volatile boolean stopped;

    public ServiceLink(String name, URI baseUrl, Vertx vertx, Duration retry) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.vertx = vertx;
        this.retry = retry;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(MAX_LINK_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_LINK_MESSAGE_BYTES));
    }

    public String name() {
        return name;
    }

    public boolean isUp() {
        return socket != null;
    }

    /** Opens the link, and keeps it open, telling {@code listener} what comes over it. */
    public void start(LinkListener listener) {
        this.listener = listener;
        connect();
    }

    /** Sends one frame; false when the link is down (the caller tells the player). */
    public boolean send(LinkOp op, long session, Buffer payload) {
        WebSocket current = socket;
        if (current == null) {
            return false;
        }
        current.writeBinaryMessage(LinkFrame.encode(op, session, payload));
        return true;
    }

    public void stop() {
        stopped = true;
        WebSocket current = socket;
        if (current != null) {
            current.close((short) 1001, "gateway stopping");
        }
        client.close();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(baseUrl.getHost())
                .setPort(baseUrl.getPort())
                .setURI("/link");
        client.connect(options)
                .onSuccess(this::opened)
                .onFailure(failure -> {
                    LOG.debugf("%s link not open yet (%s); retrying in %s", name, failure.getMessage(), retry);
                    retryLater();
                });
    }

    private void opened(WebSocket opened) {
        LOG.infof("%s link open to %s", name, baseUrl);
        opened.binaryMessageHandler(bytes -> {
            LinkFrame frame;
            try {
                frame = LinkFrame.decode(bytes);
            } catch (IllegalArgumentException e) {
                LOG.warnf("%s link sent a frame that is not ours: %s", name, e.getMessage());
                return;
            }
            listener.onFrame(this, frame);
        });
        opened.closeHandler(ignored -> dropped(opened));
        opened.exceptionHandler(failure -> LOG.warnf("%s link failed: %s", name, failure.toString()));
        socket = opened;
        listener.onUp(this);
    }

    private void dropped(WebSocket closed) {
        if (socket != closed) {
            return;
        }
        socket = null;
        if (!stopped) {
            LOG.warnf("%s link to %s dropped; its sessions are closed, reconnecting", name, baseUrl);
        }
        listener.onDown(this);
        retryLater();
    }

    private void retryLater() {
        if (!stopped) {
            vertx.setTimer(retry.toMillis(), ignored -> connect());
        }
    }
}
