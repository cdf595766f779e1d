package org.carnet.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.core.Problem;
import org.carnet.core.Viewer;
import org.carnet.instance.InstanceSettings;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a blog's images: who may add and delete them, the limits (file size, pixels, the blog's quota), the
 * same picture uploaded twice being one image, an image in use not being deleted, and where the bytes go.
 * No HTTP in here: the media library (MediaAdminRoutes), the serving of images (MediaRoutes) and, later, the post
 * editor and imports call these methods.
 *
 * <p>Order of writes, so that nothing is lost and nothing half-made is visible: the bytes go to the store before
 * the row that names them is committed (a crash in between leaves an unnamed file, never a row without its
 * file); a row is deleted before its files (a crash in between leaves files nobody names, never a row whose file
 * is gone).
 */
public final class MediaService {

    private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);
    public static final int MAX_ALT = 500;
    private static final int MAX_NAME = 200;
    /** Variants made at once on this node: each decodes a whole original (up to the pixel limit) in the heap. */
    private final Semaphore resizing = new Semaphore(2);

    private final Jdbi jdbi;
    private final MediaTable table;
    private final MediaStore store;
    private final Access access;
    private final InstanceSettings instance;
    private final Clock clock;
    private final Path work;

    /** work: a folder for uploads on their way in (same disk as the data, emptied at start). */
    public MediaService(Jdbi jdbi, MediaStore store, Access access, InstanceSettings instance, Clock clock,
                        Path work) {
        this.jdbi = jdbi;
        this.table = new MediaTable();
        this.store = store;
        this.access = access;
        this.instance = instance;
        this.clock = clock;
        this.work = work;
        try {
            if (!Files.isDirectory(work)) {
                return;   // made by the first upload: a CLI command leaves no folder behind
            }
            // Nothing is on its way in yet: what is there was left by a process that stopped mid-upload.
            try (var left = Files.list(work)) {
                for (Path f : left.filter(Files::isRegularFile).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot use " + work + " for uploads: " + e.getMessage(), e);
        }
    }

    public MediaStore store() {
        return store;
    }

    // ---- adding

    /**
     * Adds the image read from content (an upload, streamed to a file first) to the blog's library, for a viewer
     * who may upload there. The same picture already there is returned as it is (its alt text kept).
     */
    public Media upload(Viewer viewer, Blog blog, InputStream content, String originalName, String alt) {
        access.require(viewer, blog, Action.UPLOAD_MEDIA);
        return add(blog, content, originalName, alt, viewer.userId());
    }

    /**
     * Adds an image on behalf of the blog's owner, without asking Access: for an import (the owner's own data,
     * already allowed), which fetches the old blog's pictures. uploaderId may be null.
     */
    public Media addImported(Blog blog, InputStream content, String originalName, String alt, Long uploaderId) {
        return add(blog, content, originalName, alt, uploaderId);
    }

    private Media add(Blog blog, InputStream content, String originalName, String alt, Long uploaderId) {
        String name = cleanName(originalName);
        String altText = cleanAlt(alt);
        try {
            Path incoming = Files.createTempFile(Files.createDirectories(work), "upload-", ".part");
            try {
                receive(content, incoming, instance.number(InstanceSettings.MEDIA_MAX_FILE_MB) * 1_000_000);
                ImageIntake.Accepted image = new ImageIntake(
                        instance.number(InstanceSettings.MEDIA_MAX_MEGAPIXELS) * 1_000_000).accept(incoming);
                try {
                    return keep(blog, image, name, altText, uploaderId);
                } finally {
                    Files.deleteIfExists(image.file());
                }
            } finally {
                Files.deleteIfExists(incoming);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the upload to file, refusing it as soon as it passes maxBytes (never read whole into the heap). */
    private static void receive(InputStream content, Path file, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = content; OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new Problem(Problem.Kind.TOO_LARGE, "media.refused.size", maxBytes / 1_000_000);
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw Problem.invalid("media.file.required");
        }
    }

    private Media keep(Blog blog, ImageIntake.Accepted image, String name, String alt, Long uploaderId)
            throws IOException {
        Optional<Media> same = jdbi.withHandle(h -> table.byHash(h, blog.id(), image.sha256()));
        if (same.isPresent()) {
            return same.get();
        }
        long quota = instance.number(InstanceSettings.MEDIA_BLOG_QUOTA_MB) * 1_000_000;
        long used = jdbi.withHandle(h -> table.bytesOf(h, blog.id()));
        if (used + image.bytes() > quota) {
            // Two uploads at the same instant may both fit, and pass the quota by one file: acceptable.
            throw new Problem(Problem.Kind.TOO_LARGE, "media.refused.quota", quota / 1_000_000);
        }
        store.put(key(blog.id(), image.sha256(), ORIGINAL), image.file());
        try {
            long id = jdbi.withHandle(h -> table.insert(h, blog.id(), image, name, alt, uploaderId, clock.instant()));
            return jdbi.withHandle(h -> table.byId(h, blog.id(), id)).orElseThrow();
        } catch (UnableToExecuteStatementException e) {
            // The same picture, uploaded at the same instant by another request: its row won.
            return jdbi.withHandle(h -> table.byHash(h, blog.id(), image.sha256())).orElseThrow(() -> e);
        }
    }

    // ---- the library

    /** The blog's images for its library page (authors and admins), newest first, filtered by name. */
    public List<Media> list(Viewer viewer, Blog blog, String q, int limit) {
        access.require(viewer, blog, Action.UPLOAD_MEDIA);
        String query = q == null || q.isBlank() ? null : q.strip();
        return jdbi.withHandle(h -> table.list(h, blog.id(), query, limit));
    }

    /**
     * Every image of the blog, oldest first, for an export run by whoever holds the server (the CLI): no Access
     * question, as for an import.
     */
    public List<Media> allOf(Blog blog) {
        List<Media> all = new java.util.ArrayList<>(jdbi.withHandle(h -> table.list(h, blog.id(), null,
                Integer.MAX_VALUE)));
        java.util.Collections.reverse(all);
        return all;
    }

    /** One image for its library entry (authors and admins). */
    public Media require(Viewer viewer, Blog blog, long id) {
        access.require(viewer, blog, Action.UPLOAD_MEDIA);
        return jdbi.withHandle(h -> table.byId(h, blog.id(), id)).orElseThrow(() -> Problem.notFound("media.notFound"));
    }

    /** Where the image is used: posts and pages whose text contains its address (any size). */
    public List<Use> uses(Blog blog, Media media) {
        return jdbi.withHandle(h -> table.uses(h, blog.id(), media.contentHash())).stream()
                .map(u -> new Use(u.postId(), u.title(), u.kind())).toList();
    }

    public record Use(long postId, String title, String kind) {
    }

    /** Bytes used by the blog's images, against its quota (both in bytes). */
    public long[] usage(Blog blog) {
        long used = jdbi.withHandle(h -> table.bytesOf(h, blog.id()));
        return new long[] {used, instance.number(InstanceSettings.MEDIA_BLOG_QUOTA_MB) * 1_000_000};
    }

    /** The largest file accepted, in megabytes (said beside the upload form). */
    public long maxFileMegabytes() {
        return instance.number(InstanceSettings.MEDIA_MAX_FILE_MB);
    }

    /** Changes an image's alt text: its uploader, or an admin (the same rule as deleting it). */
    public Media setAlt(Viewer viewer, Blog blog, long id, String alt) {
        Media media = require(viewer, blog, id);
        access.requireDeleteMedia(viewer, blog, media.uploaderId());
        jdbi.useHandle(h -> table.setAlt(h, media.id(), cleanAlt(alt)));
        return require(viewer, blog, id);
    }

    /** Deletes an image no post uses: its uploader, or an admin. The row goes first, then its files. */
    public void delete(Viewer viewer, Blog blog, long id) {
        Media media = require(viewer, blog, id);
        access.requireDeleteMedia(viewer, blog, media.uploaderId());
        if (!uses(blog, media).isEmpty()) {
            throw Problem.conflict("media.delete.used", media.originalName());
        }
        jdbi.useHandle(h -> table.delete(h, media.id()));
        deleteFiles("blogs/" + blog.id() + "/" + media.contentHash());
    }

    /**
     * After a blog was deleted (its rows, media included, went with it in that transaction): its files. Called
     * once the transaction committed, by BlogService's listener.
     */
    public void blogDeleted(long blogId) {
        deleteFiles("blogs/" + blogId);
    }

    private void deleteFiles(String prefix) {
        try {
            store.deleteAll(prefix);
        } catch (IOException | RuntimeException e) {
            // Files nobody names any more: space lost, nothing else. Logged for whoever looks after the store.
            LOG.warn("could not delete the media files under {}: {}", prefix, e.toString());
        }
    }

    // ---- serving

    /**
     * The image of that hash in the blog, for a viewer who may read the blog (a private blog's images are as
     * private as its posts); not found otherwise, so that a stranger learns nothing of what a private blog holds.
     */
    public Media requireReadable(Viewer viewer, Blog blog, String hash) {
        if (!access.may(viewer, blog, Action.READ)) {
            throw Problem.forbidden("access.private");
        }
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw Problem.notFound("media.notFound");
        }
        return jdbi.withHandle(h -> table.byHash(h, blog.id(), hash))
                .orElseThrow(() -> Problem.notFound("media.notFound"));
    }

    /**
     * The store key of what to serve for the image at width (0: the original). A variant is made on its first
     * request and kept; a width not narrower than the image is the original (never upscaled).
     */
    public String keyFor(Media media, int width) throws IOException {
        if (width <= 0 || !Variants.of(media).contains(width)) {
            return key(media.blogId(), media.contentHash(), ORIGINAL);
        }
        String key = key(media.blogId(), media.contentHash(), "w" + width);
        if (!store.exists(key)) {
            makeVariant(media, width, key);
        }
        return key;
    }

    public Optional<MediaStore.Blob> open(String key, MediaStore.ByteRange range) throws IOException {
        return store.get(key, range);
    }

    private void makeVariant(Media media, int width, String key) throws IOException {
        try {
            if (!resizing.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IOException("too many variants being made");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path original = Files.createTempFile(Files.createDirectories(work), "original-", ".img");
        Path variant = Files.createTempFile(work, "variant-", ".img");
        try {
            try (MediaStore.Blob blob = store.get(key(media.blogId(), media.contentHash(), ORIGINAL), null)
                    .orElseThrow(() -> new IOException("the original of " + media.contentHash() + " is missing"))) {
                Files.copy(blob.content(), original, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Variants.make(original, ImageFormat.ofMime(media.mime()), width, variant);
            // Two nodes making the same variant at once write the same bytes: either put wins, both are right.
            store.put(key, variant);
        } finally {
            resizing.release();
            Files.deleteIfExists(original);
            Files.deleteIfExists(variant);
        }
    }

    // ---- addresses

    private static final String ORIGINAL = "original";

    static String key(long blogId, String hash, String what) {
        return "blogs/" + blogId + "/" + hash + "/" + what;
    }

    /** The image's address under the blog's base ("" on its own host, "/{name}" otherwise). */
    public static String url(String blogBase, Media media) {
        return blogBase + "/media/" + media.contentHash() + "/" + media.fileName();
    }

    public static String url(String blogBase, Media media, int width) {
        if (!Variants.of(media).contains(width)) {
            return url(blogBase, media);
        }
        return blogBase + "/media/" + media.contentHash() + "/w" + width + "/" + media.fileName();
    }

    /** "…/w320/x.jpg 320w, …/w640/x.jpg 640w, …/x.jpg 2000w": every variant and the original, for srcset. */
    public static String srcset(String blogBase, Media media) {
        StringBuilder s = new StringBuilder();
        for (int w : Variants.of(media)) {
            s.append(url(blogBase, media, w)).append(' ').append(w).append("w, ");
        }
        return s.append(url(blogBase, media)).append(' ').append(media.width()).append('w').toString();
    }

    // ---- input

    /** The name as uploaded, without any folder a browser may have sent, bounded. */
    static String cleanName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip().replaceAll("\\p{Cntrl}", "");
        if (n.length() > MAX_NAME) {
            n = n.substring(0, MAX_NAME);
        }
        return n.isEmpty() ? "image" : n;
    }

    private static String cleanAlt(String alt) {
        String a = alt == null ? "" : alt.strip().replaceAll("\\p{Cntrl}", " ");
        if (a.length() > MAX_ALT) {
            throw Problem.invalid("media.alt.tooLong", MAX_ALT);
        }
        return a;
    }
}
