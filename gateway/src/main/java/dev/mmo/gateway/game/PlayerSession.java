package dev.mmo.gateway.game;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** One player's game connection on this gateway. */
final class PlayerSession {

    enum State { AWAITING_AUTH, VERIFYING, OPENING, PLAYING, CLOSED }

    final long id;
    final ServerWebSocket socket;
    final RateLimit rateLimit;
    volatile State state = State.AWAITING_AUTH;
    volatile long actorId;
    /** Kept to open the session again on a side service (chat) whose link comes back. */
    volatile Buffer token;
    long authTimer;

    PlayerSession(long id, ServerWebSocket socket, RateLimit rateLimit) {
        this.id = id;
        this.socket = socket;
        this.rateLimit = rateLimit;
    }

    void send(Buffer utf8Json) {
        if (state != State.CLOSED) {
            socket.writeFrame(TextFrames.of(utf8Json));
        }
    }

    void send(String json) {
        if (state != State.CLOSED) {
            socket.writeTextMessage(json);
        }
    }

    void close(short code, String reason) {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            socket.close(code, reason);
        }
    }
}
