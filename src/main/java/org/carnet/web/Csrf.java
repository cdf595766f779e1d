package org.carnet.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.carnet.account.Viewer;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;

/**
 * CSRF tokens for every state-changing form. A signed-in visitor's token lives in their session row; a
 * signed-out visitor's (sign-in and sign-up forms) in a cookie the form must repeat (double submit).
 */
public final class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String COOKIE = "carnet_csrf";

    private final boolean secureCookies;

    public Csrf(boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    /** The token to put into this visitor's forms (creating the anonymous cookie when needed). */
    public String tokenFor(Context ctx) {
        Viewer v = Web.viewer(ctx);
        if (v.session() != null) {
            return v.session().csrfToken();
        }
        String existing = ctx.cookie(COOKIE);
        if (existing != null && existing.length() == 43) {
            return existing;
        }
        String fresh = ctx.attribute(COOKIE);
        if (fresh == null) {
            fresh = Tokens.random();
            ctx.attribute(COOKIE, fresh);
            ctx.cookie(new Cookie(COOKIE, fresh, "/", -1, secureCookies || Web.isHttps(ctx), true,
                    null, SameSite.LAX));
        }
        return fresh;
    }

    /** Refuses a state-changing request whose token does not match (before any handler runs). */
    public void check(Context ctx) {
        String sent = ctx.header(HEADER);
        if (sent == null) {
            sent = ctx.formParam(FIELD);
        }
        Viewer v = Web.viewer(ctx);
        String expected = v.session() != null ? v.session().csrfToken() : ctx.cookie(COOKIE);
        if (!Tokens.same(sent, expected)) {
            throw Problem.forbidden("csrf.invalid");
        }
    }
}
