package org.carnet.post;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.core.Problem;
import org.carnet.media.Media;
import org.carnet.media.MediaService;
import org.carnet.search.SearchSync;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.RequestSetup;
import org.carnet.web.Web;

/** HTTP for writing: the posts and pages lists, the editor, preview, bulk delete and revisions. */
public final class PostAdminRoutes {

    /** The blog's latest images offered beside the text, to insert with a click. */
    private static final int RECENT_IMAGES = 12;
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final BlogService blogs;
    private final PostService posts;
    private final Pages pages;
    private final Templates templates;
    private final SearchSync search;

    private final MediaService media;

    public PostAdminRoutes(BlogService blogs, PostService posts, Pages pages, SearchSync search, MediaService media) {
        this.media = media;
        this.blogs = blogs;
        this.posts = posts;
        this.pages = pages;
        this.templates = pages.templates();
        this.search = search;
    }

    public void register(RoutesConfig r) {
        for (String section : List.of("posts", "pages")) {
            Post.Kind kind = section.equals("posts") ? Post.Kind.POST : Post.Kind.PAGE;
            r.get("/{blog}/admin/" + section, ctx -> list(ctx, kind));
            r.get("/{blog}/admin/" + section + "/new", ctx -> newForm(ctx, kind));
            r.post("/{blog}/admin/" + section + "/new", ctx -> save(ctx, kind, null));
            r.get("/{blog}/admin/" + section + "/{id}/edit", ctx -> editForm(ctx, kind));
            r.post("/{blog}/admin/" + section + "/{id}/edit", ctx -> save(ctx, kind, id(ctx)));
            r.post("/{blog}/admin/" + section + "/delete", ctx -> delete(ctx, kind));
            r.get("/{blog}/admin/" + section + "/{id}/revisions", ctx -> revisions(ctx, kind));
            r.get("/{blog}/admin/" + section + "/{id}/revisions/{rev}", ctx -> revision(ctx, kind));
            r.post("/{blog}/admin/" + section + "/{id}/revisions/{rev}/restore", ctx -> restore(ctx, kind));
        }
    }

    private Blog blog(Context ctx) {
        Web.requireUser(ctx);
        return blogs.require(ctx.pathParam("blog"));
    }

    private static String section(Post.Kind kind) {
        return kind == Post.Kind.POST ? "posts" : "pages";
    }

    private void list(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        Post.Status status = parseStatus(ctx.queryParam("status"));
        String label = blankToNull(ctx.queryParam("label"));
        Long author = Forms.id(ctx.queryParam("author"));
        String q = blankToNull(ctx.queryParam("q"));
        // The list searches titles itself (drafts included) and asks the search index for published texts.
        List<Long> found = q == null ? List.of() : search.search(blog.id(), blog.language(), q, null, 0, 200).hits()
                .stream().map(org.carnet.search.Hit::postId).toList();
        List<PostService.Listed> list = posts.list(Web.viewer(ctx), blog, new PostStore.Filter(kind, status, label,
                author, q, found));
        pages.render(ctx, templates.postList(pages.blogAdminPage(ctx, blog, section(kind) + ".title"), kind, list,
                posts.allLabels(blog), status == null ? "" : status.name(), label == null ? "" : label,
                q == null ? "" : q, posts.authors(blog), author == null ? 0L : author,
                Forms.id(ctx.queryParam("deleted")), posts.now(), new PostDates(blog),
                ctx.queryParams("trash").stream().map(Forms::id).filter(java.util.Objects::nonNull).toList(),
                Forms.id(ctx.queryParam("restored"))));
    }

    private void newForm(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        PostInput empty = new PostInput(kind, "", BodyFormat.MARKDOWN, "", "", "", "", "");
        // Asking before showing the form: a reader gets 403 here, not an editor that cannot save.
        posts.requireWriter(Web.viewer(ctx), blog);
        showEditor(ctx, blog, null, empty, null, null);
    }

    private void editForm(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        Post post = posts.requireEditable(Web.viewer(ctx), blog, id(ctx));
        if (post.kind() != kind) {
            throw Problem.notFound("post.notFound");
        }
        String at = post.publishedAt() == null ? ""
                : LOCAL_INPUT.format(post.publishedAt().atZone(ZoneId.of(blog.timeZone())));
        PostInput input = new PostInput(kind, post.title(), post.format(), post.source(),
                String.join(", ", posts.labelsOf(post.id())), post.searchDescription(), post.slug(), at);
        showEditor(ctx, blog, post, input, null, ctx.queryParam("saved") != null ? "saved" : null);
    }

    private void showEditor(Context ctx, Blog blog, Post post, PostInput input, String error, String notice) {
        String titleKey = post == null ? (input.kind() == Post.Kind.POST ? "editor.new.post" : "editor.new.page")
                : "editor.edit";
        String action = Pages.blogBase(ctx, blog) + "/admin/" + section(input.kind())
                + (post == null ? "/new" : "/" + post.id() + "/edit");
        var page = pages.blogAdminPage(ctx, blog, titleKey);
        // Whoever may add images gets the editor's image panel, and its one script (editor-images.js).
        List<Media> images = page.may(Action.UPLOAD_MEDIA)
                ? media.list(Web.viewer(ctx), blog, null, RECENT_IMAGES) : List.of();
        if (page.may(Action.UPLOAD_MEDIA)) {
            ctx.header("Content-Security-Policy", RequestSetup.POLICY_WITH_OWN_SCRIPTS);
        }
        pages.render(ctx, templates.postEditor(page, post, input, posts.allLabels(blog), error, notice, action,
                posts.now(), page.may(Action.UPLOAD_MEDIA), images));
    }

