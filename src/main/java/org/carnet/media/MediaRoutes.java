package org.carnet.media;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogName;
import org.carnet.blog.BlogService;
import org.carnet.core.Problem;
import org.carnet.web.ETags;
import org.carnet.web.Web;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a blog's images at stable, Blogger-like addresses: /{blog}/media/{sha256}/{name} and its variants
 * /{blog}/media/{sha256}/w640/{name} (on a blog's own host, /media/...). The hash in the address is the hash of the
 * bytes, so what an address serves never changes: browsers and proxies keep it a year without asking again
 * (immutable), ETag and 304 for those that ask, byte ranges (206) for those that resume. The name is for people:
 * any name serves the image of that hash.
 */
public final class MediaRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(MediaRoutes.class);
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");
    private static final String YEAR = "max-age=31536000, immutable";

    private final BlogService blogs;
    private final MediaService media;

    public MediaRoutes(BlogService blogs, MediaService media) {
        this.blogs = blogs;
        this.media = media;
    }

    /** Before the reading routes: /{blog}/media/{hash}/{name} has the shape of /{blog}/{year}/{month}/{file}. */
    public void register(RoutesConfig r) {
        r.get("/{blog}/media/{hash}/{name}", ctx -> serve(ctx, 0));
        r.get("/{blog}/media/{hash}/{size}/{name}", ctx -> {
            int width = Variants.widthOf(ctx.pathParam("size"));
            if (width < 0) {
                throw Problem.notFound("media.notFound");
            }
            serve(ctx, width);
        });
    }

    private void serve(Context ctx, int width) throws IOException {
        String name = ctx.pathParam("blog");
        if (BlogName.RESERVED.contains(name)) {
            throw Problem.notFound("error.404.text");
        }
        Blog blog = blogs.require(name);
        Web.useBlogLanguage(ctx, blog.language());
        Media image = media.requireReadable(Web.viewer(ctx), blog, ctx.pathParam("hash"));
        String etag = "\"" + image.contentHash() + (width > 0 ? "-w" + width : "") + "\"";
        ctx.header("ETag", etag);
        // A private blog's image is kept by the reader's browser only, never by a shared cache.
        ctx.header("Cache-Control", (blog.isPrivate() ? "private, " : "public, ") + YEAR);
        ctx.header("Accept-Ranges", "bytes");
        // An image is never a document: even opened directly, it runs nothing.
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        if (ETags.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        MediaStore.ByteRange range = range(ctx.header("Range"));
        String ifRange = ctx.header("If-Range");
        if (range != null && ifRange != null && !ifRange.equals(etag)) {
            range = null;   // the client's part was of other bytes: it gets the whole
        }
        String key = media.keyFor(image, width);
        Optional<MediaStore.Blob> found;
        try {
            found = media.open(key, range);
        } catch (MediaStore.RangeNotSatisfiable e) {
            ctx.header("Content-Range", "bytes */" + e.total());
            ctx.status(HttpStatus.RANGE_NOT_SATISFIABLE);
            return;
        }
        if (found.isEmpty()) {
            LOG.warn("media {} of blog {} has a row but no file at {}", image.contentHash(), blog.id(), key);
            throw Problem.notFound("media.notFound");
        }
        MediaStore.Blob blob = found.get();
        ctx.contentType(image.mime());
        if (blob.partial()) {
            ctx.status(HttpStatus.PARTIAL_CONTENT);
            ctx.header("Content-Range", "bytes " + blob.offset() + "-" + (blob.offset() + blob.length() - 1) + "/"
                    + blob.total());
        }
        ctx.header("Content-Length", Long.toString(blob.length()));
        // Javalin copies the stream to the response and closes it.
        ctx.result(blob.content());
    }

    /** One byte range (bytes=a-b, a-, -n); anything else (several ranges, other units) is served whole. */
    static MediaStore.ByteRange range(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                long n = Long.parseLong(m.group(2));
                return n == 0 ? null : MediaStore.ByteRange.suffix(n);
            }
            long first = Long.parseLong(m.group(1));
            Long last = m.group(2).isEmpty() ? null : Long.parseLong(m.group(2));
            return last != null && last < first ? null : new MediaStore.ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
