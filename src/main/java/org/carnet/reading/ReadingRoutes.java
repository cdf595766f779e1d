package org.carnet.reading;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.account.AccountService;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogName;
import org.carnet.blog.BlogService;
import org.carnet.comment.CommentForm;
import org.carnet.comment.CommentService;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.post.BlogReader;
import org.carnet.post.PostDates;
import org.carnet.post.PostMeta;
import org.carnet.search.SearchSync;
import org.carnet.web.Forms;
import org.carnet.web.PageCache;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/**
 * The public blog at Blogger's URLs: home, posts (/yyyy/mm/slug.html), pages (/p/slug.html), labels
 * (/search/label/X), archives (/yyyy/, /yyyy/mm/), "older posts" (/search?updated-max=...), authors.
 */
public final class ReadingRoutes {

    private static final Pattern YEAR = Pattern.compile("^\\d{4}$");
    private static final Pattern PORT = Pattern.compile(":\\d+$");
    private static final Pattern MONTH = Pattern.compile("^(0[1-9]|1[0-2])$");
    private static final int ARCHIVE_LIMIT = 200;

    private final BlogService blogs;
    private final BlogReader reader;
    private final AccountService accounts;
    private final CommentService comments;
    private final PostPage postPage;
    private final Pages pages;
    private final Templates templates;
    private final SearchSync search;
    private final PageCache cache;
    private final OldAddresses oldAddresses;

