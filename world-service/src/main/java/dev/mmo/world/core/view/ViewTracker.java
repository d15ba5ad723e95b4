package dev.mmo.world.core.view;

import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Interest management: who sees whom. The world is cut into the cells of a {@link Grid}; an actor sees the actors
 * whose cells are near its own, as they stand after each tick. The world tells the tracker when an actor comes, goes
 * and moves; at the end of a tick the tracker answers what each cell's players hear ({@link CellNews}) and how the
 * view of every actor that walked into another cell changed ({@link ViewChange}), and it serves range queries
 * ({@link #around}). It knows nothing of walking: movement stays in the world.
 * <p>
 * A player that knew its view after tick N−1 and applies, for tick N, its own view change (if any) and the news of
 * the cell it stands in after tick N knows its view after tick N: the same actors, in the same states. An actor
 * walking a straight line is in no news even when it changes cells: only those who start or stop seeing it hear of
 * it.
 * <p>
 * Cost: the news costs what changed times the cells that see it, and a view change what the actor's new cells hold.
 * Loop thread only.
 */
public final class ViewTracker {

    /** What one tick did to the views: handle the changes with the news of their new cells. */
    public record TickViews(List<ViewChange> viewChanges, List<CellNews> news) {}

    private final Grid grid;
    private final CellIndex cells;
    private final NewsBoard board;
    private final List<Tracked> departed = new ArrayList<>();
    private final List<Tracked> crossed = new ArrayList<>();

    public ViewTracker(Grid grid) {
        this.grid = grid;
        this.cells = new CellIndex(grid.cellCount());
        this.board = new NewsBoard(grid.cellCount());
    }

    public Grid grid() {
        return grid;
    }

    /** An actor came online at (x, y). */
    public void add(Tracked actor, double x, double y) {
        cells.add(actor, grid.cellOf(x, y));
    }

    /**
     * An actor went offline in this tick. {@code seen}: whether others were told it came, so that its going is news
     * to them (an actor that joins and leaves within one tick is not).
     */
    public void remove(Tracked actor, boolean seen) {
        cells.remove(actor);
        if (seen) {
            departed.add(actor);
        }
    }

    /** An actor stepped to (x, y) in {@code tick}; it may have walked into another cell. */
    public void moved(Tracked actor, double x, double y, long tick) {
        int cell = grid.cellOf(x, y);
        if (cell != actor.cell) {
            actor.previousCell = actor.cell;
            actor.cellChangedAtTick = tick;
            cells.move(actor, cell);
            crossed.add(actor);
        }
    }

    /**
     * Every online actor that a player standing in {@code cell} sees, as after {@code tick}, the last completed one.
     */
    public List<ActorSnapshot> around(int cell, long tick) {
        List<ActorSnapshot> seen = new ArrayList<>();
        for (int near : grid.around(cell)) {
            for (int i = 0, count = cells.count(near); i < count; i++) {
                seen.add(cells.member(near, i).snapshot(tick));
            }
        }
        return seen;
    }

    /**
     * Ends the tick: what it did to the views, given who joined in it and whose walk changed ({@code movers}, with
     * their {@code moves} entries in the same order). Forgets the tick's comings, goings and crossings.
     */
    public TickViews settle(
            long tick, List<? extends Tracked> joined, List<? extends Tracked> movers, List<MoveEntry> moves) {
        List<ViewChange> viewChanges = viewChanges(tick);
        List<CellNews> news = cellNews(tick, joined, movers, moves);
        departed.clear();
        crossed.clear();
        return new TickViews(viewChanges, news);
    }

    /** Sorts the tick's changes into the news of the cells that see them. */
    private List<CellNews> cellNews(
            long tick, List<? extends Tracked> joined, List<? extends Tracked> movers, List<MoveEntry> moves) {
        for (Tracked gone : departed) {
            for (int cell : grid.around(gone.cell)) {
                board.at(cell).despawned.add(gone.id());
            }
        }
        for (Tracked walker : crossed) {
            int from = walker.previousCell;
            int to = walker.cell;
            for (int cell : grid.around(from)) {
                if (!grid.near(cell, to)) {
                    board.at(cell).left.add(walker.id());
                }
            }
            if (!walker.joinsIn(tick)) { // a joining actor is news to every cell around it, below
                for (int cell : grid.around(to)) {
                    if (!grid.near(cell, from)) {
                        board.at(cell).entered.add(walker.snapshot(tick));
                    }
                }
            }
        }
        for (Tracked newcomer : joined) {
            for (int cell : grid.around(newcomer.cell)) {
                board.at(cell).entered.add(newcomer.snapshot(tick));
            }
        }
        for (int i = 0; i < movers.size(); i++) {
            for (int cell : grid.around(movers.get(i).cell)) {
                board.at(cell).moves.add(moves.get(i));
            }
        }
        return board.drain(cells);
    }

    /**
     * For every actor that changed cells in this tick (and is not joining, which gets its whole view anyway): what
     * it saw after the previous tick, around its old cell, against what it sees now and what its new cell's news
     * already tells it.
     */
    private List<ViewChange> viewChanges(long tick) {
        if (crossed.isEmpty()) {
            return List.of();
        }
        List<ViewChange> changes = new ArrayList<>(crossed.size());
        for (Tracked viewer : crossed) {
            if (viewer.joinsIn(tick)) {
                continue;
            }
            int from = viewer.previousCell;
            int to = viewer.cell;
            List<ActorSnapshot> entered = new ArrayList<>();
            for (int cell : grid.around(to)) {
                for (int i = 0, count = cells.count(cell); i < count; i++) {
                    Tracked other = cells.member(cell, i);
                    if (other != viewer && !sawBefore(other, from, tick)) {
                        entered.add(other.snapshot(tick));
                    }
                }
            }
            List<Long> left = new ArrayList<>();
            for (int cell : grid.around(from)) {
                if (grid.near(cell, to)) {
                    continue;
                }
                for (int i = 0, count = cells.count(cell); i < count; i++) {
                    Tracked other = cells.member(cell, i);
                    if (sawBefore(other, from, tick)) {
                        left.add(other.id());
                    }
                }
            }
            for (Tracked other : crossed) { // seen before, now neither around the old cell nor the new one
                if (other != viewer
                        && !grid.near(other.cell, from)
                        && !grid.near(other.cell, to)
                        && sawBefore(other, from, tick)) {
                    left.add(other.id());
                }
            }
            List<Long> despawned = new ArrayList<>();
            for (Tracked gone : departed) { // the news of the new cell has those near it
                if (grid.near(gone.cell, from) && !grid.near(gone.cell, to)) {
                    despawned.add(gone.id());
                }
            }
            changes.add(new ViewChange(viewer.id(), to, despawned, left, entered));
        }
        return changes;
    }

    /** Whether a player standing in {@code cell} after the previous tick saw {@code other} then. */
    private boolean sawBefore(Tracked other, int cell, long tick) {
        return other.onlineBefore(tick) && grid.near(other.cellBefore(tick), cell);
    }
}
