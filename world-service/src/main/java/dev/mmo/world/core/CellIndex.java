package dev.mmo.world.core;

import java.util.Arrays;

/** Which online actors stand in each cell. Each actor knows its slot, so moving one costs O(1). Loop thread only. */
final class CellIndex {

    private static final Actor[] EMPTY = new Actor[0];

    private final Actor[][] members;
    private final int[] counts;

    CellIndex(int cellCount) {
        members = new Actor[cellCount][];
        Arrays.fill(members, EMPTY);
        counts = new int[cellCount];
    }

    void add(Actor actor, int cell) {
        Actor[] inCell = members[cell];
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

    void remove(Actor actor) {
        int cell = actor.cell;
        Actor[] inCell = members[cell];
        int last = --counts[cell];
        Actor moved = inCell[last];
        inCell[actor.cellSlot] = moved;
        moved.cellSlot = actor.cellSlot;
        inCell[last] = null;
        actor.cellSlot = -1;
    }

    void move(Actor actor, int to) {
        remove(actor);
        add(actor, to);
    }

    int count(int cell) {
        return counts[cell];
    }

    /** The actor in slot {@code i} of the cell, {@code 0 <= i < count(cell)}. */
    Actor member(int cell, int i) {
        return members[cell][i];
    }
}
