package org.carnet.blog.admin;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.carnet.account.AccountService;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.blog.MembershipService;
import org.carnet.blog.Role;
import org.carnet.core.Problem;
import org.carnet.notify.Mailer;
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
    private final InvitationMailer mails;

    public MemberRoutes(BlogService blogs, MembershipService memberships, Pages pages, String baseUrl,
                        Mailer mailer, boolean mailConfigured) {
        this.blogs = blogs;
        this.memberships = memberships;
        this.pages = pages;
        this.templates = pages.templates();
        this.baseUrl = baseUrl;
        this.mails = new InvitationMailer(mailer, mailConfigured);
    }

    /** What became of an invitation just created: its link (always shown to copy) and, when an address was
     *  given, whether the mail server took the mail for it. */
    private record Created(MembershipService.NewInvitation invitation, String link, String mailedTo,
                           boolean mailSent) {
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/members", ctx -> showMembers(ctx, adminBlog(ctx), null, null, null));
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

    private void showMembers(Context ctx, Blog blog, Created created, String error, Form form) {
        var viewer = Web.viewer(ctx);
        var members = memberships.members(viewer, blog);
        var invitations = memberships.pendingInvitations(viewer, blog);
        // Whoever sees this page is an admin: when they are the only one, leaving is not offered, and why.
        boolean onlyAdmin = members.stream().filter(m -> m.role() == Role.ADMIN).count() <= 1;
        pages.render(ctx, templates.blogMembers(pages.blogAdminPage(ctx, blog, "members.title"), members,
                invitations, created == null ? null : created.link(),
                created == null ? null : created.invitation().role(), error, onlyAdmin, mails.configured(),
                created == null ? null : created.mailedTo(), created != null && created.mailSent(),
                form == null ? new Form("", "", "author") : form));
    }

    /** What the admin typed in the invitation form, shown again when it is refused. */
    public record Form(String invitee, String email, String role) {
    }

    /**
     * Creates an invitation; with an address (and a mail server), mails its link there too. A malformed address
     * is refused before anything is created.
     */
    private void invite(Context ctx) {
        Blog blog = adminBlog(ctx);
        Form form = new Form(Forms.field(ctx, "invitee"), Forms.field(ctx, "email"), Forms.field(ctx, "role"));
        Forms.submit(ctx, () -> {
            Role role = Role.parse(form.role());
            String email = !mails.configured() || form.email().isBlank() ? null
                    : AccountService.normaliseEmail(form.email());
            String invitee = form.invitee().isBlank() && email != null ? email : form.invitee();
            var invitation = memberships.invite(Web.viewer(ctx), blog, role, invitee);
            String link = invitationUrl(ctx, invitation.token());
            boolean sent = email != null && mails.send(email, Web.requireUser(ctx), blog, invitation, link);
            showMembers(ctx, blog, new Created(invitation, link, email, sent), null, null);
        }, error -> showMembers(ctx, blog, null, error, form));
    }

    private void changeRole(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            memberships.changeRole(Web.viewer(ctx), blog, userId(ctx), Role.parse(Forms.field(ctx, "role")));
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/members", HttpStatus.SEE_OTHER);
        }, error -> showMembers(ctx, blog, null, error, null));
    }

    private void remove(Context ctx) {
        Blog blog = adminBlog(ctx);
        Forms.submit(ctx, () -> {
            memberships.remove(Web.viewer(ctx), blog, userId(ctx));
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/members", HttpStatus.SEE_OTHER);
        }, error -> showMembers(ctx, blog, null, error, null));
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
        }, error -> showMembers(ctx, blog, null, error, null));
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
