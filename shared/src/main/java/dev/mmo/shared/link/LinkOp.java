package dev.mmo.shared.link;

/**
 * The operations on the multiplexed link between the gateway and a service (see docs/protocol.md).
 * Each is one byte on the wire, a readable letter so that a captured frame explains itself.
 */
public enum LinkOp {
    /** gateway → service: a player session wants in; payload = the player's token. */
    OPEN('O', true),
    /** gateway → service: a client frame of that session, the player's JSON bytes unchanged. */
    FRAME('F', true),
    /** gateway → service: the player's connection is gone. */
    CLOSED('C', true),
    /** service → gateway: the session is accepted; from now on it receives broadcasts. */
    ACCEPT('A', true),
    /** service → gateway: a server frame for that one session. */
    SEND('S', true),
    /** service → gateway: a server frame for every accepted session of this service on that gateway. */
    BROADCAST('B', false),
    /**
     * world → gateway: from now on this session hears the news of this cell; payload = the cell (4 bytes,
     * big-endian).
     */
    VIEW('V', true),
    /**
     * world → gateway: one tick's news, one server frame per cell, each for the sessions that hear that cell;
     * payload = repeated {@code cell (4 bytes) length (4 bytes) frame (length bytes)}, see {@link CellNewsFrames}.
     */
    NEWS('N', false),
    /** service → gateway: close that player's connection; payload = "code reason". */
    KICK('K', true),
    /**
     * both ways, every {@link LinkSettings#heartbeatInterval()}: this end is alive; no payload. An end that hears
     * nothing at all from the other for {@link LinkSettings#silenceLimit()} closes the link (see {@link LinkHeartbeat}).
     */
    HEARTBEAT('H', false);

    private static final LinkOp[] BY_CODE = new LinkOp[128];

    static {
        for (LinkOp op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final byte code;
    private final boolean hasSession;

    LinkOp(char code, boolean hasSession) {
        this.code = (byte) code;
        this.hasSession = hasSession;
    }

    public byte code() {
        return code;
    }

    /** Whether the frame names one session (8 bytes after the op code). */
    public boolean hasSession() {
        return hasSession;
    }

    /** The op for a code byte, or null when the byte names none. */
    public static LinkOp of(byte code) {
        return code >= 0 ? BY_CODE[code] : null;
    }
}
