package dev.mmo.world.core.view;

import dev.mmo.world.core.WorldConfig;

/**
 * The square cells that decide who sees whom. Cells are numbered {@code row * columns + column} from the world's
 * lower-left corner; a point on a border belongs to the cell on its right (or above), and the world's far edges to
 * the last column and row. An actor sees every actor whose cell is at most {@link #viewRadius()} columns and rows
 * away from its own, which makes visibility symmetric.
 */
public final class Grid {

    private final double origin;
    private final double cellSize;
    private final int columns;
    private final int viewRadius;
    /** {@link #around} per cell, made on first use: the hot path asks for the same few cells every tick. */
    private final int[][] aroundCache;

    public Grid(WorldConfig config) {
        this.origin = -config.boundsHalfSize();
        this.cellSize = config.cellSize();
        this.columns = Math.max(1, (int) Math.ceil(2 * config.boundsHalfSize() / config.cellSize()));
        this.viewRadius = config.viewRadius();
        this.aroundCache = new int[columns * columns][];
    }

    public int columns() {
        return columns;
    }

    public int cellCount() {
        return columns * columns;
    }

    public int viewRadius() {
        return viewRadius;
    }

    /** The cell of a point inside the bounds; points outside are taken to the nearest edge cell. */
    public int cellOf(double x, double y) {
        return rowOf(y) * columns + columnOf(x);
    }

    private int columnOf(double x) {
        return Math.clamp((long) Math.floor((x - origin) / cellSize), 0, columns - 1);
    }

    private int rowOf(double y) {
        return columnOf(y);
    }

    /** Whether an actor in cell {@code a} and one in cell {@code b} see each other. */
    public boolean near(int a, int b) {
        return Math.abs(a % columns - b % columns) <= viewRadius && Math.abs(a / columns - b / columns) <= viewRadius;
    }

    /**
     * The cells seen from {@code cell} (itself included), row by row; fewer at the world's edges. The array is
     * shared: do not change it. Single-threaded, like the world.
     */
    public int[] around(int cell) {
        int[] cells = aroundCache[cell];
        if (cells == null) {
            cells = computeAround(cell);
            aroundCache[cell] = cells;
        }
        return cells;
    }

    private int[] computeAround(int cell) {
        int column = cell % columns;
        int row = cell / columns;
        int fromColumn = Math.max(0, column - viewRadius);
        int toColumn = Math.min(columns - 1, column + viewRadius);
        int fromRow = Math.max(0, row - viewRadius);
        int toRow = Math.min(columns - 1, row + viewRadius);
        int[] cells = new int[(toColumn - fromColumn + 1) * (toRow - fromRow + 1)];
        int i = 0;
        for (int r = fromRow; r <= toRow; r++) {
            for (int c = fromColumn; c <= toColumn; c++) {
                cells[i++] = r * columns + c;
            }
        }
        return cells;
    }
}
