package org.carnet.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.function.Function;
import org.carnet.core.Tokens;
import org.carnet.core.Viewer;
import org.slf4j.MDC;

/**
 * Runs before every route: gives the request an id (in the log and on error pages), finds who is asking
 * from the session cookie, sets the security headers, and refuses a state-changing request without a valid
 * CSRF token before any handler can act on it.
 */
public final class RequestSetup {

    /**
     * Carnet's pages need no script at all: none may run, whatever a post, a comment or an import brought in
     * (defence in depth behind the sanitiser and the templates' escaping). Images and videos may come from
     * elsewhere (posts link them; embeds are limited to the sanitiser's video hosts); styles only from Carnet's
     * own stylesheet and the style attributes the sanitiser lets through.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; img-src * data:; media-src *; "
            + "frame-src https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com "
            + "https://www.dailymotion.com; style-src 'self'; style-src-attr 'unsafe-inline'";

    /**
     * The same, for the few writer's pages that run Carnet's own scripts from the jar (the media library's drag and
     * drop, the editor's image upload): still no inline script, nothing from elsewhere.
     */
    public static final String POLICY_WITH_OWN_SCRIPTS = CONTENT_SECURITY_POLICY
            .replace("script-src 'none'", "script-src 'self'");

    /** Who holds a session cookie's token (anonymous for none, an unknown or an expired one). */
    private final Function<String, Viewer> viewers;
    private final Csrf csrf;
    private final boolean trustProxy;

    public RequestSetup(Function<String, Viewer> viewers, Csrf csrf, boolean trustProxy) {
        this.viewers = viewers;
        this.csrf = csrf;
        this.trustProxy = trustProxy;
    }

    public void before(Context ctx) {
        String id = Tokens.shortId();
        ctx.attribute(Web.REQUEST_ID, id);
        MDC.put("req", id);
        ctx.header("X-Request-Id", id);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.attribute(Web.CLIENT_ADDRESS, clientAddress(ctx));
        ctx.attribute(Web.HTTPS, trustProxy && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
        if (ctx.path().startsWith("/static/")) {
            return;
        }
        ctx.attribute(Web.VIEWER, viewers.apply(ctx.cookie(Web.SESSION_COOKIE)));
        HandlerType method = ctx.method();
        if (method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE) {
            // Reading a multipart body spools it to disk: only signed-in people may make us do that.
            String type = ctx.header("Content-Type");
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                    && !Web.viewer(ctx).signedIn()) {
                throw org.carnet.core.Problem.forbidden("csrf.invalid");
            }
            csrf.check(ctx);
        }
    }

    private String clientAddress(Context ctx) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // The rightmost address is the one our proxy saw; those before it are whatever the client wrote.
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return ctx.ip();
    }
}
