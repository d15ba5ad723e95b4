package dev.mmo.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a server frame as bytes, without parsing JSON: a frame is one message or an array of messages
 * (a tick's broadcast, a welcome, or several ticks' messages batched together), and each message starts with
 * {@code "type":"<Type>"}. The scan finds every message, counts the types the bot does not otherwise care about
 * ({@code Leave}, {@code Despawn}, {@code ModelData}, {@code Online}), and for each {@code Moves} message reads its
 * tick and looks for the bot's own entry <em>inside that message only</em>, so that a Moves message of another tick,
 * a {@code ModelData} (whose model holds <code>{"id":N,"x":</code> too) or a {@code Leave} never counts as the bot's own
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
    private static final byte[] TX = Bytes.utf8("\"tx\":");
    private static final byte[] TY = Bytes.utf8("\"ty\":");

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
    /** The own ModelData's tick and target (NaN, -1 without one). */
    long ownModelTick;

    double ownModelTx;
    double ownModelTy;
    /**
     * With {@link #trackOwnEntries}: the newest own Moves entry of the frame ({x, y, tx, ty}) and its tick; -1
     * without one.
     */
    long ownEntryTick;

    final double[] ownEntry = new double[4];
    /** The count of the last Online message; -1 without one. */
    long onlineCount;
    /** The numbers of the bot's own chat lines that came back in this frame ({@link #ownChatCount} of them). */
    int[] ownChatNumbers = new int[4];

    int ownChatCount;
    /** Whether every Moves message is searched for the own entry (to know where the own actor is), not only for a pending target's. */
    boolean trackOwnEntries;
    /** The codes of the frame's Error messages (usually none: then the shared empty list). */
    List<String> errorCodes;

    /**
     * Scans one frame.
     *
     * @param ownEntry         <code>{"id":&lt;own actor&gt;,"x":</code>, how the own entry of a Moves message starts
     *                         (null: do not look for it)
     * @param ownModel         <code>"model":{"id":&lt;own actor&gt;,</code>, how the own ModelData's model starts (null: do
     *                         not look for it)
     * @param pendingTail      <code>"tx":X,"ty":Y}</code>, how the own entry that applies the pending target ends (null:
     *                         nothing pending)
     * @param pendingAfterTick the newest tick the bot had seen when it sent the target: no Moves message of this
     *                         tick or an older one can carry it
     * @param ownChatPrefix    <code>"text":"&lt;how the bot's own lines start, up to the line's number&gt;</code> (null: do
     *                         not look for own lines): each own line that comes back is reported by its number
     */
    void scan(
            byte[] data,
            byte[] ownEntry,
            byte[] ownModel,
            byte[] pendingTail,
            long pendingAfterTick,
            byte[] ownChatPrefix) {
        messages = welcomes = movesMessages = chats = pongs = leaves = despawns = modelDatas = onlines = 0;
        unreadableMoves = 0;
        firstTick = newestTick = ownTargetTick = welcomeTick = onlineCount = ownEntryTick = ownModelTick = -1;
        ticksRise = true;
        ownX = ownY = ownModelTx = ownModelTy = Double.NaN;
        ownChatCount = 0;
        errorCodes = List.of();
        int length = data.length;
        int at = Bytes.indexOf(data, 0, length, TYPE);
        while (at >= 0) {
            int value = at + TYPE.length;
            int next = Bytes.indexOf(data, value, length, TYPE);
            int end = next < 0 ? length : next;
            messages++;
            message(data, value, end, ownEntry, ownModel, pendingTail, pendingAfterTick, ownChatPrefix);
            at = next;
        }
    }

    private void message(
            byte[] data,
            int value,
            int end,
            byte[] ownEntry,
            byte[] ownModel,
            byte[] pendingTail,
            long pendingAfterTick,
            byte[] ownChatPrefix) {
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
                                // the message's own tick and target come before its model
                                int tick = Bytes.indexOf(data, value, model, TICK);
                                int tx = Bytes.indexOf(data, value, model, TX);
                                int ty = Bytes.indexOf(data, value, model, TY);
                                ownModelTick = tick < 0 ? -1 : Bytes.number(data, tick + TICK.length);
                                ownModelTx = tx < 0 ? Double.NaN : Bytes.decimal(data, tx + TX.length);
                                ownModelTy = ty < 0 ? Double.NaN : Bytes.decimal(data, ty + TY.length);
                            }
                        }
                    }
                }
            }
            case 'C' -> {
                if (Bytes.startsWith(data, value, CHAT)) {
                    chats++;
                    int own = ownChatPrefix == null ? -1 : Bytes.indexOf(data, value, end, ownChatPrefix);
                    long number = own < 0 ? -1 : Bytes.number(data, own + ownChatPrefix.length);
                    if (number >= 0 && number <= Integer.MAX_VALUE) {
                        if (ownChatCount == ownChatNumbers.length) {
                            ownChatNumbers = java.util.Arrays.copyOf(ownChatNumbers, ownChatCount * 2);
                        }
                        ownChatNumbers[ownChatCount++] = (int) number;
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
        boolean targetWanted = pendingTail != null && ownTargetTick < 0 && tick > pendingAfterTick;
        if (ownEntry == null || !(targetWanted || trackOwnEntries)) {
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
        if (targetWanted && close < end && Bytes.startsWith(data, close + 1 - pendingTail.length, pendingTail)) {
            ownTargetTick = tick;
        }
        if (trackOwnEntries && tick >= ownEntryTick) {
            readOwnEntry(data, own + ownEntry.length, close, tick);
        }
    }

    /** {@code <x>,"y":<y>,"tx":<tx>,"ty":<ty>}: the own entry's numbers, from right after its {@code "x":}. */
    private void readOwnEntry(byte[] data, int xAt, int close, long tick) {
        int y = Bytes.indexOf(data, xAt, close, Y);
        int tx = y < 0 ? -1 : Bytes.indexOf(data, y, close, TX);
        int ty = tx < 0 ? -1 : Bytes.indexOf(data, tx, close, TY);
        if (ty < 0) {
            return;
        }
        double[] read = {
            Bytes.decimal(data, xAt),
            Bytes.decimal(data, y + Y.length),
            Bytes.decimal(data, tx + TX.length),
            Bytes.decimal(data, ty + TY.length)
        };
        for (double value : read) {
            if (Double.isNaN(value)) {
                return;
            }
        }
        System.arraycopy(read, 0, ownEntry, 0, 4);
        ownEntryTick = tick;
    }
}
