package org.carnet.app;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.carnet.account.AccountService;
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
    private final AccountService accounts;
    private final BlogService blogs;
    private final InstanceSettings instance;
    private final Pages pages;
    private final Templates templates;

    public InstanceRoutes(Database db, AccountService accounts, BlogService blogs, InstanceSettings instance,
                          Pages pages) {
        this.db = db;
        this.accounts = accounts;
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
        r.post("/admin/accounts/{id}", this::changeAccount);
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
                saved, accounts.accounts(Web.viewer(ctx)), blogs.allBlogs()));
    }

    /** Disables or enables an account, makes it an instance admin or no longer one; the same services as the CLI. */
    private void changeAccount(Context ctx) {
        requireInstanceAdmin(ctx);
        Long id = Forms.id(ctx.pathParam("id"));
        if (id == null) {
            throw Problem.notFound("account.gone");
        }
        Forms.submit(ctx, () -> {
            switch (Forms.field(ctx, "action")) {
                case "disable" -> accounts.setDisabled(Web.viewer(ctx), id, true);
                case "enable" -> accounts.setDisabled(Web.viewer(ctx), id, false);
                case "make-admin" -> accounts.setInstanceAdmin(Web.viewer(ctx), id, true);
                case "remove-admin" -> accounts.setInstanceAdmin(Web.viewer(ctx), id, false);
                default -> throw Problem.invalid("instance.account.action");
            }
            ctx.redirect("/admin?saved#accounts", HttpStatus.SEE_OTHER);
        }, error -> show(ctx, error, false));
    }

    private void saveSettings(Context ctx) {
        requireInstanceAdmin(ctx);
        Forms.submit(ctx, () -> {
            instance.set(InstanceSettings.SIGNUP, Forms.field(ctx, "signup"));
            ctx.redirect("/admin?saved", HttpStatus.SEE_OTHER);
        }, error -> show(ctx, error, false));
    }
}
