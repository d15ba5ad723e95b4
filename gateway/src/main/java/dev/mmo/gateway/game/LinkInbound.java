package dev.mmo.gateway.game;

import dev.mmo.gateway.link.LinkListener;
import dev.mmo.gateway.link.ServiceLink;
import dev.mmo.gateway.link.ServiceLinks;
import dev.mmo.shared.game.CloseCodes;
import dev.mmo.shared.link.CellNewsFrames;
import dev.mmo.shared.link.LinkFrame;
import dev.mmo.shared.link.LinkOp;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What the services send over their links, delivered to players: a broadcast's or a cell's bytes, once encoded by the
 * service, are handed to every event loop that serves players ({@link LoopFanout}), which writes them as they are to
 * its players who hear them; what concerns one player goes to its socket's loop, in the order it came. The links'
 * event loops only read and hand out.
 */
@ApplicationScoped
public class LinkInbound implements LinkListener {

    private static final Logger LOG = Logger.getLogger(LinkInbound.class);

    private final ServiceLinks links;
    private final SessionRegistry registry;
    private final ServiceMembership membership;

    public LinkInbound(ServiceLinks links, SessionRegistry registry, ServiceMembership membership) {
        this.links = links;
        this.registry = registry;
        this.membership = membership;
    }

    void start(@Observes StartupEvent started) {
        links.start(this);
    }

    /** On the link's event loop. */
    @Override
    public void onFrame(ServiceLink link, LinkFrame frame) {
        if (frame.op() == LinkOp.BROADCAST) {
            Buffer payload = frame.payload();
            registry.onEveryLoop(loop -> loop.broadcast(link, payload));
            return;
        }
        if (frame.op() == LinkOp.NEWS) {
            news(link, frame.payload());
            return;
        }
        PlayerSession session = registry.get(frame.session());
        if (session == null) {
            return; // the player left while the frame was under way; the service hears CLOSED
        }
        session.loop.execute(() -> forSession(link, session, frame));
    }

    /** On the session's event loop. */
    private void forSession(ServiceLink link, PlayerSession session, LinkFrame frame) {
        boolean fromWorld = membership.isWorld(link);
        switch (frame.op()) {
            case ACCEPT -> membership.accepted(link, session);
            case SEND -> {
                session.send(frame.payload());
                if (fromWorld && session.state == PlayerSession.State.PLAYING) {
                    session.loop.welcomed(session); // the world's first SEND after its ACCEPT is the welcome (once)
                }
            }
            case VIEW -> view(link, session, frame.payload());
            case KICK -> {
                if (fromWorld) {
                    kick(session, frame.payloadText());
                } else {
                    membership.refused(link, session);
                }
            }
            default -> LOG.warnf("%s link sent %s, which only the gateway sends", link.name(), frame.op());
        }
    }

    /** Decodes a tick's cell frames once and hands them to every loop, which writes each to its players there. */
    private void news(ServiceLink link, Buffer payload) {
        if (!membership.isWorld(link)) {
            LOG.warnf("%s link sent NEWS, which only the world sends", link.name());
            return;
        }
        List<LoopFanout.CellFrame> news = new ArrayList<>();
        try {
            CellNewsFrames.forEach(
                    payload, (cell, cellFrame) -> news.add(new LoopFanout.CellFrame(cell, TextFrame.of(cellFrame))));
        } catch (IllegalArgumentException e) {
            LOG.errorf("the world sent news the gateway cannot read: %s", e.getMessage());
            return;
        }
        registry.onEveryLoop(loop -> loop.news(news));
    }

    private void view(ServiceLink link, PlayerSession session, Buffer payload) {
        if (!membership.isWorld(link) || payload.length() != Integer.BYTES) {
            LOG.warnf("%s link sent a VIEW that is not the world's 4-byte cell", link.name());
            return;
        }
        session.loop.view(session, payload.getInt(0));
    }

    private static void kick(PlayerSession session, String codeAndReason) {
        int space = codeAndReason.indexOf(' ');
        String code = space < 0 ? codeAndReason : codeAndReason.substring(0, space);
        String reason = space < 0 ? "" : codeAndReason.substring(space + 1);
        int closeCode;
        try {
            closeCode = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            closeCode = CloseCodes.POLICY_VIOLATION;
        }
        session.close(closeCode, reason);
    }

    @Override
    public void onUp(ServiceLink link) {
        membership.linkUp(link, registry.all());
    }

    @Override
    public void onDown(ServiceLink link, Loss loss) {
        membership.linkDown(link, loss, registry.all());
        if (membership.isWorld(link)) {
            registry.onEveryLoop(LoopFanout::forgetViews); // nobody hears a cell until the world places them again
        }
    }
}
