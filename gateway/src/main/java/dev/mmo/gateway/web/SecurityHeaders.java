package dev.mmo.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers that keep the browser to what the web client needs, on every response of the public port (the page, its
 * scripts, the API). The Content-Security-Policy allows what the built client uses and nothing else: its own hashed
 * scripts and styles (Vite's build has no inline script), images made at run time ({@code data:}, {@code blob:}:
 * Phaser's textures and the page's {@code data:} icon), workers from the page or a {@code blob:}, and connections to
 * its own origin only — the REST API and, under CSP Level 3's {@code 'self'}, the game connection {@code ws(s)://}
 * on the same host. No plugin, no {@code <base>}, no forms elsewhere, and no framing by other pages.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    /** Before the routes that answer (static files, the API proxy), so that every response has them. */
    private static final int PRIORITY = 100;

    void filters(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    MultiMap headers = ctx.response().headers();
                    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                    headers.set("X-Content-Type-Options", "nosniff");
                    headers.set("Referrer-Policy", "no-referrer");
                    headers.set("X-Frame-Options", "DENY"); // frame-ancestors for browsers that predate it
                    ctx.next();
                },
                PRIORITY);
    }
}
