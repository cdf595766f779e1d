package org.carnet.app;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carnet.blog.BlogService;
import org.carnet.blog.BlogStore;
import org.carnet.blog.Role;
import org.carnet.comment.CommentService;
import org.carnet.notify.NotificationService;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** The dashboard: the viewer's blogs (with comments waiting, for their admins) and their notifications. */
public final class DashboardRoutes {

    private final BlogService blogs;
    private final CommentService comments;
    private final NotificationService notifications;
    private final Pages pages;
    private final Templates templates;

    public DashboardRoutes(BlogService blogs, CommentService comments, NotificationService notifications,
                           Pages pages) {
        this.blogs = blogs;
        this.comments = comments;
        this.notifications = notifications;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/dashboard", this::dashboard);
        r.post("/dashboard/notifications/read", this::markRead);
    }

    private void dashboard(Context ctx) {
        Web.requireUser(ctx);
        var mine = blogs.blogsOf(Web.viewer(ctx));
        Map<Long, Integer> waiting = new LinkedHashMap<>();
        for (BlogStore.MyBlog mb : mine) {
            if (mb.role() == Role.ADMIN) {
                waiting.put(mb.blog().id(), comments.waiting(mb.blog()));
            }
        }
        pages.render(ctx, templates.blogDashboard(pages.page(ctx, "dashboard.title"), mine,
                ctx.queryParam("deleted"), waiting, notifications.unread(Web.viewer(ctx))));
    }

    private void markRead(Context ctx) {
        Web.requireUser(ctx);
        notifications.markAllRead(Web.viewer(ctx));
        ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
    }
}
