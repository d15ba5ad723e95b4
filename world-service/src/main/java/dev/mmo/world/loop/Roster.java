package dev.mmo.world.loop;

import dev.mmo.shared.game.CloseCodes;
import dev.mmo.world.core.World;
import dev.mmo.world.core.WorldInput;
import dev.mmo.world.link.LinkMetrics;
import dev.mmo.world.link.Session;
import dev.mmo.world.link.SessionListener;
import dev.mmo.world.persistence.ActorRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Who is online under which session: the world loop's side of the sessions. The links report session events from
 * their event loops ({@link SessionListener}); they wait in a queue until the loop, before each tick, turns them
 * into world inputs ({@link #applyEvents}). Everything but the queue belongs to the loop thread.
 * <p>
 * Membership is settled per actor once per tick, from where its sessions ended up: an actor whose session was
 * replaced (or closed and reopened) within the tick gets only a {@code Join}, which keeps its live position and
 * walk and announces it again; an actor that joined and left within the tick never reaches the world. One live
 * session per actor: a newer one kicks the older with 4409.
 */
@ApplicationScoped
public class Roster implements SessionListener {

    private sealed interface Event {}

    private record Joined(Session session, ActorRecord stored) implements Event {}

    private record TargetPending(Session session) implements Event {}

    private record Closed(Session session) implements Event {}

    private record LinkClosed(List<Session> sessions) implements Event {}

    private final RejoinCache rejoins;
    private final LinkMetrics metrics;

    private final Queue<Event> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Long, Member> members = new HashMap<>();
    private final Set<Member> changed = new LinkedHashSet<>();
    private final List<Session> withTargets = new ArrayList<>();
    private final List<Member> leaving = new ArrayList<>();

    Roster(RejoinCache rejoins, LinkMetrics metrics) {
        this.rejoins = rejoins;
        this.metrics = metrics;
    }

    @Override
    public void joined(Session session, ActorRecord stored) {
        inbox.add(new Joined(session, stored));
    }

    @Override
    public void targetPending(Session session) {
        inbox.add(new TargetPending(session));
    }

    @Override
    public void closed(Session session) {
        inbox.add(new Closed(session));
    }

    @Override
    public void linkClosed(List<Session> sessions) {
        inbox.add(new LinkClosed(sessions));
    }

    /** Turns the session events since the last tick into inputs of the coming tick. Loop thread only. */
    void applyEvents(World world) {
        for (Event event; (event = inbox.poll()) != null; ) {
            switch (event) {
                case Joined joined -> bind(joined.session(), joined.stored());
                case TargetPending pending -> withTargets.add(pending.session());
                case Closed closed -> unbind(closed.session());
                case LinkClosed linkClosed -> linkClosed.sessions().forEach(this::unbind);
            }
        }
        for (Member member : changed) {
            settleMembership(world, member);
        }
        changed.clear();
        // after the joins, so that a newcomer's first target is not refused as coming from an offline actor
        for (Session session : withTargets) {
            WorldInput.Target target = session.takeTarget();
            if (target == null) {
                continue; // listed twice; the first turn took it
            }
            if (isCurrent(session)) {
                world.submit(target);
            } else {
                metrics.inputDropped("replaced");
            }
        }
        withTargets.clear();
    }

    /** The member playing that actor (online, or leaving in the current tick), or null. Loop thread only. */
    Member member(long actorId) {
        return members.get(actorId);
    }

    /** Forgets the actors that left in the tick just published: their last positions are handed out. */
    void forgetLeavers() {
        for (Member member : leaving) {
            members.remove(member.actorId());
        }
        leaving.clear();
    }

    private void bind(Session session, ActorRecord stored) {
        Member member = members.computeIfAbsent(stored.actorId(), id -> new Member(stored));
        if (member.session != null && member.session != session) {
            member.session.kick(CloseCodes.REPLACED, "replaced by a newer session");
        }
        member.restore(stored);
        member.session = session;
        changed.add(member);
    }

    private void unbind(Session session) {
        Member member = members.get(session.actorId());
        if (member != null && member.session == session) {
            member.session = null;
            changed.add(member);
        }
    }

    private boolean isCurrent(Session session) {
        Member member = members.get(session.actorId());
        return member != null && member.session == session;
    }

    private void settleMembership(World world, Member member) {
        boolean inWorld = member.announced != null;
        if (member.session == null) {
            if (inWorld) {
                world.submit(new WorldInput.Leave(member.actorId()));
                member.announced = null;
                leaving.add(member); // kept until the tick's save of its last position is mapped to its row
            } else {
                members.remove(member.actorId());
            }
        } else if (member.session != member.announced) {
            ActorRecord stored = member.stored();
            RejoinCache.LeftAt left = rejoins.take(member.actorId());
            double x = left != null ? left.x() : stored.x();
            double y = left != null ? left.y() : stored.y();
            // for an actor already in the world the position is ignored: it keeps its live one
            world.submit(new WorldInput.Join(member.actorId(), stored.name(), stored.avatarId(), x, y));
            member.announced = member.session;
        }
    }
}
