package dev.mmo.world.loop;

/** A view question refused at once: as many as {@code mmo.world.view-queue} already wait for the loop. */
public final class ViewQueueFull extends RuntimeException {

    public ViewQueueFull(int waiting) {
        super(waiting + " view requests already wait for the world loop");
    }
}
