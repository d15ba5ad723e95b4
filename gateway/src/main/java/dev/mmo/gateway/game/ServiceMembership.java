package dev.mmo.gateway.game;

import dev.mmo.gateway.link.LinkListener;
import dev.mmo.gateway.link.ServiceLink;
import dev.mmo.gateway.link.ServiceLinks;
import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.link.LinkOp;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions each service has taken in (its {@code ACCEPT}), and what a link going down or coming back means for
 * them. The world is every session's home: its {@code ACCEPT} starts play, and losing it ends the sessions it carried.
 * Chat is a side service: losing it only takes chat away until it is back.
 */
@ApplicationScoped
public class ServiceMembership {

    private final ServiceLinks links;
    private final Map<ServiceLink, Set<PlayerSession>> acceptedBy = new ConcurrentHashMap<>();

    public ServiceMembership(ServiceLinks links) {
        this.links = links;
        acceptedBy.put(links.world(), ConcurrentHashMap.newKeySet());
        acceptedBy.put(links.chat(), ConcurrentHashMap.newKeySet());
    }

    boolean isWorld(ServiceLink link) {
        return link == links.world();
    }

    /**
     * Opens a verified session at every service; false when the world cannot be reached. Chat is optional for
     * playing: while it is down, Chat frames are answered with chat_unavailable.
     */
    boolean open(PlayerSession session) {
        session.openedAtServices = true;
        if (!links.world().send(LinkOp.OPEN, session.id, session.token)) {
            return false;
        }
        links.chat().send(LinkOp.OPEN, session.id, session.token);
        return true;
    }

    /** A service took the session in; the world's ACCEPT starts play. On the session's loop. */
    void accepted(ServiceLink link, PlayerSession session) {
        if (isWorld(link) && session.state == PlayerSession.State.OPENING) {
            session.state = PlayerSession.State.PLAYING;
        }
        if (session.state == PlayerSession.State.PLAYING || session.state == PlayerSession.State.OPENING) {
            acceptedBy.get(link).add(session);
        }
    }

    boolean isAcceptedBy(ServiceLink link, PlayerSession session) {
        return acceptedBy.get(link).contains(session);
    }

    /**
     * Chat lines and the online count go to players of that link once the world has welcomed them (a closed session
     * queues nothing, see {@link PlayerSession#queue}).
     */
    boolean hearsBroadcasts(PlayerSession session, ServiceLink link) {
        return session.welcomed && isAcceptedBy(link, session);
    }

    /**
     * A side service refused the session (say, its token expired before a re-open): that costs the player this
     * service only, not the game.
     */
    void refused(ServiceLink link, PlayerSession session) {
        acceptedBy.get(link).remove(session);
    }

    /** The session ended: the services that heard OPEN hear CLOSED (one that already ended it with a KICK ignores it). */
    void left(PlayerSession session) {
        acceptedBy.values().forEach(accepted -> accepted.remove(session));
        if (session.openedAtServices) {
            links.world().send(LinkOp.CLOSED, session.id, Buffer.buffer());
            links.chat().send(LinkOp.CLOSED, session.id, Buffer.buffer());
        }
    }

    /**
     * A link is open (again). A dropped world link closed every session (players come back with a new Auth); a side
     * service that came back hears of every session still playing, so chat resumes for them.
     */
    void linkUp(ServiceLink link, Collection<PlayerSession> sessions) {
        if (isWorld(link)) {
            return;
        }
        for (PlayerSession session : sessions) {
            if (session.state == PlayerSession.State.PLAYING) {
                link.send(LinkOp.OPEN, session.id, session.token);
            }
        }
    }

    /**
     * A link is gone: the service ends every session it had. Those the world carried are closed: with 1012 when the
     * link closed (the world restarts; reconnect), with 1013 when the world stopped answering (try again later).
     * Without chat, players go on playing and Chat frames are answered with chat_unavailable until it is back.
     */
    void linkDown(ServiceLink link, LinkListener.Loss loss, Collection<PlayerSession> sessions) {
        Set<PlayerSession> accepted = acceptedBy.get(link);
        if (isWorld(link)) {
            for (PlayerSession session : sessions) {
                if (accepted.contains(session) || session.state == PlayerSession.State.OPENING) {
                    if (loss == LinkListener.Loss.SILENT) {
                        session.close(CloseCodes.TRY_AGAIN_LATER, "the world is not answering");
                    } else {
                        session.close(CloseCodes.SERVICE_RESTART, "lost the world; reconnect");
                    }
                }
            }
        }
        accepted.clear();
    }
}
