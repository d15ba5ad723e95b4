package dev.mmo.world.core.view;

import java.util.Arrays;

/** Which online actors stand in each cell. Each actor knows its slot, so moving one costs O(1). Loop thread only. */
final class CellIndex {

    private static final Tracked[] EMPTY = new Tracked[0];

    private final Tracked[][] members;
    private final int[] counts;

    CellIndex(int cellCount) {
        members = new Tracked[cellCount][];
        Arrays.fill(members, EMPTY);
        counts = new int[cellCount];
    }

    void add(Tracked actor, int cell) {
        Tracked[] inCell = members[cell];
        int count = counts[cell];
        if (count == inCell.length) {
            inCell = Arrays.copyOf(inCell, Math.max(4, count * 2));
            members[cell] = inCell;
        }
        inCell[count] = actor;
        counts[cell] = count + 1;
        actor.cell = cell;
        actor.cellSlot = count;
    }

    void remove(Tracked actor) {
        int cell = actor.cell;
        Tracked[] inCell = members[cell];
        int last = --counts[cell];
        Tracked moved = inCell[last];
        inCell[actor.cellSlot] = moved;
        moved.cellSlot = actor.cellSlot;
        inCell[last] = null;
        actor.cellSlot = -1;
    }

    void move(Tracked actor, int to) {
        remove(actor);
        add(actor, to);
    }

    int count(int cell) {
        return counts[cell];
    }

    /** The actor in slot {@code i} of the cell, {@code 0 <= i < count(cell)}. */
    Tracked member(int cell, int i) {
        return members[cell][i];
    }
}
