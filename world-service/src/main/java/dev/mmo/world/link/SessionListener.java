package dev.mmo.world.link;

import dev.mmo.world.persistence.ActorRecord;
import java.util.List;

/**
 * What the links tell the world about sessions. Called on a link's event loop, in the order things happened on
 * that link; implementations hand the events to the world loop and return at once.
 */
public interface SessionListener {

    /** The session's token was good and its actor is loaded: it wants to join. */
    void joined(Session session, ActorRecord stored);

    /** The session has a walk target waiting in its slot ({@link Session#takeTarget()}). */
    void targetPending(Session session);

    /** The player's connection is gone. */
    void closed(Session session);

    /** The gateway's link is gone, and with it every session it carried. */
    void linkClosed(List<Session> sessions);
}
