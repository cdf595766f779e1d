package org.carnet.post;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** The public home page of a blog: its newest posts, in the blog's language. */
public final class BlogHomeRoutes {

    private static final int POSTS_ON_HOME = 10;

    private final BlogService blogs;
    private final PostService posts;
    private final Pages pages;

    public BlogHomeRoutes(BlogService blogs, PostService posts, Pages pages) {
        this.blogs = blogs;
        this.posts = posts;
        this.pages = pages;
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}", this::home);
    }

    private void home(Context ctx) {
        String name = ctx.pathParam("blog");
        blogs.find(name).ifPresent(b -> Web.useBlogLanguage(ctx, b.language()));
        Blog blog = blogs.requireReadable(Web.viewer(ctx), name);
        pages.render(ctx, "post/home.jte", Pages.params("p", pages.blogPage(ctx, blog, blog.title()),
                "posts", posts.latest(blog, POSTS_ON_HOME),
                "dates", new PostDates(blog)));
    }
}
