package dev.mmo.gateway.link;

import dev.mmo.shared.link.LinkFrame;

/** What the gateway does with what a service sends over its link. */
public interface LinkListener {

    void onFrame(ServiceLink link, LinkFrame frame);

    /** The link is open (again). */
    void onUp(ServiceLink link);

    /** The link dropped: every session the service had accepted through it is gone on the service's side. */
    void onDown(ServiceLink link);
}
