package org.carnet.feed;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/**
 * A member's private feed address (/{blog}/admin/feed-token). GET says whether they have one; POST makes a
 * new one (the old one stops working) and shows it. It is shown only then: only its hash is kept. Any member
 * may use the page; the CSRF check on every POST is global.
 */
public final class FeedTokenRoutes {

    private final BlogService blogs;
    private final FeedTokens tokens;
    private final Pages pages;
    private final Templates templates;

    public FeedTokenRoutes(BlogService blogs, FeedTokens tokens, Pages pages) {
        this.blogs = blogs;
        this.tokens = tokens;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/feed-token", this::show);
        r.post("/{blog}/admin/feed-token", this::regenerate);
    }

    private void show(Context ctx) {
        Web.requireUser(ctx);
        Blog blog = blogs.require(ctx.pathParam("blog"));
        boolean has = tokens.issuedAt(Web.viewer(ctx), blog).isPresent();
        render(ctx, blog, has, null);
    }

    private void regenerate(Context ctx) {
        Web.requireUser(ctx);
        Blog blog = blogs.require(ctx.pathParam("blog"));
        String token = tokens.issue(Web.viewer(ctx), blog);
        String feed = FeedRoutes.origin(ctx) + Pages.blogBase(ctx, blog) + "/feeds/posts/default?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        render(ctx, blog, true, feed);
    }

    private void render(Context ctx, Blog blog, boolean hasToken, String newUrl) {
        pages.render(ctx, templates.feedToken(pages.blogAdminPage(ctx, blog, "feedToken.title"), hasToken, newUrl));
    }
}
