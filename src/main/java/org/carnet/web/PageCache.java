package org.carnet.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.carnet.blog.Blog;

/**
 * Rendered pages of public blogs for signed-out readers, who vastly outnumber writers. A page is keyed by its
 * blog's content version (raised in the same transaction as any write that changes what readers see, on any
 * node), so the next request after a change renders afresh: nothing stale is ever served. Signed-in visitors,
 * private blogs, and anonymous commenters with a comment awaiting moderation are never served from here.
 *
 * <p>Two things in a page belong to one visitor: the CSRF token of its forms and the comment form's signed
 * timestamp. A page that may be kept is rendered with a fresh random placeholder where the token goes (never with
 * a value the visitor sent) and the page is cut at that placeholder and at the timestamp, both made by the server
 * after the content was written: no content can decide where a page is cut. Each visitor's own values are joined
 * in on the way out.
 *
 * <p>A kept page is UTF-8 bytes, cut once at its markers, with a strong ETag computed once from those bytes (a
 * page with a visitor's token adds what is the visitor's own to it, see {@link #etagFor}). A hit answers
 * If-None-Match with a 304 itself and writes the bytes with their length; a page with no visitor token is also
 * kept gzipped, for the browsers that ask for it. Nothing on a hit looks at the page byte by byte.
 */
public final class PageCache {

    /** Says whether a page came from the cache (for benchmarks and for people reading the headers). */
    public static final String HEADER = "X-Carnet-Cache";
    /** How long a request waits for another one rendering the same missing page before rendering it itself. */
    static final Duration WAIT_FOR_LEADER = Duration.ofSeconds(2);
    static final String FORM_TOKEN = "carnet.formToken";
    static final String FORM_ID = "carnet.formId";

    /** Time-based changes (a scheduled post's time coming) are seen within this, besides every write at once. */
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    /**
     * A browser's copy of a page with a comment form carries the form's signed time, which the form accepts for a
     * day (CommentService.MAX_FORM_AGE): the ETag of such a page changes every this long, so that a copy a 304
     * confirms still leaves the reader hours to write.
     */
    static final Duration TIMER_PERIOD = Duration.ofHours(6);

    /** Javalin does not compress below this many bytes either. */
    private static final int GZIP_MIN_BYTES = 1500;

    private record Key(boolean https, String host, String pathAndQuery, long blogId, long version) {
    }

    /**
     * A page cut where the visitor's tokens go: parts[0] token[0] parts[1] token[1] ... parts[n]; each token is
     * CSRF or TIMER. Serving joins the parts without searching the page (profiling showed String.replace over a
     * whole page as the main cost of a cache hit). etag: of the kept bytes, quoted; gzip: the whole page
     * compressed, when it has no token (else null); validUntil: when a scheduled post of the blog becomes visible
     * (the page then changes without a write); document: what a document other than a page (a feed) says of
     * itself, null for a page.
     */
    private record Entry(byte[][] parts, boolean[] csrf, int length, String etag, byte[] gzip, String formId,
                         Instant validUntil, long keptAt, java.util.concurrent.atomic.AtomicBoolean renewing,
                         Document document) {

        int weight() {
            return length + (gzip == null ? 0 : gzip.length);
        }
    }

    /** A document other than a page (a feed): its type, the time it names as its last change, its caching rule. */
    public record Document(String contentType, Instant lastModified, String cacheControl) {
    }

