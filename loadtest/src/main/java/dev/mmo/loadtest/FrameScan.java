package dev.mmo.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a server frame as bytes, without parsing JSON: a frame is one message or an array of messages
 * (a tick's broadcast, a welcome, or several ticks' messages batched together), and each message starts with
 * {@code "type":"<Type>"}. The scan finds every message, counts the types the bot does not otherwise care about
 * ({@code Leave}, {@code Despawn}, {@code ModelData}, {@code Online}), and for each {@code Moves} message reads its
 * tick and looks for the bot's own entry <em>inside that message only</em>, so that a Moves message of another tick,
 * a {@code ModelData} (whose model holds {@code {"id":N,"x":} too) or a {@code Leave} never counts as the bot's own
 * Moves.
 *
 * <p>A message's extent is from its {@code "type"} to the next message's {@code "type"} (or the end of the frame).
 * The bots never put {@code "type":"} in a chat line, and JSON escapes the quotes of one that does, so a chat text
 * cannot start a message. One instance per bot, reused for every frame (the results are overwritten by each scan).
 */
final class FrameScan {

    private static final byte[] TYPE = Bytes.utf8("\"type\":\"");
    private static final byte[] MOVES = Bytes.utf8("Moves\",\"tick\":");
    private static final byte[] MOVES_ANY = Bytes.utf8("Moves\"");
    private static final byte[] WELCOME = Bytes.utf8("Welcome\"");
    private static final byte[] CHAT = Bytes.utf8("Chat\"");
    private static final byte[] PONG = Bytes.utf8("Pong\"");
    private static final byte[] ERROR = Bytes.utf8("Error\",\"code\":\"");
    private static final byte[] LEAVE = Bytes.utf8("Leave\"");
    private static final byte[] DESPAWN = Bytes.utf8("Despawn\"");
    private static final byte[] MODEL_DATA = Bytes.utf8("ModelData\"");
    private static final byte[] ONLINE = Bytes.utf8("Online\",\"count\":");
    private static final byte[] TICK = Bytes.utf8("\"tick\":");
    private static final byte[] X = Bytes.utf8("\"x\":");
    private static final byte[] Y = Bytes.utf8("\"y\":");

    /** Messages of each kind in the last frame. */
    int messages;
    int welcomes;
    int movesMessages;
    int chats;
    int pongs;
    int leaves;
    int despawns;
    int modelDatas;
    int onlines;
    /** Moves messages whose tick could not be read (the format changed?). */
    int unreadableMoves;
    /** Smallest and largest tick of the frame's Moves messages; -1 without any. */
    long firstTick;
    long newestTick;
    /** Whether the Moves ticks of the frame rise strictly, message after message. */
    boolean ticksRise;
    /** The tick of the Moves message whose own entry carried the pending target; -1 if none did. */
    long ownTargetTick;
    /** The tick of the Welcome; -1 without one. */
    long welcomeTick;
    /** The own actor's position in its ModelData (the welcome has one); NaN without one. */
    double ownX;
    double ownY;
    /** The count of the last Online message; -1 without one. */
    long onlineCount;
    /** Whether a Chat message carried the pending chat text. */
    boolean ownChat;
    /** The codes of the frame's Error messages (usually none: then the shared empty list). */
    List<String> errorCodes;

    /**
     * Scans one frame.
     *
     * @param ownEntry         {@code {"id":<own actor>,"x":}, how the own entry of a Moves message starts
     *                         (null: do not look for it)
     * @param ownModel         {@code "model":{"id":<own actor>,}, how the own ModelData's model starts (null: do
     *                         not look for it)
     * @param pendingTail      {@code "tx":X,"ty":Y}}, how the own entry that applies the pending target ends (null:
     *                         nothing pending)
     * @param pendingAfterTick the newest tick the bot had seen when it sent the target: no Moves message of this
     *                         tick or an older one can carry it
     * @param pendingChat      {@code "text":"<the pending line>"} (null: nothing pending)
     */
    void scan(byte[] data, byte[] ownEntry, byte[] ownModel, byte[] pendingTail, long pendingAfterTick,
              byte[] pendingChat) {
        messages = welcomes = movesMessages = chats = pongs = leaves = despawns = modelDatas = onlines = 0;
        unreadableMoves = 0;
        firstTick = newestTick = ownTargetTick = welcomeTick = onlineCount = -1;
        ticksRise = true;
        ownX = ownY = Double.NaN;
        ownChat = false;
        errorCodes = List.of();
        int length = data.length;
        int at = Bytes.indexOf(data, 0, length, TYPE);
        while (at >= 0) {
            int value = at + TYPE.length;
            int next = Bytes.indexOf(data, value, length, TYPE);
            int end = next < 0 ? length : next;
            messages++;
            message(data, value, end, ownEntry, ownModel, pendingTail, pendingAfterTick, pendingChat);
            at = next;
        }
    }

    private void message(byte[] data, int value, int end, byte[] ownEntry, byte[] ownModel, byte[] pendingTail,
                         long pendingAfterTick, byte[] pendingChat) {
        switch (data[value]) {
            case 'M' -> {
                if (Bytes.startsWith(data, value, MOVES)) {
                    moves(data, value + MOVES.length, end, ownEntry, pendingTail, pendingAfterTick);
                } else if (Bytes.startsWith(data, value, MOVES_ANY)) {
                    unreadableMoves++;
                } else if (Bytes.startsWith(data, value, MODEL_DATA)) {
                    modelDatas++;
                    if (ownModel != null) {
                        int model = Bytes.indexOf(data, value, end, ownModel);
                        if (model >= 0) {
                            int x = Bytes.indexOf(data, model, end, X);
                            int y = x < 0 ? -1 : Bytes.indexOf(data, x, end, Y);
                            if (y >= 0) {
                                ownX = Bytes.decimal(data, x + X.length);
                                ownY = Bytes.decimal(data, y + Y.length);
                            }
                        }
                    }
                }
            }
            case 'C' -> {
                if (Bytes.startsWith(data, value, CHAT)) {
                    chats++;
                    if (pendingChat != null && !ownChat && Bytes.indexOf(data, value, end, pendingChat) >= 0) {
                        ownChat = true;
                    }
                }
            }
            case 'P' -> {
                if (Bytes.startsWith(data, value, PONG)) {
                    pongs++;
                }
            }
            case 'E' -> {
                if (Bytes.startsWith(data, value, ERROR)) {
                    if (errorCodes.isEmpty()) {
                        errorCodes = new ArrayList<>(2);
                    }
                    errorCodes.add(Bytes.stringAt(data, value + ERROR.length));
                }
            }
            case 'L' -> {
                if (Bytes.startsWith(data, value, LEAVE)) {
                    leaves++;
                }
            }
            case 'D' -> {
                if (Bytes.startsWith(data, value, DESPAWN)) {
                    despawns++;
                }
            }
            case 'O' -> {
                if (Bytes.startsWith(data, value, ONLINE)) {
                    onlines++;
                    onlineCount = Bytes.number(data, value + ONLINE.length);
                }
            }
            case 'W' -> {
                if (Bytes.startsWith(data, value, WELCOME)) {
                    welcomes++;
                    int tick = Bytes.indexOf(data, value, end, TICK);
                    if (tick >= 0) {
                        welcomeTick = Bytes.number(data, tick + TICK.length);
                    }
                }
            }
            default -> {
                // a type this tool does not know: counted in messages only
            }
        }
    }

    private void moves(byte[] data, int tickAt, int end, byte[] ownEntry, byte[] pendingTail, long pendingAfterTick) {
        long tick = Bytes.number(data, tickAt);
        if (tick < 0) {
            unreadableMoves++;
            return;
        }
        movesMessages++;
        if (newestTick >= 0 && tick <= newestTick) {
            ticksRise = false;
        }
        if (firstTick < 0 || tick < firstTick) {
            firstTick = tick;
        }
        newestTick = Math.max(newestTick, tick);
        if (ownEntry == null || pendingTail == null || ownTargetTick >= 0 || tick <= pendingAfterTick) {
            return;
        }
        int own = Bytes.indexOf(data, tickAt, end, ownEntry);
        if (own < 0) {
            return;
        }
        int close = own;
        while (close < end && data[close] != '}') {
            close++;
        }
        if (close < end && Bytes.startsWith(data, close + 1 - pendingTail.length, pendingTail)) {
            ownTargetTick = tick;
        }
    }
}
