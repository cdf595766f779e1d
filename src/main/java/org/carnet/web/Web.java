package org.carnet.web;

import io.javalin.http.Context;
import java.util.Locale;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;

/** What the request filters established about a request, read by routes. */
public final class Web {

    /** The session cookie: a random token whose SHA-256 names the visitor's session row. */
    public static final String SESSION_COOKIE = "carnet_session";
    static final String VIEWER = "carnet.viewer";
    static final String REQUEST_ID = "carnet.requestId";
    /** Set by HostBlogFilter when the request's Host is a blog's own domain: that blog's name. */
    public static final String HOST_BLOG = "carnet.hostBlog";
    static final String CLIENT_ADDRESS = "carnet.clientAddress";
    static final String BLOG_LANGUAGE = "carnet.blogLanguage";
    static final String HTTPS = "carnet.https";

    private Web() {
    }

    public static Viewer viewer(Context ctx) {
        Viewer v = ctx.attribute(VIEWER);
        return v != null ? v : Viewer.anonymous();
    }

    /** The signed-in user of this request; anyone else is sent to sign in. */
    public static User requireUser(Context ctx) {
        Viewer v = viewer(ctx);
        if (!v.signedIn()) {
            throw new Problem(Problem.Kind.SIGN_IN_REQUIRED, "signin.required");
        }
        return v.user();
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id != null ? id : "-";
    }

    public static String clientAddress(Context ctx) {
        String a = ctx.attribute(CLIENT_ADDRESS);
        return a != null ? a : ctx.ip();
    }

    /** True when the visitor reached us over HTTPS (directly, or through a trusted proxy that says so). */
    public static boolean isHttps(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(HTTPS)) || "https".equals(ctx.scheme());
    }

    /** The blog served at / because the request came for its own host name, or null. */
    public static String hostBlog(Context ctx) {
        Object name = ctx.req().getAttribute(HOST_BLOG);
        return name == null ? null : name.toString();
    }

    /**
     * The language of pages that belong to no blog: the signed-in user's choice, else the browser's
     * Accept-Language, else the default.
     */
    public static Messages accountMessages(Context ctx) {
        Viewer v = viewer(ctx);
        if (v.signedIn() && v.user().language() != null) {
            return Messages.of(v.user().language());
        }
        return Messages.of(preferredLanguage(ctx.header("Accept-Language")));
    }

    /** The first supported language in an Accept-Language header, by quality then order. */
    public static String preferredLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
            return Messages.DEFAULT_LANGUAGE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String lang = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (range.getWeight() > 0 && Messages.supports(lang)) {
                    return lang;
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed header is not the visitor's fault: use the default.
        }
        return Messages.DEFAULT_LANGUAGE;
    }

    /** Remembers the language of the blog a request is about, so that its errors speak it too. */
    public static void useBlogLanguage(Context ctx, String lang) {
        ctx.attribute(BLOG_LANGUAGE, lang);
    }

    /** The language errors of this request are told in: the blog's, else the visitor's. */
    public static Messages messagesForErrors(Context ctx) {
        String lang = ctx.attribute(BLOG_LANGUAGE);
        return lang != null ? Messages.of(lang) : accountMessages(ctx);
    }

    /** scheme://host of this request, as the visitor reached us (for absolute links: canonical, feeds). */
    public static String origin(Context ctx) {
        String host = ctx.header("Host");
        return (isHttps(ctx) ? "https" : "http") + "://" + (host == null || host.isBlank() ? "localhost" : host);
    }

    /** True when the client asked for JSON rather than a page. */
    public static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        String type = ctx.header("Content-Type");
        boolean acceptsJson = accept != null && accept.contains("application/json") && !accept.contains("text/html");
        boolean sentJson = type != null && type.startsWith("application/json");
        return acceptsJson || sentJson;
    }
}
