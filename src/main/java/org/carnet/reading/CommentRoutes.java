package org.carnet.reading;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.List;
import java.util.Locale;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.comment.Comment;
import org.carnet.comment.CommentDraft;
import org.carnet.comment.CommentForm;
import org.carnet.comment.CommentService;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.post.BlogReader;
import org.carnet.post.PostDates;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** HTTP for comments: posting one (the form under every post), deleting one, and the moderation queue. */
public final class CommentRoutes {

    private final BlogService blogs;
    private final BlogReader reader;
    private final CommentService comments;
    private final ReadingRoutes reading;
    private final PostPage postPage;
    private final Pages pages;
    private final Templates templates;

    public CommentRoutes(BlogService blogs, BlogReader reader, CommentService comments, ReadingRoutes reading,
                         PostPage postPage, Pages pages) {
        this.blogs = blogs;
        this.reader = reader;
        this.comments = comments;
        this.reading = reading;
        this.postPage = postPage;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/comments", this::queue);
        r.post("/{blog}/admin/comments", this::moderate);
        r.post("/{blog}/comments/{id}/delete", this::delete);
        r.post("/{blog}/{year}/{month}/{file}", this::submit);
    }

    private void submit(Context ctx) {
        Blog blog = reading.blog(ctx);
        BlogReader.Entry entry = reader.atPath(blog, ReadingRoutes.postPath(ctx))
                .orElseThrow(() -> Problem.notFound("post.notFound"));
        CommentForm typed = new CommentForm(Forms.raw(ctx, "body"), Forms.field(ctx, "name"),
                Forms.field(ctx, "url"), Forms.id(ctx.formParam("reply-to")), null);
        String visitor = ctx.cookie(PostPage.VISITOR_COOKIE);
        if (!Web.viewer(ctx).signedIn() && (visitor == null || visitor.length() != 43)) {
            visitor = Tokens.random();
            ctx.cookie(new Cookie(PostPage.VISITOR_COOKIE, visitor, "/", 365 * 24 * 3600, Web.isHttps(ctx), true,
                    null, SameSite.LAX));
        }
        CommentDraft draft = new CommentDraft(typed.body(), typed.name(), typed.url(), typed.replyTo(),
                ctx.formParam("website"), ctx.formParam("t"), visitor, Web.clientAddress(ctx));
        Forms.submit(ctx, () -> {
            CommentService.Outcome outcome = comments.submit(Web.viewer(ctx), blog, entry.post(), draft);
            ctx.redirect(Pages.blogBase(ctx, blog) + entry.post().path() + "#c" + outcome.commentId(),
                    HttpStatus.SEE_OTHER);
        }, error -> postPage.render(ctx, blog, entry, new CommentForm(typed.body(), typed.name(), typed.url(),
                typed.replyTo(), error)));
    }

    private void delete(Context ctx) {
        Blog blog = reading.blog(ctx);
        Long id = Forms.id(ctx.pathParam("id"));
        if (id == null) {
            throw Problem.notFound("comment.notFound");
        }
        comments.delete(Web.viewer(ctx), blog, id);
        String back = Forms.field(ctx, "back");
        boolean local = back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.chars().noneMatch(c -> c < 0x20);
        ctx.redirect(local ? back + "#comments" : Pages.blogBase(ctx, blog) + "/", HttpStatus.SEE_OTHER);
    }

    private Blog adminBlog(Context ctx) {
        Web.requireUser(ctx);
        return blogs.require(ctx.pathParam("blog"));
    }

    private void queue(Context ctx) {
        Blog blog = adminBlog(ctx);
        Comment.Status status = status(ctx.queryParam("status"));
        pages.render(ctx, templates.commentQueue(pages.blogAdminPage(ctx, blog, "moderation.title"), status,
                comments.queue(Web.viewer(ctx), blog, status), comments.waiting(blog), comments.spamCount(blog),
                Forms.id(ctx.queryParam("done")), new PostDates(blog)));
    }

    private void moderate(Context ctx) {
        Blog blog = adminBlog(ctx);
        List<Long> ids = Forms.ids(ctx, "id");
        CommentService.Decision decision;
        try {
            decision = CommentService.Decision.valueOf(Forms.field(ctx, "decision").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("comment.moderate.invalid");
        }
        String status = status(ctx.formParam("status")).name().toLowerCase(Locale.ROOT);
        String back = Pages.blogBase(ctx, blog) + "/admin/comments?status=" + status;
        // Deleting is for good: without a script to ask, a page lists what will go and asks first (as for posts).
        if (decision == CommentService.Decision.DELETE && !"yes".equals(ctx.formParam("confirm"))) {
            var chosen = comments.chosen(Web.viewer(ctx), blog, ids);
            if (chosen.isEmpty()) {
                ctx.redirect(back, HttpStatus.SEE_OTHER);
                return;
            }
            pages.render(ctx, templates.commentDelete(pages.blogAdminPage(ctx, blog, "moderation.delete.title"),
                    chosen, status, back));
            return;
        }
        int n = comments.moderate(Web.viewer(ctx), blog, ids, decision);
        ctx.redirect(back + "&done=" + n, HttpStatus.SEE_OTHER);
    }

    private static Comment.Status status(String value) {
        if (value == null || value.isBlank()) {
            return Comment.Status.PENDING;
        }
        try {
            Comment.Status s = Comment.Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
            return s == Comment.Status.DELETED ? Comment.Status.PENDING : s;
        } catch (IllegalArgumentException e) {
            return Comment.Status.PENDING;
        }
    }

}
