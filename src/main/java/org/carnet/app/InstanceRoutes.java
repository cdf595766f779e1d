package org.carnet.app;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.carnet.blog.BlogService;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.instance.InstanceSettings;
import org.carnet.store.Database;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** The server's own pages: the landing page, the health check, and the instance settings. */
public final class InstanceRoutes {

    private final Database db;
    private final BlogService blogs;
    private final InstanceSettings instance;
    private final Pages pages;
    private final Templates templates;

    public InstanceRoutes(Database db, BlogService blogs, InstanceSettings instance, Pages pages) {
        this.db = db;
        this.blogs = blogs;
        this.instance = instance;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/", this::landing);
        r.get("/healthz", this::health);
        r.get("/admin", this::settingsForm);
        r.post("/admin", this::saveSettings);
    }

    private void landing(Context ctx) {
        pages.render(ctx, templates.appLanding(pages.page(ctx, "landing.title"), blogs.publicBlogs(),
                instance.signupOpen()));
    }

    /** For load balancers: 200 when this node can reach its database, 503 otherwise. */
    private void health(Context ctx) {
        boolean ok = db.isHealthy();
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ok" : "unavailable",
                "database", db.dialect().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private User requireInstanceAdmin(Context ctx) {
        User user = Web.requireUser(ctx);
        if (!user.instanceAdmin()) {
            throw Problem.forbidden("access.denied");
        }
        return user;
    }

    private void settingsForm(Context ctx) {
        requireInstanceAdmin(ctx);
        show(ctx, null, ctx.queryParam("saved") != null);
    }

    private void show(Context ctx, String error, boolean saved) {
        pages.render(ctx, templates.appInstance(pages.page(ctx, "instance.title"), instance.signupOpen(), error,
                saved));
    }

    private void saveSettings(Context ctx) {
        requireInstanceAdmin(ctx);
        Forms.submit(ctx, () -> {
            instance.set(InstanceSettings.SIGNUP, Forms.field(ctx, "signup"));
            ctx.redirect("/admin?saved", HttpStatus.SEE_OTHER);
        }, error -> show(ctx, error, false));
    }
}
