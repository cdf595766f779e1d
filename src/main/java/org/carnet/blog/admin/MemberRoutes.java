package org.carnet.blog.admin;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.blog.MembershipService;
import org.carnet.blog.Role;
import org.carnet.core.Problem;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** HTTP for membership: the members page, invitations and accepting them, roles, removal, leaving. */
public final class MemberRoutes {

    private final BlogService blogs;
    private final MembershipService memberships;
    private final Pages pages;
    private final Templates templates;
    private final String baseUrl;

    public MemberRoutes(BlogService blogs, MembershipService memberships, Pages pages, String baseUrl) {
        this.blogs = blogs;
        this.memberships = memberships;
        this.pages = pages;
        this.templates = pages.templates();
        this.baseUrl = baseUrl;
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/members", ctx -> showMembers(ctx, adminBlog(ctx), null, null));
        r.post("/{blog}/admin/members/invite", this::invite);
        r.post("/{blog}/admin/members/{user}/role", this::changeRole);
        r.post("/{blog}/admin/members/{user}/remove", this::remove);
        r.post("/{blog}/admin/invitations/{id}/cancel", this::cancelInvitation);
        r.post("/{blog}/admin/leave", this::leave);
        r.get("/account/invitations/{token}", this::invitation);
        r.post("/account/invitations/{token}", this::accept);
    }

    private Blog adminBlog(Context ctx) {
        Web.requireUser(ctx);
        return blogs.require(ctx.pathParam("blog"));
    }

    private void showMembers(Context ctx, Blog blog, MembershipService.NewInvitation created, String error) {
        var viewer = Web.viewer(ctx);
        var members = memberships.members(viewer, blog);
        var invitations = memberships.pendingInvitations(viewer, blog);
        String link = created == null ? null : invitationUrl(ctx, created.token());
        // Whoever sees this page is an admin: when they are the only one, leaving is not offered, and why.
        boolean onlyAdmin = members.stream().filter(m -> m.role() == Role.ADMIN).count() <= 1;
        pages.render(ctx, templates.blogMembers(pages.blogAdminPage(ctx, blog, "members.title"), members,
                invitations, link, created == null ? null : created.role(), error, onlyAdmin));
    }

    private void invite(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            Role role = Role.parse(Forms.field(ctx, "role"));
            var created = memberships.invite(Web.viewer(ctx), blog, role, Forms.field(ctx, "invitee"));
            showMembers(ctx, blog, created, null);
        }, error -> showMembers(ctx, blog, null, error));
    }

    private void changeRole(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            memberships.changeRole(Web.viewer(ctx), blog, userId(ctx), Role.parse(Forms.field(ctx, "role")));
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/members", HttpStatus.SEE_OTHER);
        }, error -> showMembers(ctx, blog, null, error));
    }

    private void remove(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            memberships.remove(Web.viewer(ctx), blog, userId(ctx));
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/members", HttpStatus.SEE_OTHER);
        }, error -> showMembers(ctx, blog, null, error));
    }

    private void cancelInvitation(Context ctx) {
        Blog blog = adminBlog(ctx);
        long id = parseId(ctx.pathParam("id"));
        memberships.cancelInvitation(Web.viewer(ctx), blog, id);
        ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/members", HttpStatus.SEE_OTHER);
    }

    /** Only the last admin is refused (a conflict): they are told why on the members page, where they can
     *  make someone else admin. */
    private void leave(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            memberships.leave(Web.viewer(ctx), blog);
            ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
        }, error -> showMembers(ctx, blog, null, error));
    }

    private void invitation(Context ctx) {
        Web.requireUser(ctx);
        var pending = memberships.lookUp(ctx.pathParam("token"));
        pages.render(ctx, templates.blogInvitation(pages.page(ctx, "invitation.title"), pending.blog(),
                pending.invitation().role(), ctx.pathParam("token")));
    }

    private void accept(Context ctx) {
        Web.requireUser(ctx);
        Blog blog = memberships.accept(Web.viewer(ctx), ctx.pathParam("token"));
        ctx.redirect(Pages.blogBase(ctx, blog) + "/", HttpStatus.SEE_OTHER);
    }

    private String invitationUrl(Context ctx, String token) {
        String base = baseUrl != null ? baseUrl : ctx.scheme() + "://" + ctx.host();
        return base + "/account/invitations/" + token;
    }

    private static long userId(Context ctx) {
        return parseId(ctx.pathParam("user"));
    }

    private static long parseId(String s) {
        Long id = Forms.id(s);
        if (id == null) {
            throw Problem.notFound("member.notFound");
        }
        return id;
    }
}
