package dev.mmo.gateway.link;

import dev.mmo.shared.link.LinkFrame;

/** What the gateway does with what a service sends over its link. */
public interface LinkListener {

    /** How a link was lost. */
    enum Loss {
        /** The connection closed or broke: the service stopped, restarted or crashed. */
        CLOSED,
        /** The service sent nothing for the silence limit (hung, stopped) and the gateway closed the link. */
        SILENT
    }

    /** A frame from the service (heartbeats are not passed on). */
    void onFrame(ServiceLink link, LinkFrame frame);

    /** The link is open (again). */
    void onUp(ServiceLink link);

    /** The link is gone: every session the service had accepted through it is gone on the service's side. */
    void onDown(ServiceLink link, Loss loss);
}
