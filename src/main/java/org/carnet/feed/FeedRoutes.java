package org.carnet.feed;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogName;
import org.carnet.blog.BlogService;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.post.BlogReader;
import org.carnet.reading.ReadingRoutes;
import org.carnet.web.ETags;
import org.carnet.web.PageCache;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/**
 * Blogger's feed URLs: /feeds/posts/default (Atom; ?alt=rss for RSS 2.0), /feeds/posts/summary (the text of
 * each post's beginning instead of its HTML), /feeds/posts/default/-/{label}, /feeds/comments/default and
 * /feeds/{postId}/comments/default, with max-results and start-index. Registered before ReadingRoutes, whose
 * /{blog}/{year}/{month}/{file} and catch-all would otherwise take these paths.
 *
 * <p>Readers poll feeds, so every answer carries an ETag (a hash of the document itself: it changes exactly
 * when the feed does, whatever the cause, such as a comment count or a deleted post) and a Last-Modified (the
 * newest time in the feed); If-None-Match, or failing it If-Modified-Since, gets a 304 with no body.
 */
public final class FeedRoutes {

    private final BlogService blogs;
    private final ReadingRoutes reading;
    private final PageCache cache;
    private final FeedService feeds;
    private final FeedTokens tokens;
    private final String baseUrl;
    private final FeedWriter writer = new FeedWriter();

    /** baseUrl: the configured public URL of the instance (null: none), whose host names entry ids. */
    public FeedRoutes(BlogService blogs, ReadingRoutes reading, PageCache cache, FeedService feeds,
                      FeedTokens tokens, String baseUrl) {
        this.blogs = blogs;
        this.reading = reading;
        this.cache = cache;
        this.feeds = feeds;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/feeds/posts/default", ctx -> posts(ctx, null, false));
        r.get("/{blog}/feeds/posts/summary", ctx -> posts(ctx, null, true));
        r.get("/{blog}/feeds/posts/default/-/{label}", ctx -> posts(ctx, ctx.pathParam("label"), false));
        r.get("/{blog}/feeds/posts/summary/-/{label}", ctx -> posts(ctx, ctx.pathParam("label"), true));
        r.get("/{blog}/feeds/comments/default", this::blogComments);
        r.get("/{blog}/feeds/{postId}/comments/default", this::postComments);
    }

    private void posts(Context ctx, String label, boolean summary) {
        Blog blog = blog(ctx);
        if (cache.serve(ctx, blog)) {
            return;
        }
        FeedParams params = FeedParams.from(ctx);
        FeedWriter.Where where = where(ctx, blog);
        String path = "/feeds/posts/" + (summary ? "summary" : "default")
                + (label == null ? "" : "/-/" + Pages.encodePath(label));
        FeedService.Posts posts = feeds.posts(blog, label, params.offset(), params.maxResults());
        String title = label == null ? blog.title() : messages(blog).t("feed.label.title", blog.title(), label);
        String id = label == null ? where.ids().blog() : where.ids().label(label);
        send(ctx, blog, params, writer.posts(blog, where,
                new FeedWriter.Head(id, title, path, params, posts.slice().more()), posts, summary));
    }

    private void blogComments(Context ctx) {
        Blog blog = blog(ctx);
        if (cache.serve(ctx, blog)) {
            return;
        }
        FeedParams params = FeedParams.from(ctx);
        FeedWriter.Where where = where(ctx, blog);
        FeedService.Slice<FeedComment> slice = feeds.comments(blog, params.offset(), params.maxResults());
        String title = messages(blog).t("feed.comments.title", blog.title());
        send(ctx, blog, params, writer.comments(blog, where, new FeedWriter.Head(where.ids().comments(), title,
                "/feeds/comments/default", params, slice.more()), slice.items()));
    }

    private void postComments(Context ctx) {
        Blog blog = blog(ctx);
        if (cache.serve(ctx, blog)) {
            return;
        }
        long postId;
        try {
            postId = Long.parseLong(ctx.pathParam("postId"));
        } catch (NumberFormatException e) {
            throw Problem.notFound("post.notFound");
        }
        BlogReader.Entry post = feeds.post(blog, postId).orElseThrow(() -> Problem.notFound("post.notFound"));
        FeedParams params = FeedParams.from(ctx);
        FeedWriter.Where where = where(ctx, blog);
        FeedService.Slice<FeedComment> slice = feeds.comments(blog, post, params.offset(), params.maxResults());
        String title = messages(blog).t("feed.postComments.title", blog.title(), post.post().title());
        send(ctx, blog, params, writer.comments(blog, where, new FeedWriter.Head(where.ids().postComments(postId),
                title, "/feeds/" + postId + "/comments/default", params, slice.more()), slice.items()));
    }

    /**
     * The blog, if this request may read it: as any page would (public blog, or a signed-in member), or, for a
     * private blog, with ?token= of someone who is a member now. A token that grants nothing is refused
     * outright rather than sent to a sign-in page that a feed reader cannot use.
     */
    private Blog blog(Context ctx) {
        String token = ctx.queryParam("token");
        String name = ctx.pathParam("blog");
        if (token != null && !BlogName.RESERVED.contains(name)) {
            Optional<Blog> found = blogs.find(name);
            if (found.isPresent() && found.get().isPrivate()) {
                Blog blog = found.get();
                Web.useBlogLanguage(ctx, blog.language());
                if (!tokens.grantsRead(blog, token.trim())) {
                    throw Problem.forbidden("feed.token.invalid");
                }
                return blog;
            }
        }
        return reading.blog(ctx);
    }

    private FeedWriter.Where where(Context ctx, Blog blog) {
        String origin = origin(ctx);
        String authority = baseUrl != null ? URI.create(baseUrl).getHost() : ctx.req().getServerName();
        return new FeedWriter.Where(origin, Pages.blogBase(ctx, blog), new FeedIds(authority, blog));
    }

    /** scheme://host[:port] as the visitor reached us, so that links work on a blog's own domain too. */
    static String origin(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank()) {
            host = ctx.req().getServerName() + ":" + ctx.req().getServerPort();
        }
        return (Web.isHttps(ctx) ? "https" : "http") + "://" + host;
    }

    private static Messages messages(Blog blog) {
        return Messages.of(blog.language());
    }

    /**
     * Sends the feed with its ETag (a hash of the document) and Last-Modified, or a 304. A public blog's feed is the
     * same for every signed-out reader: it is kept in the page cache, which answers the next requests (same
     * headers, same 304s) until the blog's content version changes.
     */
    private void send(Context ctx, Blog blog, FeedParams params, FeedWriter.Rendered feed) {
        String etag = "\"" + Tokens.sha256(feed.xml()).substring(0, 32) + "\"";
        Instant lastModified = feed.updated().truncatedTo(ChronoUnit.SECONDS);
        // no-cache: caches may keep it but must ask again (cheap with the ETag); a private blog's feed is
        // for its reader only.
        String cacheControl = (blog.isPrivate() ? "private" : "public") + ", no-cache";
        String type = params.rss() ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", ETags.httpDate(lastModified));
        ctx.header("Cache-Control", cacheControl);
        cache.keepDocument(ctx, blog, feed.xml(), etag, new PageCache.Document(type, lastModified,
                cacheControl));
        if (ETags.notModified(ctx.header("If-None-Match"), ctx.header("If-Modified-Since"), etag, lastModified)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(type);
        ctx.result(feed.xml());
    }
}
