package dev.mmo.world.core;

import java.util.Objects;

/** Something that happened between ticks. Submitted from any thread, applied at the start of the next tick. */
public sealed interface WorldInput {

    long actorId();

    /**
     * An actor comes online at its saved position. A saved position that is not finite is taken as (0, 0); one
     * outside the bounds is moved onto the nearest edge. Joining an actor that is already online keeps its live
     * position and walk (the saved one may be stale) and announces it again in {@link TickResult#joined()}: this is
     * how a replaced session gets its snapshot.
     */
    record Join(long actorId, String name, int avatarId, double x, double y) implements WorldInput {
        public Join {
            Objects.requireNonNull(name, "name");
        }
    }

    /** An actor goes offline. Unknown actors are ignored. */
    record Leave(long actorId) implements WorldInput {}

    /**
     * An actor walks toward (x, y). Ignored if the actor is offline or the point fails
     * {@link WorldConfig#checkTarget(double, double)}.
     */
    record Target(long actorId, double x, double y) implements WorldInput {}
}
