package dev.mmo.world.core;

/**
 * One entry of a {@code Moves} frame: an actor's position after the tick the frame is tagged with, and its target.
 * See {@link World} for when entries are emitted and how clients replay them.
 */
public record MoveEntry(long actorId, double x, double y, double tx, double ty) {

    /** An arrival stands exactly on its target. */
    public boolean arrival() {
        return x == tx && y == ty;
    }
}
