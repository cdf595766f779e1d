package org.carnet.trash.admin;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.post.PostDates;
import org.carnet.trash.TrashService;
import org.carnet.trash.TrashStore;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/**
 * HTTP for a blog's trash: the list, restoring (also the "undo" after deleting posts), deleting for good and emptying
 * the trash, both asked first on a page of their own (no script needed).
 */
public final class TrashRoutes {

    private final BlogService blogs;
    private final TrashService trash;
    private final Pages pages;
    private final Templates templates;

    public TrashRoutes(BlogService blogs, TrashService trash, Pages pages) {
        this.blogs = blogs;
        this.trash = trash;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/trash", this::list);
        r.post("/{blog}/admin/trash/restore", this::restore);
        r.post("/{blog}/admin/trash/purge", this::purge);
        r.post("/{blog}/admin/trash/empty", this::empty);
    }

    private Blog blog(Context ctx) {
        Web.requireUser(ctx);
        return blogs.require(ctx.pathParam("blog"));
    }

    private void list(Context ctx) {
        Blog blog = blog(ctx);
        showList(ctx, blog, null);
    }

    private void showList(Context ctx, Blog blog, String error) {
        List<TrashService.Listed> items = trash.list(Web.viewer(ctx), blog);
        pages.render(ctx, templates.trashList(pages.blogAdminPage(ctx, blog, "trash.title"), items,
                new PostDates(blog), Forms.id(ctx.queryParam("restored")), Forms.id(ctx.queryParam("drafts")),
                Forms.id(ctx.queryParam("purged")), error, trash.mayEmpty(Web.viewer(ctx), blog)));
    }

    /** Restores the chosen items, each in its own write; from the posts or pages list, goes back there (undo). */
    private void restore(Context ctx) {
        Blog blog = blog(ctx);
        List<Long> ids = Forms.ids(ctx, "id").stream().distinct().toList();
        String from = Forms.field(ctx, "from");
        String base = Pages.blogBase(ctx, blog) + "/admin/";
        Forms.submit(ctx, () -> {
            int drafts = 0;
            for (long id : ids) {
                if (trash.restore(Web.viewer(ctx), blog, id).asDraft()) {
                    drafts++;
                }
            }
            String back = from.equals("posts") || from.equals("pages") ? base + from : base + "trash";
            ctx.redirect(back + "?restored=" + ids.size() + (drafts > 0 ? "&drafts=" + drafts : ""),
                    HttpStatus.SEE_OTHER);
        }, error -> showList(ctx, blog, error));
    }

    /** Deletes the chosen items for good, once the viewer said yes on the page that lists them. */
    private void purge(Context ctx) {
        Blog blog = blog(ctx);
        List<Long> ids = Forms.ids(ctx, "id").stream().distinct().toList();
        String back = Pages.blogBase(ctx, blog) + "/admin/trash";
        List<TrashStore.Item> chosen = ids.stream().map(id -> trash.require(Web.viewer(ctx), blog, id)).toList();
        if (chosen.isEmpty()) {
            ctx.redirect(back, HttpStatus.SEE_OTHER);
            return;
        }
        if (!"yes".equals(ctx.formParam("confirm"))) {
            pages.render(ctx, templates.trashPurge(pages.blogAdminPage(ctx, blog, "trash.purge.title"), chosen,
                    false, back));
            return;
        }
        int n = trash.purge(Web.viewer(ctx), blog, ids);
        ctx.redirect(back + "?purged=" + n, HttpStatus.SEE_OTHER);
    }

    /** Empties the trash (its admins), once they said yes. */
    private void empty(Context ctx) {
        Blog blog = blog(ctx);
        String back = Pages.blogBase(ctx, blog) + "/admin/trash";
        if (!"yes".equals(ctx.formParam("confirm"))) {
            trash.requireEmpty(Web.viewer(ctx), blog);
            List<TrashStore.Item> all = trash.list(Web.viewer(ctx), blog).stream().map(TrashService.Listed::item)
                    .toList();
            pages.render(ctx, templates.trashPurge(pages.blogAdminPage(ctx, blog, "trash.empty.title"), all, true,
                    back));
            return;
        }
        int n = trash.empty(Web.viewer(ctx), blog);
        ctx.redirect(back + "?purged=" + n, HttpStatus.SEE_OTHER);
    }
}
