package dev.mmo.chat.link;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /link}: where gateways connect, one long-lived WebSocket each, carrying all their players' sessions.
 * Internal only: expose it to the gateways, never to the internet.
 */
@WebSocket(path = "/link")
class GatewayLinkEndpoint {

    private final LinkHub hub;

    GatewayLinkEndpoint(LinkHub hub) {
        this.hub = hub;
    }

    @OnOpen
    @NonBlocking
    void opened(WebSocketConnection connection) {
        hub.linkOpened(connection);
    }

    /** Nothing here blocks (tokens are checked on a worker), so frames are handled on the link's event loop. */
    @OnBinaryMessage
    @NonBlocking
    void received(WebSocketConnection connection, Buffer frame) {
        hub.received(connection, frame);
    }

    @OnClose
    @NonBlocking
    void closed(WebSocketConnection connection) {
        hub.linkClosed(connection);
    }
}