    private void save(Context ctx, Post.Kind kind, Long id) {
        Blog blog = blog(ctx);
        PostInput input = new PostInput(kind, Forms.field(ctx, "title"), format(Forms.field(ctx, "format")),
                Forms.raw(ctx, "body").replace("\r\n", "\n"), Forms.field(ctx, "labels"),
                Forms.field(ctx, "description"), Forms.field(ctx, "slug"), Forms.field(ctx, "publish-at"));
        String action = Forms.field(ctx, "action");
        Post existing = id == null ? null : posts.requireEditable(Web.viewer(ctx), blog, id);
        if (existing != null && existing.kind() != kind) {
            throw Problem.notFound("post.notFound");
        }
        Forms.submit(ctx, () -> {
            if (action.equals("preview")) {
                Post preview = posts.preview(Web.viewer(ctx), blog, id, input);
                // The post page as a reader would see it, without neighbours, sidebar or comments.
                pages.render(ctx, templates.postPost(pages.blogPage(ctx, blog, preview.title()),
                        new BlogReader.Entry(preview, Labels.parse(input.labels())), new PostDates(blog),
                        null, null, null, true, null, null));
                return;
            }
            PostService.Intent intent = action.equals("publish") ? PostService.Intent.PUBLISH
                    : PostService.Intent.SAVE_DRAFT;
            CommentSwitches comments = new CommentSwitches(ctx.formParam("comments-closed") != null,
                    ctx.formParam("comments-hidden") != null);
            long saved = id == null ? posts.create(Web.viewer(ctx), blog, input, intent, comments) : id;
            if (id != null) {
                posts.update(Web.viewer(ctx), blog, id, input, intent, comments);
            }
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/" + section(kind) + "/" + saved + "/edit?saved",
                    HttpStatus.SEE_OTHER);
        }, error -> showEditor(ctx, blog, existing, input, error, null));
    }

    private void delete(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        List<Long> ids = Forms.ids(ctx, "id");
        String back = Pages.blogBase(ctx, blog) + "/admin/" + section(kind);
        if (!"yes".equals(ctx.formParam("confirm"))) {
            List<Post> chosen = ids.stream().map(id -> posts.requireEditable(Web.viewer(ctx), blog, id)).toList();
            if (chosen.isEmpty()) {
                ctx.redirect(back, HttpStatus.SEE_OTHER);
                return;
            }
            pages.render(ctx, templates.postDelete(pages.blogAdminPage(ctx, blog, "posts.delete.title"), chosen,
                    back + "/delete"));
            return;
        }
        // Into the trash: the list says so, links to it, and offers to undo (restore them all at once).
        List<Long> trashed = posts.toTrash(Web.viewer(ctx), blog, ids);
        StringBuilder to = new StringBuilder(back + "?deleted=" + trashed.size());
        trashed.forEach(t -> to.append("&trash=").append(t));
        ctx.redirect(to.toString(), HttpStatus.SEE_OTHER);
    }

    private void revisions(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        Post post = posts.requireEditable(Web.viewer(ctx), blog, id(ctx));
        pages.render(ctx, templates.postRevisions(pages.blogAdminPage(ctx, blog, "revisions.title"), post,
                posts.revisions(Web.viewer(ctx), blog, post.id()),
                Pages.blogBase(ctx, blog) + "/admin/" + section(kind) + "/" + post.id(), new PostDates(blog)));
    }

    /** A revision, what differs from the post as it is now, and (with ?restore) the question before restoring it. */
    private void revision(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        Post post = posts.requireEditable(Web.viewer(ctx), blog, id(ctx));
        showRevision(ctx, kind, blog, post, revisionId(ctx), ctx.queryParam("restore") != null);
    }

    private void showRevision(Context ctx, Post.Kind kind, Blog blog, Post post, long rev, boolean confirm) {
        PostStore.Revision revision = posts.revision(Web.viewer(ctx), blog, post.id(), rev);
        pages.render(ctx, templates.postRevision(pages.blogAdminPage(ctx, blog, "revisions.title"), post, revision,
                Pages.blogBase(ctx, blog) + "/admin/" + section(kind) + "/" + post.id(), new PostDates(blog),
                RevisionDiff.between(revision.source(), post.source()), confirm));
    }

    /**
     * Restores a revision once the author has said yes to what it does (a published post shows it at once): a
     * request without that answer gets the question, not the change.
     */
    private void restore(Context ctx, Post.Kind kind) {
        Blog blog = blog(ctx);
        long id = id(ctx);
        long rev = revisionId(ctx);
        if (!"yes".equals(ctx.formParam("confirmed"))) {
            showRevision(ctx, kind, blog, posts.requireEditable(Web.viewer(ctx), blog, id), rev, true);
            return;
        }
        posts.restore(Web.viewer(ctx), blog, id, rev);
        ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/" + section(kind) + "/" + id + "/edit?saved",
                HttpStatus.SEE_OTHER);
    }

    private static long revisionId(Context ctx) {
        Long rev = Forms.id(ctx.pathParam("rev"));
        if (rev == null) {
            throw Problem.notFound("post.revision.notFound");
        }
        return rev;
    }

    private static long id(Context ctx) {
        Long id = Forms.id(ctx.pathParam("id"));
        if (id == null) {
            throw Problem.notFound("post.notFound");
        }
        return id;
    }


    private static BodyFormat format(String value) {
        try {
            return BodyFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("post.format.invalid");
        }
    }

    private static Post.Status parseStatus(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Post.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
