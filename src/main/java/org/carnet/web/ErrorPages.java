package org.carnet.web;

import gg.jte.generated.precompiled.Templates;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into responses: a page in the visitor's (or the blog's) language, or JSON for JSON clients.
 * Only translated messages and the request id reach the visitor; the details go to the log.
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    static final String HANDLED = "carnet.errorHandled";

    private final Pages pages;
    private final Templates templates;

    public ErrorPages(Pages pages) {
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void problem(Problem p, Context ctx) {
        if (p.kind() == Problem.Kind.SIGN_IN_REQUIRED && !Web.wantsJson(ctx)) {
            ctx.attribute(HANDLED, true);
            ctx.redirect(signInUrl(ctx), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        show(ctx, p.kind().status, p.message(Web.messagesForErrors(ctx)));
    }

    public void httpException(HttpResponseException e, Context ctx) {
        show(ctx, e.getStatus(), null);
    }

    public void unexpected(Exception e, Context ctx) {
        if (org.carnet.store.Busy.is(e)) {
            // The database could not be had in time (a long write elsewhere): nothing was changed, say so.
            LOG.warn("request {} {} {}: database busy: {}", Web.requestId(ctx), ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", "5");
            show(ctx, 503, null);
            return;
        }
        LOG.error("request {} {} {} failed", Web.requestId(ctx), ctx.method(), ctx.path(), e);
        show(ctx, 500, null);
    }

    /** Statuses set without an exception (no route matched: 404, wrong method: 405). */
    public void status(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(HANDLED))) {
            return;
        }
        show(ctx, ctx.statusCode(), null);
    }

    private void show(Context ctx, int status, String message) {
        ctx.attribute(HANDLED, true);
        Messages m = Web.messagesForErrors(ctx);
        String title = m.t(m.has("error." + status + ".title") ? "error." + status + ".title" : "error.other.title");
        String text = message != null ? message
                : m.t(m.has("error." + status + ".text") ? "error." + status + ".text" : "error.other.text");
        ctx.status(status);
        if (Web.wantsJson(ctx)) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", status);
            error.put("message", text);
            error.put("requestId", Web.requestId(ctx));
            ctx.json(Map.of("error", error));
            return;
        }
        Page page = new Page(m, title, Web.viewer(ctx), "", Web.requestId(ctx), null, "");
        try {
            pages.render(ctx, templates.appError(page, status, text,
                    status == 403 && !page.signedIn() ? signInUrl(ctx) : null));
        } catch (RuntimeException renderFailure) {
            LOG.error("request {}: the error page itself failed", Web.requestId(ctx), renderFailure);
            ctx.contentType("text/plain; charset=utf-8").result(status + " " + title + " (" + Web.requestId(ctx) + ")");
        }
    }

    static String signInUrl(Context ctx) {
        Object original = ctx.req().getAttribute(HostBlogFilter.ORIGINAL_PATH);
        String path = original != null ? original.toString() : ctx.path();
        String next = ctx.method().name().equals("GET") ? path : "/";
        if (ctx.queryString() != null && ctx.method().name().equals("GET")) {
            next += "?" + ctx.queryString();
        }
        return "/account/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