    public ReadingRoutes(BlogService blogs, BlogReader reader, AccountService accounts, CommentService comments,
                         PostPage postPage, Pages pages, SearchSync search, PageCache cache) {
        this.search = search;
        this.cache = cache;
        this.blogs = blogs;
        this.reader = reader;
        this.accounts = accounts;
        this.comments = comments;
        this.postPage = postPage;
        this.pages = pages;
        this.templates = pages.templates();
        this.oldAddresses = new OldAddresses(reader);
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}", cached(this::home));
        r.get("/{blog}/search", found(this::older));
        r.get("/{blog}/search/label/{label}", cached(this::label));
        r.get("/{blog}/p/{file}", cached(this::page));
        r.get("/{blog}/author/{id}", cached(this::author));
        r.get("/{blog}/{year}", cached(this::year));
        r.get("/{blog}/{year}/{month}", cached(this::month));
        r.get("/{blog}/{year}/{month}/{file}", cached(this::post));
        r.get("/{blog}/<rest>", found(this::elsewhere));
    }

    /** A page of a blog that signed-out readers may get from the page cache (see web/PageCache). */
    private io.javalin.http.Handler cached(io.javalin.http.Handler page) {
        return ctx -> {
            Blog blog = blog(ctx);
            if (sentElsewhere(ctx, blog) || cache.serve(ctx, blog)) {
                return;
            }
            ctx.attribute(BLOG, blog);
            cache.beginRender(ctx, blog);
            try {
                page.handle(ctx);
            } catch (Exception e) {
                cache.endRender(ctx);   // the error page that follows carries the visitor's own token
                if (!movedAway(ctx, blog, e)) {
                    throw e;
                }
                return;
            }
            cache.keep(ctx, blog);
        };
    }

    /** A page of a blog that is not cached; like a cached one, its 404 first looks for an old address. */
    private io.javalin.http.Handler found(io.javalin.http.Handler page) {
        return ctx -> {
            Blog blog = blog(ctx);
            if (sentElsewhere(ctx, blog)) {
                return;
            }
            ctx.attribute(BLOG, blog);
            try {
                page.handle(ctx);
            } catch (Exception e) {
                if (!movedAway(ctx, blog, e)) {
                    throw e;
                }
            }
        };
    }

    /**
     * A 301 for what needs no database to know it is elsewhere: a blog that has its own host name asked for on
     * the instance's (its canonical address is there), and Blogger's view switch and comment links (?m=1,
     * ?showComment=...), whose page is the same without them. True when it answered.
     */
    private boolean sentElsewhere(Context ctx, Blog blog) {
        String query = ctx.queryString();
        if (blog.host() != null && Web.hostBlog(ctx) == null) {
            // The port the instance was reached on is the blog's too (none behind a proxy on 80 or 443).
            Matcher port = PORT.matcher(ctx.host() == null ? "" : ctx.host());
            ctx.redirect((Web.isHttps(ctx) ? "https://" : "http://") + blog.host() + (port.find() ? port.group() : "")
                    + rest(ctx, blog) + (query == null ? "" : "?" + query), HttpStatus.MOVED_PERMANENTLY);
            return true;
        }
        var without = OldAddresses.withoutBloggerParams(query);
        if (without.isPresent()) {
            ctx.redirect(Pages.blogBase(ctx, blog) + rest(ctx, blog)
                    + (without.get().isEmpty() ? "" : "?" + without.get()), HttpStatus.MOVED_PERMANENTLY);
            return true;
        }
        return false;
    }

    /** When a page of the blog was not found: a 301 to where its old address leads now, if it is one. */
    private boolean movedAway(Context ctx, Blog blog, Exception e) {
        if (!(e instanceof Problem p) || p.kind() != Problem.Kind.NOT_FOUND) {
            return false;
        }
        var moved = oldAddresses.find(blog, rest(ctx, blog), ctx.queryString());
        moved.ifPresent(to -> ctx.redirect(Pages.blogBase(ctx, blog) + to, HttpStatus.MOVED_PERMANENTLY));
        return moved.isPresent();
    }

    /** The request's path after the blog's name, as it came (percent-encoded): "/" at least. */
    private static String rest(Context ctx, Blog blog) {
        String path = ctx.path();
        String prefix = "/" + blog.name();
        String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        return rest.isEmpty() ? "/" : rest;
    }

    /** The blog this request already looked up (a cache miss goes on to render the page with it). */
    private static final String BLOG = "carnet.readingBlog";

    /** The blog of the request, if the viewer may read it; its errors then speak its language. */
    public Blog blog(Context ctx) {
        Blog known = ctx.attribute(BLOG);
        if (known != null) {
            return known;
        }
        String name = ctx.pathParam("blog");
        if (BlogName.RESERVED.contains(name)) {
            // /account/nowhere is not a blog named "account": just a page that does not exist.
            throw Problem.notFound("error.404.text");
        }
        Blog blog = blogs.require(name);
        Web.useBlogLanguage(ctx, blog.language());
        return blogs.requireReadable(Web.viewer(ctx), blog);
    }

    private void home(Context ctx) {
        Blog blog = blog(ctx);
        if (ctx.queryParam("p") != null || ctx.queryParam("page_id") != null) {
            // WordPress's plain permalinks (/?p=123) land on the home page: the post they named, or 404.
            String moved = oldAddresses.find(blog, "/", ctx.queryString())
                    .orElseThrow(() -> Problem.notFound("post.notFound"));
            ctx.redirect(Pages.blogBase(ctx, blog) + moved, HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        var search = OldAddresses.search(ctx.queryParam("s"));
        if (search.isPresent()) {
            ctx.redirect(Pages.blogBase(ctx, blog) + search.get(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        showListing(ctx, blog, blog.title(), null, reader.home(blog, null, perPage(ctx, blog)), "/");
    }

    /**
     * /search?q=words (full-text search of the blog), or Blogger's "older posts" page:
     * /search?updated-max=2022-01-10T10:00:00%2B01:00&max-results=7.
     */
    private void older(Context ctx) {
        Blog blog = blog(ctx);
        if (ctx.queryParam("q") != null) {
            searchResults(ctx, blog);
            return;
        }
        if (ctx.queryParam("updated-max") == null) {
            throw Problem.notFound("post.notFound");
        }
        Instant before = updatedMax(ctx);
        showListing(ctx, blog, blog.title(), null, reader.home(blog, before, perPage(ctx, blog)), "/");
    }

    private static final int RESULTS_PER_PAGE = 10;

    private void searchResults(Context ctx, Blog blog) {
        String q = ctx.queryParam("q").strip();
        if (q.length() > 500) {
            throw Problem.invalid("search.tooLong", 500);
        }
        String label = ctx.queryParam("label");
        int page = 1;
        try {
            page = Math.max(1, Math.min(1000, Integer.parseInt(ctx.queryParamAsClass("page", String.class)
                    .getOrDefault("1"))));
        } catch (NumberFormatException e) {
            throw Problem.invalid("listing.page.invalid");
        }
        org.carnet.search.Results results = search.search(blog.id(), blog.language(), q,
                label == null || label.isBlank() ? null : label, (page - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE);
        pages.render(ctx, templates.postSearch(pages.blogPage(ctx, blog, q), q, label == null ? "" : label, results,
                page, RESULTS_PER_PAGE, new PostDates(blog), reader.sidebar(blog)));
    }

    private void label(Context ctx) {
        Blog blog = blog(ctx);
        String label = ctx.pathParam("label");
        BlogReader.Listing listing = reader.label(blog, label, updatedMax(ctx), perPage(ctx, blog));
        if (listing.entries().isEmpty() && ctx.queryParam("updated-max") == null) {
            throw Problem.notFound("label.notFound", label);
        }
        showListing(ctx, blog, label, label, listing, "/search/label/" + Pages.encodePath(label));
    }

    private void showListing(Context ctx, Blog blog, String title, String label, BlogReader.Listing listing,
                             String canonicalPath) {
        pages.render(ctx, templates.postHome(pages.blogPage(ctx, blog, title)
                        .withMeta(PostMeta.forListing(ctx, blog, canonicalPath)),
                listing, label, label, new PostDates(blog), reader.sidebar(blog),
                label == null ? "/search" : "/search/label/" + Pages.encodePath(label),
                counts(blog, listing.entries())));
    }

    private void post(Context ctx) {
        Blog blog = blog(ctx);
        showPost(ctx, blog, postPath(ctx));
    }

    /** The path of the post a /{blog}/{year}/{month}/{file} request names (404 when it cannot be one). */
    public static String postPath(Context ctx) {
        String year = ctx.pathParam("year");
        String month = ctx.pathParam("month");
        String file = ctx.pathParam("file");
        if (!YEAR.matcher(year).matches() || !MONTH.matcher(month).matches() || !file.endsWith(".html")) {
            throw Problem.notFound("post.notFound");
        }
        return "/" + year + "/" + month + "/" + file;
    }

    /**
     * Any other path of a blog: nothing of Carnet's own. Its 404 first looks for an old address (see
     * {@link #movedAway}): a WordPress permalink such as /2022/01/17/titre/ is answered with a 301.
     */
    private void elsewhere(Context ctx) {
        throw Problem.notFound("post.notFound");
    }

    private void page(Context ctx) {
        Blog blog = blog(ctx);
        String file = ctx.pathParam("file");
        if (!file.endsWith(".html")) {
            throw Problem.notFound("post.notFound");
        }
        showPost(ctx, blog, "/p/" + file);
    }

    private void showPost(Context ctx, Blog blog, String path) {
        var entry = reader.atPath(blog, path);
        if (entry.isEmpty()) {
            String moved = reader.movedTo(blog, path)
                    .orElseThrow(() -> Problem.notFound("post.notFound"));
            ctx.redirect(Pages.blogBase(ctx, blog) + moved, HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        postPage.render(ctx, blog, entry.get(), CommentForm.empty(replyTo(ctx)));
    }

    private static Long replyTo(Context ctx) {
        return Forms.id(ctx.queryParam("reply"));
    }

    private java.util.Map<Long, Integer> counts(Blog blog, List<BlogReader.Entry> entries) {
        return comments.counts(blog, entries.stream().map(e -> e.post().id()).toList());
    }

    private void year(Context ctx) {
        Blog blog = blog(ctx);
        String year = ctx.pathParam("year");
        if (!YEAR.matcher(year).matches()) {
            throw Problem.notFound("post.notFound");
        }
        showArchive(ctx, blog, Integer.parseInt(year), 0);
    }

    private void month(Context ctx) {
        Blog blog = blog(ctx);
        String year = ctx.pathParam("year");
        String month = ctx.pathParam("month");
        if (!YEAR.matcher(year).matches() || !MONTH.matcher(month).matches()) {
            throw Problem.notFound("post.notFound");
        }
        showArchive(ctx, blog, Integer.parseInt(year), Integer.parseInt(month));
    }

    private void showArchive(Context ctx, Blog blog, int year, int month) {
        List<BlogReader.Entry> entries = reader.archive(blog, year, month, ARCHIVE_LIMIT);
        PostDates dates = new PostDates(blog);
        String heading = month == 0 ? Integer.toString(year) : dates.monthYear(year, month);
        pages.render(ctx, templates.postArchive(pages.blogPage(ctx, blog, heading), heading, entries, dates,
                reader.sidebar(blog), counts(blog, entries)));
    }

    private void author(Context ctx) {
        Blog blog = blog(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Problem.notFound("author.notFound");
        }
        List<BlogReader.Entry> entries = reader.byAuthor(blog, id, ARCHIVE_LIMIT);
        // A profile is shown on a blog only for the people of that blog: its writers, members and commenters.
        if (entries.isEmpty() && !blogs.isMember(blog, id) && !comments.hasCommented(blog, id)) {
            throw Problem.notFound("author.notFound");
        }
        User author = accounts.byId(id).orElseThrow(() -> Problem.notFound("author.notFound"));
        pages.render(ctx, templates.postAuthor(pages.blogPage(ctx, blog, author.displayName()), author, entries,
                new PostDates(blog), reader.sidebar(blog)));
    }

    private static int perPage(Context ctx, Blog blog) {
        String max = ctx.queryParam("max-results");
        if (max != null) {
            try {
                return Math.max(1, Math.min(50, Integer.parseInt(max.trim())));
            } catch (NumberFormatException e) {
                throw Problem.invalid("listing.maxResults.invalid");
            }
        }
        return blog.postsPerPage();
    }

    /** Blogger's updated-max: an ISO date-time with offset ('+' may arrive decoded as a space). */
    static Instant updatedMax(Context ctx) {
        String value = ctx.queryParam("updated-max");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().replace(' ', '+');
        Instant at;
        try {
            at = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw Problem.invalid("listing.updatedMax.invalid");
            }
        }
        if (at.isBefore(Instant.parse("1000-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            throw Problem.invalid("listing.updatedMax.invalid");
        }
        return at;
    }
}
