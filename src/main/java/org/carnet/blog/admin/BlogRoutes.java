package org.carnet.blog.admin;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.blog.BlogSettings;
import org.carnet.core.User;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** HTTP for blogs: creating a blog, its settings and its deletion. */
public final class BlogRoutes {

    /** Time zones offered in the settings form (any valid zone id is accepted from the CLI). */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private final BlogService blogs;
    private final Access access;
    private final Pages pages;
    private final Templates templates;

    public BlogRoutes(BlogService blogs, Access access, Pages pages) {
        this.blogs = blogs;
        this.access = access;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/dashboard/new", this::newBlogForm);
        r.post("/dashboard/new", this::createBlog);
        r.get("/{blog}/admin", ctx -> ctx.redirect(Pages.blogBase(ctx, adminBlog(ctx)) + "/admin/settings"));
        r.get("/{blog}/admin/settings", this::settingsForm);
        r.post("/{blog}/admin/settings", this::saveSettings);
        r.get("/{blog}/admin/delete", this::deleteForm);
        r.post("/{blog}/admin/delete", this::delete);
    }

    private void newBlogForm(Context ctx) {
        Web.requireUser(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", "");
        values.put("title", "");
        values.put("description", "");
        values.put("language", Web.accountMessages(ctx).lang());
        values.put("time-zone", "Europe/Paris");
        showNewBlog(ctx, values, null);
    }

    private void showNewBlog(Context ctx, Map<String, String> values, String error) {
        pages.render(ctx, templates.blogNew(pages.page(ctx, "blog.new.title"), values, ZONES, error));
    }

    private void createBlog(Context ctx) {
        User user = Web.requireUser(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of("name", "title", "description", "language", "time-zone")) {
            values.put(key, Forms.field(ctx, key));
        }
        Forms.submit(ctx, () -> {
            Map<String, String> settings = new LinkedHashMap<>(values);
            String name = settings.remove("name");
            Blog blog = blogs.create(user.id(), name, settings);
            ctx.redirect(Pages.blogBase(ctx, blog) + "/", HttpStatus.SEE_OTHER);
        }, error -> showNewBlog(ctx, values, error));
    }

    /** The blog named in the path, for its admin pages; the viewer must be signed in. */
    private Blog adminBlog(Context ctx) {
        Web.requireUser(ctx);
        Blog blog = blogs.require(ctx.pathParam("blog"));
        return blog;
    }

    private void settingsForm(Context ctx) {
        Blog blog = adminBlog(ctx);
        access.require(Web.viewer(ctx), blog, Action.CHANGE_SETTINGS);
        showSettings(ctx, blog, BlogSettings.describe(blog), null, ctx.queryParam("saved") != null);
    }

    private void showSettings(Context ctx, Blog blog, Map<String, String> values, String error, boolean saved) {
        pages.render(ctx, templates.blogSettings(pages.blogAdminPage(ctx, blog, "settings.title"), values, ZONES,
                error, saved));
    }

    private void saveSettings(Context ctx) {
        Blog blog = adminBlog(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : BlogSettings.KEYS) {
            values.put(key, Forms.field(ctx, key));
        }
        Forms.submit(ctx, () -> {
            Blog saved = blogs.changeSettings(Web.viewer(ctx), blog, values);
            ctx.redirect(Pages.blogBase(ctx, saved) + "/admin/settings?saved", HttpStatus.SEE_OTHER);
        }, error -> showSettings(ctx, blog, values, error, false));
    }

    private void deleteForm(Context ctx) {
        Blog blog = adminBlog(ctx);
        access.require(Web.viewer(ctx), blog, Action.DELETE_BLOG);
        showDelete(ctx, blog, null);
    }

    private void showDelete(Context ctx, Blog blog, String error) {
        pages.render(ctx, templates.blogDelete(pages.blogAdminPage(ctx, blog, "blog.delete.title"), error));
    }

    private void delete(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            blogs.delete(Web.viewer(ctx), blog, Forms.field(ctx, "confirm"));
            ctx.redirect("/dashboard?deleted=" + blog.name(), HttpStatus.SEE_OTHER);
        }, error -> showDelete(ctx, blog, error));
    }
}