    private final Cache<Key, Entry> pages = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024)
            .<Key, Entry>weigher((k, e) -> e.weight())
            // Past MAX_AGE one request renders the page again while the others are still served this copy (rather
            // than every request in flight rendering it at once); past twice that, nobody is.
            .expireAfterWrite(MAX_AGE.multipliedBy(2))
            .build();
    /**
     * Pages being rendered after a miss, and the latch their waiters wait on. Entries expire on their own, so a
     * rendering that never reported its end (it cannot happen: see release) would delay nobody for long.
     */
    private final Cache<Key, CountDownLatch> rendering = Caffeine.newBuilder()
            .expireAfterWrite(WAIT_FOR_LEADER.multipliedBy(2)).build();
    private static final String RENDERING = "carnet.cache.rendering";
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

    /**
     * Serves the page from the cache when this request may be; true when it did. When the page is missing (a
     * write has just raised the blog's version), one request renders it and the others asking for it meanwhile
     * wait for that rendering (at most {@link #WAIT_FOR_LEADER}) instead of all rendering the same page at once;
     * the renderer must then call {@link #release} (the server does, after every request).
     */
    public boolean serve(Context ctx, Blog blog) {
        if (!cacheable(ctx, blog)) {
            return false;
        }
        Key key = key(ctx, blog);
        Entry e = pages.getIfPresent(key);
        if (e == null) {
            CountDownLatch mine = new CountDownLatch(1);
            CountDownLatch leader = rendering.asMap().putIfAbsent(key, mine);
            if (leader == null) {
                ctx.attribute(RENDERING, key);
                return false;
            }
            try {
                leader.await(WAIT_FOR_LEADER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            e = pages.getIfPresent(key);
        }
        if (e == null || (e.validUntil() != null && !clock.instant().isBefore(e.validUntil()))) {
            return false;
        }
        if (System.nanoTime() - e.keptAt() > MAX_AGE.toNanos() && e.renewing().compareAndSet(false, true)) {
            return false;
        }
        String etag = etagFor(ctx, e);
        ctx.header(HEADER, "hit");
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("ETag", etag);
        ctx.attribute(ErrorPages.HANDLED, true);
        Document d = e.document();
        if (d != null) {
            ctx.header("Last-Modified", ETags.httpDate(d.lastModified()));
            ctx.header("Cache-Control", d.cacheControl());
        }
        if (ETags.notModified(ctx.header("If-None-Match"), d == null ? null : ctx.header("If-Modified-Since"), etag,
                d == null ? null : d.lastModified())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return true;
        }
        ctx.contentType(d == null ? "text/html; charset=utf-8" : d.contentType());
        if (e.gzip() != null && ETags.acceptsGzip(ctx.header("Accept-Encoding"))) {
            // Set before Javalin sees the body: it then leaves it as it is.
            ctx.header("Content-Encoding", "gzip");
            write(ctx, e.gzip(), true);
        } else {
            String accepted = ctx.header("Accept-Encoding");
            write(ctx, join(ctx, e), accepted == null || accepted.isBlank());
        }
        return true;
    }

    /**
     * The body as it is; final: these are the bytes that go out (Javalin will not compress them), so their length
     * is known: Jetty then sends it whole rather than in chunks.
     */
    private static void write(Context ctx, byte[] body, boolean isFinal) {
        if (isFinal) {
            ctx.res().setContentLength(body.length);
        }
        ctx.result(body);
    }

    /** The page with this visitor's tokens in it. */
    private byte[] join(Context ctx, Entry e) {
        byte[][] parts = e.parts();
        if (parts.length == 1) {
            return parts[0];
        }
        byte[][] tokens = new byte[parts.length - 1][];
        int length = e.length();
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (e.csrf()[i] ? csrf.visitorToken(ctx) : issueFormToken.apply(e.formId()))
                    .getBytes(StandardCharsets.UTF_8);
            length += tokens[i].length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
            at += parts[i].length;
            if (i < tokens.length) {
                System.arraycopy(tokens[i], 0, out, at, tokens[i].length);
                at += tokens[i].length;
            }
        }
        return out;
    }

    /**
     * The ETag of the page as this visitor gets it: the kept bytes' own, plus (when the page has them) a digest of
     * the visitor's CSRF token, so that a copy holding another token is sent again, and the period of the comment
     * form's time (see TIMER_PERIOD).
     */
    private String etagFor(Context ctx, Entry e) {
        if (e.parts().length == 1) {
            return e.etag();
        }
        StringBuilder tag = new StringBuilder(e.etag().length() + 24).append(e.etag(), 0, e.etag().length() - 1);
        boolean hasCsrf = false;
        for (boolean c : e.csrf()) {
            hasCsrf |= c;
        }
        if (hasCsrf) {
            tag.append('-').append(digest(csrf.visitorToken(ctx).getBytes(StandardCharsets.UTF_8)), 0, 12);
        }
        if (e.formId() != null) {
            tag.append("-t").append(clock.millis() / TIMER_PERIOD.toMillis());
        }
        return tag.append('"').toString();
    }

    /** Ends this request's rendering of a missing page, if it was the one rendering it: the others go on. */
    public void release(Context ctx) {
        Key key = ctx.attribute(RENDERING);
        if (key != null) {
            ctx.attribute(RENDERING, null);
            CountDownLatch latch = rendering.asMap().remove(key);
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    /**
     * Before a page that {@link #keep} may keep is rendered: its forms get a placeholder instead of this visitor's
     * token (see the class comment). Must be paired with {@link #keep}, which ends it whatever happened.
     */
    public void beginRender(Context ctx, Blog blog) {
        if (cacheable(ctx, blog)) {
            csrf.startPlaceholder(ctx);
        }
    }

    /**
     * Keeps the page just rendered into ctx, if it may be served to other signed-out readers, and gives this
     * visitor the page with their own token in it. Ends {@link #beginRender}.
     */
    public void keep(Context ctx, Blog blog) {
        String placeholder = csrf.endPlaceholder(ctx);
        String html = ctx.attribute(Pages.RENDERED);
        if (placeholder == null || !cacheable(ctx, blog) || ctx.statusCode() != 200 || html == null) {
            if (placeholder != null && html != null && html.contains(placeholder)) {
                // Not kept (another status): the page this visitor gets carries their own token.
                ctx.result(html.replace(placeholder, csrf.visitorToken(ctx)).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        String formToken = ctx.attribute(FORM_TOKEN);
        String formId = ctx.attribute(FORM_ID);
        Entry e = cut(html, placeholder, formToken, formToken == null ? null : formId,
                nextScheduled.apply(blog).orElse(null), null);
        pages.put(key(ctx, blog), e);
        ctx.header(HEADER, "miss");
        ctx.header("Vary", "Accept-Encoding");
        // The page as rendered for this visitor: its ETag is the one the next hit will give them.
        ctx.header("ETag", etagFor(ctx, e));
        if (ETags.matches(ctx.header("If-None-Match"), ctx.res().getHeader("ETag"))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            ctx.result(new byte[0]);
        } else {
            ctx.result(join(ctx, e));
        }
    }

    /** Ends a rendering begun by {@link #beginRender} that did not reach {@link #keep} (it failed). */
    public void endRender(Context ctx) {
        csrf.endPlaceholder(ctx);
    }

    /**
     * Keeps a document that is the same for every signed-out reader (a feed: no visitor token in it), with the
     * ETag its route gave it; the next requests are then served from here by {@link #serve} with the same headers.
     */
    public void keepDocument(Context ctx, Blog blog, String body, String etag, Document document) {
        if (!cacheable(ctx, blog)) {
            return;
        }
        // A feed has no visitor token: it is kept in one part.
        Entry e = cut(body, null, null, null, nextScheduled.apply(blog).orElse(null), document);
        pages.put(key(ctx, blog), new Entry(e.parts(), e.csrf(), e.length(), etag, e.gzip(), null, e.validUntil(),
                e.keptAt(), e.renewing(), document));
        ctx.header(HEADER, "miss");
    }

    /**
     * The page cut, once, where its placeholder (for the CSRF token) and its form timestamp are: both strings the
     * server made for this rendering only (either may be null: then the page has none).
     */
    private static Entry cut(String stored, String placeholder, String formToken, String formId, Instant validUntil,
                             Document document) {
        List<byte[]> parts = new ArrayList<>();
        List<Boolean> csrf = new ArrayList<>();
        int from = 0;
        while (true) {
            int csrfAt = placeholder == null ? -1 : stored.indexOf(placeholder, from);
            int timerAt = formId == null ? -1 : stored.indexOf(formToken, from);
            int at = csrfAt < 0 ? timerAt : timerAt < 0 ? csrfAt : Math.min(csrfAt, timerAt);
            if (at < 0) {
                break;
            }
            String mark = at == csrfAt ? placeholder : formToken;
            parts.add(stored.substring(from, at).getBytes(StandardCharsets.UTF_8));
            csrf.add(at == csrfAt);
            from = at + mark.length();
        }
        parts.add(stored.substring(from).getBytes(StandardCharsets.UTF_8));
        String etag = document != null ? null : "\"p" + digest(parts, csrf).substring(0, 32) + "\"";
        boolean[] isCsrf = new boolean[csrf.size()];
        for (int i = 0; i < isCsrf.length; i++) {
            isCsrf[i] = csrf.get(i);
        }
        int length = parts.stream().mapToInt(p -> p.length).sum();
        byte[] gzip = parts.size() == 1 && length >= GZIP_MIN_BYTES ? gzip(parts.get(0)) : null;
        return new Entry(parts.toArray(byte[][]::new), isCsrf, length, etag, gzip, formId, validUntil,
                System.nanoTime(), new java.util.concurrent.atomic.AtomicBoolean(), document);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The digest of a cut page: its parts and which token goes between them (not the tokens, new each render). */
    private static String digest(List<byte[]> parts, List<Boolean> csrf) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.size(); i++) {
                // Each part's length first: no two different cuts digest the same bytes.
                d.update(java.nio.ByteBuffer.allocate(4).putInt(parts.get(i).length).array());
                d.update(parts.get(i));
                if (i < csrf.size()) {
                    d.update(csrf.get(i) ? (byte) 1 : (byte) 2);
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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
        // The scheme too: pages and feeds link to themselves with it (canonical link, feed ids and links).
        return new Key(Web.isHttps(ctx), ctx.host(), ctx.path() + (query == null ? "" : "?" + query), blog.id(),
                blog.contentVersion());
    }
}
