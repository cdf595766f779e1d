package org.carnet.reading;

import gg.jte.generated.precompiled.Templates;
import io.javalin.http.Context;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentForm;
import org.carnet.comment.CommentService;
import org.carnet.post.BlogReader;
import org.carnet.post.Post;
import org.carnet.post.PostDates;
import org.carnet.post.PostMeta;
import org.carnet.web.PageCache;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** Renders a post (or page) with its neighbours, sidebar and comment block; used by reading and commenting. */
public final class PostPage {

    /** The cookie that lets an anonymous commenter see their own comment while it awaits moderation. */
    public static final String VISITOR_COOKIE = PageCache.VISITOR_COOKIE;

    private final BlogReader reader;
    private final CommentService comments;
    private final Pages pages;
    private final Templates templates;

    public PostPage(BlogReader reader, CommentService comments, Pages pages) {
        this.reader = reader;
        this.comments = comments;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void render(Context ctx, Blog blog, BlogReader.Entry entry, CommentForm form) {
        Post post = entry.post();
        CommentService.Block block = post.isPage() ? null
                : comments.block(Web.viewer(ctx), blog, post, ctx.cookie(VISITOR_COOKIE));
        if (block != null && block.mayComment()) {
            PageCache.formIn(ctx, CommentService.formId(post.id()), block.formToken());
        }
        BlogReader.Neighbours around = post.isPage() ? new BlogReader.Neighbours(null, null) : reader.neighbours(post);
        pages.render(ctx, templates.postPost(pages.blogPage(ctx, blog, post.title())
                        .withMeta(PostMeta.forPost(ctx, blog, post)),
                entry, new PostDates(blog), around.older(), around.newer(), reader.sidebar(blog), false, block, form));
    }
}
