package org.carnet.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import java.util.HashMap;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.core.Messages;

/** Renders the precompiled jte templates (src/main/jte) into responses. */
public final class Pages {

    private final TemplateEngine jte = TemplateEngine.createPrecompiled(ContentType.Html);
    /** The theme's address with its content's fingerprint: browsers may keep it for a year. */
    public static final String CSS_URL = "/static/carnet.css?v=" + fingerprint("/static/carnet.css");
    private final Csrf csrf;

    public Pages(Csrf csrf) {
        this.csrf = csrf;
    }

    /** The chrome of a page that belongs to no blog, in the visitor's language. */
    public Page page(Context ctx, String titleKey) {
        Messages m = Web.accountMessages(ctx);
        return new Page(m, m.t(titleKey), Web.viewer(ctx), csrf.tokenFor(ctx), Web.requestId(ctx), null, "");
    }

    /** The chrome of a page of a blog, in the blog's language. */
    public Page blogPage(Context ctx, Blog blog, String title) {
        return new Page(Messages.of(blog.language()), title, Web.viewer(ctx), csrf.tokenFor(ctx),
                Web.requestId(ctx), blog, blogBase(ctx, blog));
    }

    /** The chrome of a blog's admin pages: the blog's data, but the admin's own language. */
    public Page blogAdminPage(Context ctx, Blog blog, String titleKey) {
        Messages m = Web.accountMessages(ctx);
        return new Page(m, m.t(titleKey), Web.viewer(ctx), csrf.tokenFor(ctx), Web.requestId(ctx), blog,
                blogBase(ctx, blog));
    }

    public static String blogBase(Context ctx, Blog blog) {
        return blog.name().equals(Web.hostBlog(ctx)) ? "" : "/" + blog.name();
    }

    /** The first hex digits of the SHA-256 of a classpath resource (changes whenever the file does). */
    public static String fingerprint(String resource) {
        try (var in = Pages.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "0";
            }
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as one path segment (a label with spaces or accents in /search/label/...). */
    public static String encodePath(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value in a query string. */
    public static String encodeQuery(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The HTML of the page just rendered by {@link #render} (read by the page cache, without decoding the body). */
    static final String RENDERED = "carnet.renderedHtml";

    /** Renders template with its parameters (p, the Page, among them) as the HTML response. */
    public void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        jte.render(template, params, out);
        String html = out.toString();
        ctx.contentType("text/html; charset=utf-8");
        ctx.attribute(RENDERED, html);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        if (ctx.method() == HandlerType.GET && ctx.statusCode() == 200) {
            // The page's ETag, from its bytes in one pass (Javalin's own reads the body a byte at a time); a
            // browser that has these bytes gets a 304.
            CRC32C crc = new CRC32C();
            crc.update(body);
            String etag = "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
            ctx.header("ETag", etag);
            if (ETags.matches(ctx.header("If-None-Match"), etag)) {
                ctx.status(HttpStatus.NOT_MODIFIED);
                body = new byte[0];
            }
        }
        ctx.result(body);
        // A page rendered with an error status (a form shown again with its message) is final: the
        // status-based error pages must not replace it.
        ctx.attribute(ErrorPages.HANDLED, true);
    }

    /** A parameter map that, unlike Map.of, accepts null values (an absent error, an empty field). */
    public static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
