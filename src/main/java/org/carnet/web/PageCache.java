package org.carnet.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.carnet.blog.Blog;

/**
 * Rendered pages of public blogs for signed-out readers, who vastly outnumber writers. A page is keyed by its
 * blog's content version (raised in the same transaction as any write that changes what readers see, on any
 * node), so the next request after a change renders afresh: nothing stale is ever served. Signed-in visitors,
 * private blogs, and anonymous commenters with a comment awaiting moderation are never served from here.
 *
 * Two things in a page belong to one visitor: the CSRF token of its forms and the comment form's signed
 * timestamp. They are stored as markers and filled in for each visitor on the way out.
 */
public final class PageCache {

    /** Says whether a page came from the cache (for benchmarks and for people reading the headers). */
    public static final String HEADER = "X-Carnet-Cache";
    static final String FORM_TOKEN = "carnet.formToken";
    static final String FORM_ID = "carnet.formId";
    private static final String CSRF_MARK = "\u0000csrf\u0000";
    private static final String TIMER_MARK = "\u0000timer\u0000";

    /** Time-based changes (a scheduled post's time coming) are seen within this, besides every write at once. */
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Key(String host, String pathAndQuery, long blogId, long version) {
    }

    /**
     * A page cut where the visitor's tokens go: parts[0] token[0] parts[1] token[1] ... parts[n]; each token is
     * CSRF or TIMER. Serving joins the parts without searching the page (profiling showed String.replace over a
     * whole page as the main cost of a cache hit). validUntil: when a scheduled post of the blog becomes visible
     * (the page then changes without a write).
     */
    private record Entry(String[] parts, String[] tokens, int length, String formId, Instant validUntil) {
    }

    private final Cache<Key, Entry> pages = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024)
            .<Key, Entry>weigher((k, e) -> e.length() * 2)
            .expireAfterWrite(MAX_AGE)
            .build();
    private final Csrf csrf;
    private final Function<String, String> issueFormToken;
    private final Function<Blog, Optional<Instant>> nextScheduled;
    private final Clock clock;

    /**
     * issueFormToken: a fresh signed timestamp for a form id (the comment form's spam defence);
     * nextScheduled: when a blog's next scheduled post becomes visible.
     */
    public PageCache(Csrf csrf, Function<String, String> issueFormToken,
                     Function<Blog, Optional<Instant>> nextScheduled, Clock clock) {
        this.csrf = csrf;
        this.issueFormToken = issueFormToken;
        this.nextScheduled = nextScheduled;
        this.clock = clock;
    }

    /** Serves the page from the cache when this request may be; true when it did. */
    public boolean serve(Context ctx, Blog blog) {
        if (!cacheable(ctx, blog)) {
            return false;
        }
        Entry e = pages.getIfPresent(key(ctx, blog));
        if (e == null || (e.validUntil() != null && !clock.instant().isBefore(e.validUntil()))) {
            return false;
        }
        StringBuilder html = new StringBuilder(e.length() + 128).append(e.parts()[0]);
        for (int i = 0; i < e.tokens().length; i++) {
            html.append(CSRF_MARK.equals(e.tokens()[i]) ? csrf.tokenFor(ctx) : issueFormToken.apply(e.formId()))
                    .append(e.parts()[i + 1]);
        }
        ctx.contentType("text/html; charset=utf-8").result(html.toString());
        ctx.header(HEADER, "hit");
        ctx.attribute(ErrorPages.HANDLED, true);
        return true;
    }

    /** Keeps the page just rendered into ctx, if it may be served to other signed-out readers. */
    public void keep(Context ctx, Blog blog) {
        String html = ctx.result();
        if (!cacheable(ctx, blog) || ctx.statusCode() != 200 || html == null) {
            return;
        }
        String formToken = ctx.attribute(FORM_TOKEN);
        String formId = ctx.attribute(FORM_ID);
        String stored = html.replace(csrf.tokenFor(ctx), CSRF_MARK);
        if (formToken != null) {
            stored = stored.replace(formToken, TIMER_MARK);
        }
        ctx.header(HEADER, "miss");
        pages.put(key(ctx, blog), cut(stored, formToken == null ? null : formId, nextScheduled.apply(blog)
                .orElse(null)));
    }

    /** The page cut at its token markers, once, when it is kept. */
    private static Entry cut(String stored, String formId, Instant validUntil) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.List<String> tokens = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int csrfAt = stored.indexOf(CSRF_MARK, from);
            int timerAt = formId == null ? -1 : stored.indexOf(TIMER_MARK, from);
            int at = csrfAt < 0 ? timerAt : timerAt < 0 ? csrfAt : Math.min(csrfAt, timerAt);
            if (at < 0) {
                break;
            }
            String mark = at == csrfAt ? CSRF_MARK : TIMER_MARK;
            parts.add(stored.substring(from, at));
            tokens.add(mark);
            from = at + mark.length();
        }
        parts.add(stored.substring(from));
        return new Entry(parts.toArray(String[]::new), tokens.toArray(String[]::new), stored.length(), formId,
                validUntil);
    }

    /** A comment form in the page being rendered: its signed timestamp is the visitor's own. */
    public static void formIn(Context ctx, String formId, String formToken) {
        ctx.attribute(FORM_ID, formId);
        ctx.attribute(FORM_TOKEN, formToken);
    }

    private boolean cacheable(Context ctx, Blog blog) {
        return ctx.method() == HandlerType.GET && !blog.isPrivate() && !Web.viewer(ctx).signedIn()
                && ctx.cookie(VISITOR_COOKIE) == null;
    }

    /** The cookie of an anonymous commenter (they may have a comment awaiting moderation on the page). */
    public static final String VISITOR_COOKIE = "carnet_visitor";

    private static Key key(Context ctx, Blog blog) {
        String query = ctx.queryString();
        return new Key(ctx.host(), ctx.path() + (query == null ? "" : "?" + query), blog.id(), blog.contentVersion());
    }
}
