package dev.mmo.gateway.link;

import dev.mmo.shared.link.Backoff;
import dev.mmo.shared.link.LinkCredential;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkHeartbeat;
import dev.mmo.shared.link.LinkOp;
import dev.mmo.shared.link.LinkSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The gateway's one long-lived, multiplexed WebSocket to a service's {@code /link}: every player session's frames
 * travel on it, tagged with the session id (see {@link LinkFrame}). It keeps itself open: it opens the first of its
 * URLs that accepts (a standby answers 503 and is skipped), and when the link drops or no URL accepts, it tries them
 * in turn after a jittered, growing wait ({@link Backoff}). Both ends beat ({@link LinkHeartbeat}): a service that
 * sends nothing at all for the silence limit — hung, stopped, cut off without the TCP connection closing — is
 * taken for dead and the link is closed at once, without waiting for a close handshake it would never answer. It
 * presents the link credential with every upgrade ({@link LinkCredential#HEADER}); without it the service refuses the
 * link.
 */
public final class ServiceLink {

    private static final Logger LOG = Logger.getLogger(ServiceLink.class);
    /** Link frames carry whole broadcasts of many players' changes, far above a player's 4 KiB. */
    private static final int MAX_LINK_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final Buffer NO_PAYLOAD = Buffer.buffer();

    private final String name;
    private final List<URI> urls;
    private final Vertx vertx;
    private final LinkSettings settings;
    private final Backoff backoff;
    private final WebSocketClient client;
    private final LinkCredential credential;
    private volatile LinkListener listener;
    private volatile WebSocket socket;
    private volatile boolean stopped;
    /** The URL the link is on, or the one it tries next while it is down. */
    private volatile int current;
    /** URLs tried since the last wait; a wait comes when every one of them refused. Link's loop only. */
    private int triedInARow;

    private LinkHeartbeat heartbeat;

    public ServiceLink(String name, List<URI> urls, Vertx vertx, LinkSettings settings, Backoff backoff) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("the " + name + " link needs at least one URL");
        }
        this.credential = LinkCredential.of(settings);
        this.name = name;
        this.urls = List.copyOf(urls);
        this.vertx = vertx;
        this.settings = settings;
        this.backoff = backoff;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(MAX_LINK_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_LINK_MESSAGE_BYTES)
                // a link given up for silence is not waited on: its TCP connection goes after a second
                .setClosingTimeout(1));
    }

    public String name() {
        return name;
    }

    public boolean isUp() {
        return socket != null;
    }

    /** The URL the link is on; while it is down, the one it tries next. */
    public URI currentUrl() {
        return urls.get(current);
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
        URI url = currentUrl();
        // a service that takes the connection but never answers (stopped, hung) counts as refusing after the
        // silence limit, so the next URL is tried
        long patience = settings.silenceLimit().toMillis();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(url.getPort())
                .setURI("/link")
                .addHeader(LinkCredential.HEADER, credential.secret())
                .setConnectTimeout(patience)
                .setTimeout(patience);
        client.connect(options).onSuccess(opened -> opened(opened, url)).onFailure(failure -> refused(url, failure));
    }

    /** This URL did not take the link: the next one is tried, at once until all of them have refused in a row. */
    private void refused(URI url, Throwable failure) {
        if (failure instanceof UpgradeRejectedException rejected && rejected.getStatus() == 503) {
            LOG.debugf("%s at %s is a standby or full (503)", name, url);
        } else if (failure instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
            LOG.warnf("%s at %s refused the link secret (401): mmo.link.secret must be the same on both", name, url);
        } else {
            LOG.debugf("%s link to %s not open (%s)", name, url, failure.getMessage());
        }
        current = (current + 1) % urls.size();
        if (++triedInARow < urls.size()) {
            connect();
        } else {
            triedInARow = 0;
            retryLater();
        }
    }

    /** On the link's event loop. */
    private void opened(WebSocket opened, URI url) {
        LOG.infof("%s link open to %s", name, url);
        triedInARow = 0;
        backoff.reset();
        LinkHeartbeat beat = new LinkHeartbeat(
                vertx,
                settings,
                () -> opened.writeBinaryMessage(LinkFrame.encode(LinkOp.HEARTBEAT, 0, NO_PAYLOAD)),
                () -> silent(opened, url));
        opened.binaryMessageHandler(bytes -> {
            beat.heard();
            LinkFrame frame;
            try {
                frame = LinkFrame.decode(bytes);
            } catch (IllegalArgumentException e) {
                LOG.warnf("%s link sent a frame that is not ours: %s", name, e.getMessage());
                return;
            }
            if (frame.op() != LinkOp.HEARTBEAT) {
                listener.onFrame(this, frame);
            }
        });
        opened.closeHandler(ignored -> dropped(opened, LinkListener.Loss.CLOSED));
        opened.exceptionHandler(failure -> LOG.warnf("%s link failed: %s", name, failure.toString()));
        socket = opened;
        heartbeat = beat;
        beat.start();
        listener.onUp(this);
    }

    private void silent(WebSocket silent, URI url) {
        LOG.warnf("%s at %s sent nothing for %s; closing the link", name, url, settings.silenceLimit());
        dropped(silent, LinkListener.Loss.SILENT);
        silent.close((short) 1001, "silent for too long");
    }

    private void dropped(WebSocket closed, LinkListener.Loss loss) {
        if (socket != closed) {
            return;
        }
        socket = null;
        heartbeat.stop();
        if (!stopped) {
            LOG.warnf(
                    "%s link to %s %s; its sessions are closed, reconnecting",
                    name, currentUrl(), loss == LinkListener.Loss.SILENT ? "went silent" : "dropped");
        }
        // the service behind may be gone for good (a standby takes over): the next URL is tried first
        current = (current + 1) % urls.size();
        listener.onDown(this, loss);
        retryLater();
    }

    private void retryLater() {
        if (!stopped) {
            Duration wait = backoff.next();
            LOG.debugf("%s link: next attempt in %d ms", name, wait.toMillis());
            vertx.setTimer(Math.max(1, wait.toMillis()), ignored -> connect());
        }
    }
}
