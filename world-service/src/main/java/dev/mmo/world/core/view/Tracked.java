package dev.mmo.world.core.view;

import dev.mmo.world.core.ActorSnapshot;

/**
 * An online actor as the {@link ViewTracker} sees it. The tracker alone decides which cell it stands in (these
 * fields are the tracker's); the world says who it is, what it looks like after a tick, and when it came.
 */
public abstract class Tracked {

    /** The cell it stands in, and its slot there ({@link CellIndex}). */
    int cell = -1;

    int cellSlot = -1;
    /** The cell it stood in after the previous tick, valid in the tick {@link #cellChangedAtTick}. */
    int previousCell = -1;

    long cellChangedAtTick = -1;

    public abstract long id();

    /** Its state as after {@code tick}; asked only once that tick's steps are done. */
    public abstract ActorSnapshot snapshot(long tick);

    /** Whether it is announced as joining in {@code tick}: then it gets its whole view with its welcome. */
    protected abstract boolean joinsIn(long tick);

    /** Whether it was online after the tick before {@code tick}, and so could be seen then. */
    protected abstract boolean onlineBefore(long tick);

    /** The cell it stands in after the last step; -1 before it is added. */
    public final int cell() {
        return cell;
    }

    /** Its cell after the tick before {@code tick}, asked during {@code tick}. */
    final int cellBefore(long tick) {
        return cellChangedAtTick == tick ? previousCell : cell;
    }
}
