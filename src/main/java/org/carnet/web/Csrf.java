package org.carnet.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.carnet.core.Hmac;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.core.Viewer;

/**
 * CSRF tokens for every state-changing form. A signed-in visitor's token lives in their session row; a
 * signed-out visitor's (sign-in, sign-up and comment forms) in a cookie the form must repeat (double submit).
 *
 * <p>The anonymous token is signed with an instance secret (shared by every node through the database): a cookie
 * value the server did not issue is ignored and replaced by a fresh token, so nothing a visitor writes in that
 * cookie ever reaches a page. Pages the page cache may keep are rendered with a {@linkplain #placeholder
 * placeholder} instead of any visitor's token, which the cache replaces per visitor.
 */
public final class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String COOKIE = "carnet_csrf";
    /** 256 random bits, a dot, and the HMAC-SHA256 of the random part: both unpadded base64url. */
    private static final Pattern SIGNED = Pattern.compile("([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})");
    private static final String ISSUED = "carnet.csrf.issued";
    private static final String PLACEHOLDER = "carnet.csrf.placeholder";

    private final boolean secureCookies;
    private final Supplier<Hmac> hmac;

    /** hmac: the instance's signing key for these tokens, asked for on first use (its secret is in the database). */
    public Csrf(boolean secureCookies, Supplier<Hmac> hmac) {
        this.secureCookies = secureCookies;
        this.hmac = hmac;
    }

    /**
     * The token to put into this visitor's forms (creating the anonymous cookie when needed), or, while a page
     * for the cache is being rendered, that rendering's placeholder.
     */
    public String tokenFor(Context ctx) {
        String placeholder = ctx.attribute(PLACEHOLDER);
        return placeholder != null ? placeholder : visitorToken(ctx);
    }

    /** This visitor's own token, never a placeholder. */
    String visitorToken(Context ctx) {
        Viewer v = Web.viewer(ctx);
        if (v.session() != null) {
            return v.session().csrfToken();
        }
        String known = ctx.attribute(ISSUED);
        if (known != null) {
            return known;   // checked (or made) once per request: a cached page asks twice
        }
        String existing = ctx.cookie(COOKIE);
        if (issuedHere(existing)) {
            ctx.attribute(ISSUED, existing);
            return existing;
        }
        String fresh = ctx.attribute(ISSUED);
        if (fresh == null) {
            fresh = sign(Tokens.random());
            ctx.attribute(ISSUED, fresh);
            ctx.cookie(new Cookie(COOKIE, fresh, "/", -1, secureCookies || Web.isHttps(ctx), true,
                    null, SameSite.LAX));
        }
        return fresh;
    }

    /**
     * From now on this request's pages carry a placeholder where the visitor's token goes: 256 fresh random bits,
     * made after every word of the page's content was written, so no content can contain it.
     */
    String startPlaceholder(Context ctx) {
        String placeholder = "csrf-" + Tokens.random();
        ctx.attribute(PLACEHOLDER, placeholder);
        return placeholder;
    }

    /**
     * Ends {@link #startPlaceholder}: pages rendered later in this request (an error page) carry the real token.
     * Returns the placeholder that was in use, or null.
     */
    String endPlaceholder(Context ctx) {
        String placeholder = ctx.attribute(PLACEHOLDER);
        ctx.attribute(PLACEHOLDER, null);
        return placeholder;
    }

    /** Refuses a state-changing request whose token does not match (before any handler runs). */
    public void check(Context ctx) {
        String sent = ctx.header(HEADER);
        if (sent == null) {
            sent = ctx.formParam(FIELD);
        }
        Viewer v = Web.viewer(ctx);
        String expected = v.session() != null ? v.session().csrfToken() : ctx.cookie(COOKIE);
        if (v.session() == null && !issuedHere(expected)) {
            throw Problem.forbidden("csrf.invalid");
        }
        if (!Tokens.same(sent, expected)) {
            throw Problem.forbidden("csrf.invalid");
        }
    }

    /** True when value is an anonymous token this instance signed. */
    boolean issuedHere(String value) {
        if (value == null || value.length() != 87) {
            return false;
        }
        var m = SIGNED.matcher(value);
        if (!m.matches()) {
            return false;
        }
        return hmac.get().verify(message(m.group(1)), m.group(2));
    }

    private String sign(String random) {
        return random + "." + hmac.get().sign(message(random));
    }

    private static String message(String random) {
        return "csrf|" + random;
    }
}
