package org.carnet.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.blog.BlogStore;
import org.carnet.comment.Comment;
import org.carnet.comment.CommentText;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.media.Media;
import org.carnet.media.MediaService;
import org.carnet.media.fetch.FetchException;
import org.carnet.media.fetch.SafeFetcher;
import org.carnet.post.BodyFormat;
import org.carnet.post.BodyRenderer;
import org.carnet.post.CommentSwitches;
import org.carnet.post.Post;
import org.carnet.post.PostStore;
import org.carnet.post.Slugs;
import org.carnet.store.BlogWrites;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports an export (Blogger or WordPress) into a blog, all or nothing for readers, without making other writers
 * wait. The import writes in short transactions (at most {@link #BATCH_ENTRIES} entries or {@link #BATCH_TIME}
 * each, with a pause between them on SQLite, whose one write lock is then free for sign-ins and comments) into a
 * staging blog row no reader can reach (V9__import_staging.sql); one short final transaction, a write of the blog
 * like any other (BlogWrites: its pages and every search index follow), hands everything to the blog at once. If the file fails half way, or the import is refused at the end, the staging rows are deleted:
 * the blog is exactly as it was. If the process dies, {@link #sweepAbandoned} deletes them later (any node, or the
 * next import). Every entry keeps its id in the export: importing the same file twice changes nothing the second
 * time. Posts keep their old paths; links in bodies to the old blog's host point to the new blog. Import is the
 * owner's own data, so the comment policy does not apply, but every body goes through the same sanitising as
 * anything written here.
 */
public final class ImportService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportService.class);

    /** A post or page path, possibly under a prefix (an export of a blog that lived in a folder). */
    private static final Pattern POST_PATH = Pattern.compile("^(?:/.*)?(/\\d{4}/\\d{2}/[^/]+\\.html)$");
    private static final Pattern PAGE_PATH = Pattern.compile("^(?:/.*)?(/p/[^/]+\\.html)$");
    /** Blogger marks the "read more" break in exported HTML with an empty named anchor. */
    private static final Pattern BLOGGER_MORE = Pattern.compile("<a\\s+name=[\"']more[\"']\\s*>\\s*</a>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BR = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);

    /** Entries written per transaction, at most; and the longest a transaction of the import stays open. */
    static final int BATCH_ENTRIES = 500;
    static final Duration BATCH_TIME = Duration.ofMillis(250);
    /** What is gathered for one batch, at most: entries are held in memory until written. */
    static final long BATCH_CHARS = 8_000_000;
    /** How often an import writes its progress (its heartbeat) even when it has nothing else to write. */
    static final Duration BEAT = Duration.ofSeconds(5);
    /** An import whose process has written nothing for this long is taken for dead (it writes every batch). */
    public static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final ImportStore store;
    private final ImportJobStore jobs = new ImportJobStore();
    private final BlogStore blogs;
    private final BlogService blogService;
    private final PostStore postStore;
    private final Clock clock;
    private final BlogWrites writes;
    private final Duration pause;
    private final MediaService media;
    private final Path fetchWork;
    /** How host names are resolved when fetching images (tests resolve the old blog's hosts to their own server). */
    private volatile SafeFetcher.Lookup lookup = SafeFetcher.Lookup.SYSTEM;

    /**
     * pause: how long the import lets the database go between two of its transactions. On SQLite, a writer
     * waiting for the lock retries every 100 ms at most (its busy handler): a longer pause lets every waiting
     * writer in, from this process or another. PostgreSQL needs none.
     */
    public ImportService(Jdbi jdbi, ImportStore store, BlogStore blogs, BlogService blogService, PostStore posts,
                         Clock clock, BlogWrites writes, Duration pause, MediaService media, Path fetchWork) {
        this.jdbi = jdbi;
        this.store = store;
        this.blogs = blogs;
        this.blogService = blogService;
        this.postStore = posts;
        this.clock = clock;
        this.writes = writes;
        this.pause = pause;
        this.media = media;
        this.fetchWork = fetchWork;
    }

    /** Tests: the old blog's hosts resolved by lookup (to the test's own image server). */
    void useLookup(SafeFetcher.Lookup lookup) {
        this.lookup = lookup;
    }

    /**
     * Imports file into the blog named blogName; with create, makes that blog (owned by ownerId) with the export's
     * own settings (title, description, language, who may comment...: see SettingsFromExport).
     */
    public ImportSummary importInto(String blogName, boolean create, Long ownerId, ExportFile file,
                                    ImportProgress progress) {
        return importInto(blogName, create, ownerId, file, progress, ImageFetching.PUBLIC_ONLY);
    }

    /** The same, fetching the old blog's images as images says (the CLI's --no-images, --allow-private-addresses). */
    public ImportSummary importInto(String blogName, boolean create, Long ownerId, ExportFile file,
                                    ImportProgress progress, ImageFetching images) {
        String job = Tokens.random().substring(0, 16);
        try {
            return importInto(job, "cli", blogName, create, ownerId, file, progress, images);
        } catch (RuntimeException e) {
            // Told to whoever ran it (the CLI's terminal): no status page will ask for it, and nothing is kept.
            jdbi.useHandle(h -> jobs.delete(h, job));
            throw e;
        }
    }

    /** The same, as import job (its progress and heartbeat are kept in import_job) on node. */
    public ImportSummary importInto(String job, String node, String blogName, boolean create, Long ownerId,
                                    ExportFile file, ImportProgress progress, ImageFetching images) {
        sweepAbandoned();
        if (create && ownerId == null) {
            throw Problem.invalid("cli.owner.required");
        }
        // A blog to create is checked now (a taken name fails at once, not after the whole file), and made at the end.
        Blog planned = create ? blogService.newBlog(blogName, Map.of("title", blogName)) : null;
        Blog[] targetAndStaging = jdbi.inTransaction(h -> {
            Blog like = create ? planned : blogs.byName(h, blogName)
                    .orElseThrow(() -> Problem.notFound("blog.notFound", blogName));
            Instant now = clock.instant();
            long id = store.insertStaging(h, ImportStore.STAGING_PREFIX + job, like, job, now);
            jobs.insert(h, job, create ? id : like.id(), node, now);
            Blog staged = blogs.byId(h, id).orElseThrow();
            // Entries of a blog to be created are looked up in the staging row alone (the blog has none yet).
            return new Blog[] {create ? staged : like, staged};
        });
        Blog staging = targetAndStaging[1];
        try {
            Run run = new Run(job, targetAndStaging[0], staging, blogName, progress);
            run.batches = new Batches(run);
            file.readInto(run.postsPass());
            run.batches.flush();
            // Before the links to the old blog are rewritten: its own address may serve images too.
            run.bringImages(images, create ? ownerId : null);
            run.rewriteLinks();
            file.readInto(run.commentsPass());
            run.batches.flush();
            run.linkThreads();
            // The export's settings go to a blog the import creates; a blog that existed keeps its own.
            ImportedBlog imported = run.imported != null ? run.imported
                    : new ImportedBlog(null, null, null, null, null);
            SettingsFromExport.Outcome settings = create ? SettingsFromExport.forNewBlog(planned, blogName, imported)
                    : SettingsFromExport.forExistingBlog(run.target, imported);
            ImportSummary summary = run.summary(settings.notApplied());
            long flipStart = System.nanoTime();
            if (create) {
                Blog blog = blogService.newBlog(blogName, settings.settings());
                // The new blog's row is made and at once replaced by the staging row (takeOver): held, like it.
                writes.useTransaction(staging.id(), w -> takeOver(w, run, blogService.create(w.handle(), ownerId,
                        blog), true, summary));
            } else {
                writes.useTransaction(List.of(run.target.id(), staging.id()), w -> takeOver(w, run, run.target,
                        false, summary));
            }
            LOG.info("import {} into {}: {} entries; the final transaction took {} ms", job, blogName,
                    summary.entries(), (System.nanoTime() - flipStart) / 1_000_000);
            return summary;
        } catch (RuntimeException e) {
            deleteStaging(staging.id());
            throw e;
        }
    }

    /** Deletes a staging row, what is in it, and the files of images fetched into it (a blog it was to create). */
    private void deleteStaging(long stagingId) {
        deleteStagedRows(stagingId);
        media.blogDeleted(stagingId);
    }

    /**
     * The final transaction: what the import brought becomes the blog's at once, for every reader. Either the
     * staged rows move to the blog, or, when the blog has less than the import, the blog's rows move to the staging
     * row, which takes the blog's place (moving a large import's rows would hold the database for seconds: every
     * row is rewritten). A blog just created for the import (empty, never seen) is always replaced so.
     */
    private void takeOver(BlogWrites.Write w, Run run, Blog expected, boolean created, ImportSummary summary) {
        Handle h = w.handle();
        Blog target = blogs.byName(h, run.blogName).filter(b -> b.id() == expected.id())
                .orElseThrow(() -> Problem.notFound("blog.notFound", run.blogName));
        long stagingId = run.staging.id();
        long blogId;
        // A blog with images keeps its row: their files are stored under its id (see ImportStore.mediaRows).
        boolean adopted = created || store.contentRows(h, target.id()) < store.contentRows(h, stagingId)
                && store.mediaRows(h, target.id()) == 0;
        try {
            if (adopted) {
                store.adopt(h, target.id(), stagingId);
                blogs.delete(h, target.id());
                blogs.takePlace(h, target, stagingId, w.now());
                blogId = stagingId;
            } else {
                store.moveStaged(h, stagingId, target.id());
                store.deleteStaged(h, stagingId, 1);
                blogId = target.id();
            }
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException clash) {
            // A post of the blog took one of the imported addresses while the import ran.
            throw Problem.conflict("import.clash");
        }
        if (adopted) {
            if (!created) {
                // The blog's old row is gone (search indexes drop what they had of it), its posts are in the new one.
                w.blogGone(target.id());
            }
            w.postsFrom(blogId, 0);
        } else if (!run.inserted.isEmpty()) {
            // The imported posts, and perhaps a few written meanwhile (indexed once more: harmless).
            w.postsFrom(blogId, java.util.Collections.min(run.inserted));
        }
        jobs.finish(h, run.job, summary.entries(), summary.posts() + summary.pages() + summary.drafts(),
                summary.comments(), ImportJobStore.json(summary), null, null, w.now());
    }

    /**
     * Deletes what imports whose process died left in their staging rows, and says on their status page that they
     * were interrupted. Safe to call from any node at any time: a running import writes at least every few seconds.
     */
    public void sweepAbandoned() {
        Instant now = clock.instant();
        Instant silentSince = now.minus(ABANDONED_AFTER);
        for (ImportStore.Staging s : jdbi.withHandle(h -> store.abandonedStaging(h, silentSince))) {
            jdbi.useTransaction(h -> jobs.interrupt(h, s.importJob(), now));
            deleteStaging(s.id());
        }
        jdbi.useTransaction(h -> jobs.interruptSilent(h, silentSince, now));
    }

    /** Deletes a staging row and what is in it, in small transactions (its images go with the row: ON DELETE CASCADE). */
    private void deleteStagedRows(long stagingId) {
        while (jdbi.inTransaction(h -> store.deleteStaged(h, stagingId, BATCH_ENTRIES)) > 0) {
            rest();
        }
    }

    private void rest() {
        restSince(System.nanoTime());
    }

    /** Waits until the rest that began at lastCommit (a System.nanoTime) is over. */
    private void restSince(long lastCommit) {
        long left = pause.toNanos() - (System.nanoTime() - lastCommit);
        if (left <= 0) {
            return;
        }
        try {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
    }

    /**
     * The import's writes, gathered while the file is read and done in short transactions: no transaction is open
     * while the file is being read (a slow disk or a large entry then holds no lock), and none stays open longer
     * than {@link #BATCH_TIME}, with a rest between two. Each transaction also records the job's progress, its
     * heartbeat; a long read with nothing to write still beats every {@link #BEAT}.
     */
    private final class Batches {
        private final Run run;
        private final List<java.util.function.Consumer<Handle>> pending = new ArrayList<>();
        private long pendingChars;
        private long lastBeat = System.nanoTime();
        /** When this import's last transaction ended (the next one waits for the rest to be over). */
        private long lastCommit = System.nanoTime() - pause.toNanos();

        Batches(Run run) {
            this.run = run;
        }

        /** Work for the database, of about this many characters; done with the next batch. */
        void add(long chars, java.util.function.Consumer<Handle> work) {
            pending.add(work);
            pendingChars += chars;
            if (pending.size() >= BATCH_ENTRIES || pendingChars >= BATCH_CHARS) {
                flush();
            }
        }

        /** An entry read with nothing to write: beats now and then all the same. */
        void idle() {
            if (System.nanoTime() - lastBeat > BEAT.toNanos()) {
                flush();
            }
        }

        void flush() {
            int done = 0;
            do {
                int from = done;
                restSince(lastCommit);
                done = jdbi.inTransaction(h -> {
                    long start = System.nanoTime();
                    int k = from;
                    while (k < pending.size() && System.nanoTime() - start < BATCH_TIME.toNanos()) {
                        pending.get(k++).accept(h);
                    }
                    jobs.progress(h, run.job, run.entries, run.posts + run.pages + run.drafts, run.comments,
                            clock.instant());
                    return k;
                });
                lastBeat = System.nanoTime();
                lastCommit = lastBeat;
            } while (done < pending.size());
            pending.clear();
            pendingChars = 0;
        }
    }

    /** One import: the two passes over the file and what they counted. */
    private final class Run {
        private final String job;
        /** The blog the entries are for (its language and time zone), and the row they are written to meanwhile. */
        private final Blog target;
        private final Blog staging;
        private final String blogName;
        private final ImportProgress progress;
        private Batches batches;
        private final Map<String, Long> postIds = new HashMap<>();
        private final List<Long> inserted = new ArrayList<>();
        private ImportedBlog imported;
        private int entries;
        private int posts;
        private int pages;
        private int drafts;
        private int comments;
        private int skipped;
        private int alreadyThere;
        private int redirects;
        private int images;
        private final List<ImageNotFetched> imagesNotFetched = new ArrayList<>();

        Run(String job, Blog target, Blog staging, String blogName, ImportProgress progress) {
            this.job = job;
            this.target = target;
            this.staging = staging;
            this.blogName = blogName;
            this.progress = progress;
        }

        ImportSink postsPass() {
            return new ImportSink() {
                @Override
                public void blog(ImportedBlog b) {
                    imported = b;
                }

                @Override
                public void post(ImportedPost p) {
                    entries++;
                    reportProgress();
                    int entry = entries;
                    String html = BLOGGER_MORE.matcher(p.html() == null ? "" : p.html())
                            .replaceFirst("\n<!--more-->\n");
                    // Rendered (sanitised) here, while no transaction is open; written with the next batch.
                    BodyRenderer.RenderedBody body = BodyRenderer.render(BodyFormat.HTML, html);
                    batches.add(html.length() + body.html().length(), h -> importPost(h, entry, p, body));
                }

                @Override
                public void comment(ImportedComment c) {
                    tick();
                }

                @Override
                public void skipped(String sourceId, String reason) {
                    tick();
                    skipped++;
                }
            };
        }

        ImportSink commentsPass() {
            return new ImportSink() {
                @Override
                public void blog(ImportedBlog b) {
                }

                @Override
                public void post(ImportedPost p) {
                    batches.idle();
                }

                @Override
                public void comment(ImportedComment c) {
                    batches.add(c.html() == null ? 0 : c.html().length(), h -> {
                        importComment(h, c);
                        if (comments % 500 == 0) {
                            progress.update(entries, posts + pages + drafts, comments);
                        }
                    });
                }

                @Override
                public void skipped(String sourceId, String reason) {
                }
            };
        }

        /** One more entry of the file read that has nothing to write. */
        private void tick() {
            entries++;
            reportProgress();
            batches.idle();
        }

        private void reportProgress() {
            if (entries % 500 == 0) {
                progress.update(entries, posts + pages + drafts, comments);
            }
        }

        /** Writes post p, the entry-th of the file, whose HTML body rendered as body. */
        private void importPost(Handle h, int entry, ImportedPost p, BodyRenderer.RenderedBody body) {
            var existing = store.postBySource(h, target.id(), staging.id(), p.sourceId());
            if (existing.isPresent()) {
                postIds.put(p.sourceId(), existing.get());
                alreadyThere++;
                return;
            }
            Post.Kind kind = p.kind() == ImportedPost.Kind.PAGE ? Post.Kind.PAGE : Post.Kind.POST;
            Messages m = Messages.of(target.language());
            String title = p.title() == null || p.title().isBlank() ? m.t("post.untitled") : truncate(p.title()
                    .strip(), 300);
            Instant published = p.published() != null ? p.published().toInstant() : clock.instant();
            Instant updated = p.updated() != null ? p.updated().toInstant() : published;
            Post.Status status = p.draft() ? Post.Status.DRAFT
                    : published.isAfter(clock.instant()) ? Post.Status.SCHEDULED : Post.Status.PUBLISHED;
            Address address = address(h, entry, p, kind, title, status, published);
            String author = p.author() == null || p.author().anonymous() || p.author().name() == null ? null
                    : truncate(p.author().name(), 80);
            PostStore.Fields fields = new PostStore.Fields(kind, title, address.slug(), address.path(),
                    BodyFormat.HTML, p.html() == null ? "" : p.html(), body,
                    truncate(p.searchDescription() == null ? "" : p.searchDescription().strip(), 300), status,
                    published, CommentSwitches.OPEN);
            PostStore.Origin origin = new PostStore.Origin(p.sourceId(), author,
                    p.author() == null ? null : httpUrl(p.author().profileUrl()));
            long id = postStore.insert(h, staging.id(), null, fields, origin, updated, updated);
            if (kind == Post.Kind.POST) {
                postStore.setLabels(h, staging.id(), id, cleanLabels(p.labels()));
            }
            if (address.redirectFrom() != null) {
                store.addRedirect(h, staging.id(), address.redirectFrom(), id);
                redirects++;
            }
            postIds.put(p.sourceId(), id);
            inserted.add(id);
            if (status == Post.Status.DRAFT) {
                drafts++;
            } else if (kind == Post.Kind.PAGE) {
                pages++;
            } else {
                posts++;
            }
        }

        /**
         * Where an imported post will be read: at its old path when that is a path of this blog's shape (old links
         * keep working as they are); else at a new path, with a redirect from the old one. A draft has none yet.
         */
        private Address address(Handle h, int entry, ImportedPost p, Post.Kind kind, String title,
                                Post.Status status, Instant published) {
            if (status == Post.Status.DRAFT) {
                return new Address(slugFor(title, p.sourceId()), null, null);
            }
            String original = p.path();
            Matcher kept = original == null ? null : (kind == Post.Kind.POST ? POST_PATH : PAGE_PATH).matcher(original);
            boolean keepable = kept != null && kept.matches();
            String old = keepable ? kept.group(1) : original;
            if (keepable) {
                if (store.pathTaken(h, target.id(), staging.id(), old)) {
                    throw new ImportFormatException(entry, "pathTaken", old);
                }
                return new Address(slugOf(old), old, null);
            }
            String path = freePath(h, kind, slugFor(title, p.sourceId()), published);
            boolean redirect = old != null && !old.isBlank() && !old.equals(path);
            return new Address(slugOf(path), path, redirect ? old : null);
        }

        private void importComment(Handle h, ImportedComment c) {
            Long postId = postIds.get(c.postSourceId());
            if (postId == null) {
                postId = store.postBySource(h, target.id(), staging.id(), c.postSourceId()).orElse(null);
            }
            if (postId == null) {
                // On a post that was not imported (trashed, or an attachment in WordPress): nothing to attach to.
                skipped++;
                return;
            }
            if (store.commentExists(h, target.id(), staging.id(), c.sourceId())) {
                alreadyThere++;
                return;
            }
            Messages m = Messages.of(target.language());
            boolean deleted = c.status() == ImportedComment.Status.DELETED;
            String bodyHtml = "";
            String bodyText = "";
            if (!deleted) {
                String source = BR.matcher(c.html() == null ? "" : c.html()).replaceAll("\n");
                try {
                    CommentText.Rendered r = CommentText.renderImported(source);
                    bodyHtml = r.html();
                    bodyText = r.text();
                } catch (Problem empty) {
                    // A comment with nothing readable left (only an image, say) keeps its place, not its body.
                    deleted = true;
                }
            }
            String name = c.author() == null || c.author().anonymous() || c.author().name() == null
                    || c.author().name().isBlank() ? m.t("comment.anonymous") : truncate(c.author().name(), 80);
            Comment.Status status = deleted ? Comment.Status.DELETED : switch (c.status()) {
                case PENDING -> Comment.Status.PENDING;
                case SPAM -> Comment.Status.SPAM;
                default -> Comment.Status.LIVE;
            };
            Instant at = c.published() != null ? c.published().toInstant() : clock.instant();
            store.insertComment(h, new ImportStore.NewComment(staging.id(), postId, c.sourceId(), c.parentSourceId(),
                    name, httpUrl(c.authorUrl()), bodyHtml, bodyText, status, deleted ? "ADMIN" : null, at));
            comments++;
        }

        /** Attaches every imported reply to its thread's top-level comment (one level, as Blogger shows). */
        void linkThreads() {
            for (ImportStore.Unlinked reply : jdbi.withHandle(h -> store.unlinkedReplies(h, staging.id()))) {
                batches.add(0, h -> link(h, reply));
            }
            batches.flush();
        }

        private void link(Handle h, ImportStore.Unlinked reply) {
            Long top = null;
            String next = reply.sourceParentId();
            Set<String> seen = new LinkedHashSet<>();
            while (next != null && seen.add(next)) {
                var parent = store.commentBySource(h, target.id(), staging.id(), next).orElse(null);
                if (parent == null) {
                    break;
                }
                if (parent.parentId() != null) {
                    top = parent.parentId();
                    break;
                }
                // The answered comment may itself be a reply not linked yet: climb to its thread's top.
                top = parent.id();
                next = parent.sourceParentId();
            }
            if (top != null && top != reply.id()) {
                store.setParent(h, reply.id(), top);
            }
            store.clearSourceParent(h, reply.id());
        }

        private String freePath(Handle h, Post.Kind kind, String slug, Instant at) {
            for (int n = 1; ; n++) {
                String s = n == 1 ? slug : slug + "-" + n;
                String candidate = kind == Post.Kind.PAGE ? "/p/" + s + ".html" : monthPath(at) + s + ".html";
                if (!store.pathTaken(h, target.id(), staging.id(), candidate)) {
                    return candidate;
                }
            }
        }

        private String monthPath(Instant at) {
            ZonedDateTime z = at.atZone(ZoneId.of(target.timeZone()));
            return String.format("/%04d/%02d/", z.getYear(), z.getMonthValue());
        }

        /**
         * Links in the imported bodies to the old blog (its host, and its folder if it lived in one) now lead to
         * the same paths in this blog. Done once the whole file has been read: the export tells the old blog's
         * address only at its end.
         */
        void rewriteLinks() {
            Pattern oldBlog = oldBlogLink(imported == null ? null : imported.sourceUrl());
            if (oldBlog == null) {
                return;
            }
            String replacement = "$1" + Matcher.quoteReplacement("/" + blogName);
            for (long id : inserted) {
                batches.add(0, h -> {
                    ImportStore.Bodies b = store.bodies(h, id);
                    String html = oldBlog.matcher(b.bodyHtml()).replaceAll(replacement);
                    String summary = b.summaryHtml() == null ? null
                            : oldBlog.matcher(b.summaryHtml()).replaceAll(replacement);
                    if (!html.equals(b.bodyHtml()) || (summary != null && !summary.equals(b.summaryHtml()))) {
                        store.setBodies(h, id, html, summary);
                    }
                });
            }
            batches.flush();
        }

        /**
         * Brings the images the file's posts and pages show from the old blog's hosts into the blog's media library,
         * and rewrites their addresses in the bodies. Runs once the posts are written (staged, or already in the
         * blog from an earlier import of the same file: what that one could not fetch is tried again). The images
         * are stored on the blog itself (or on the staging row when it is to become the blog: a blog the import
         * creates), since their files are kept under their blog's id. An image that cannot be fetched keeps its old
         * address and is named in the summary.
         */
        void bringImages(ImageFetching fetching, Long uploaderId) {
            if (fetching == ImageFetching.SKIP || postIds.isEmpty()) {
                return;
            }
            OldImages finder = new OldImages(imported == null ? null : imported.sourceUrl());
            Map<String, OldImages.Picture> found = OldImages.newFound();
            // Each post's pictures, by key: only the posts that show a picture brought home are written again.
            Map<Long, Set<String>> shown = new java.util.LinkedHashMap<>();
            for (long id : new LinkedHashSet<>(postIds.values())) {
                ImportStore.Texts t = jdbi.withHandle(h -> store.texts(h, id));
                Map<String, OldImages.Picture> mine = OldImages.newFound();
                finder.collect(t.source(), mine);
                finder.collect(t.bodyHtml(), mine);
                finder.collect(t.summaryHtml(), mine);
                if (!mine.isEmpty()) {
                    shown.put(id, mine.keySet());
                    finder.collect(t.source(), found);
                    finder.collect(t.bodyHtml(), found);
                    finder.collect(t.summaryHtml(), found);
                }
                batches.idle();
            }
            if (found.isEmpty()) {
                return;
            }
            Map<String, String> home = fetchAll(found, fetching, uploaderId);
            if (home.isEmpty()) {
                return;
            }
            Set<Long> staged = new java.util.HashSet<>(inserted);
            for (var post : shown.entrySet()) {
                long id = post.getKey();
                if (post.getValue().stream().noneMatch(home::containsKey)) {
                    continue;
                }
                if (staged.contains(id)) {
                    batches.add(0, h -> rewriteImages(h, finder, home, id));
                } else {
                    // A post already in the blog (an earlier import of this file): changed where readers see it.
                    writes.useTransaction(target.id(), w -> {
                        if (rewriteImages(w.handle(), finder, home, id)) {
                            w.post(target.id(), id);
                        }
                    });
                    rest();   // other writers get the database between two of these
                    batches.idle();
                }
            }
            batches.flush();
        }

        private boolean rewriteImages(Handle h, OldImages finder, Map<String, String> home, long id) {
            ImportStore.Texts t = store.texts(h, id);
            ImportStore.Texts n = new ImportStore.Texts(finder.rewrite(t.source(), home::get),
                    finder.rewrite(t.bodyHtml(), home::get), finder.rewrite(t.summaryHtml(), home::get));
            if (n.equals(t)) {
                return false;
            }
            store.setTexts(h, id, n);
            return true;
        }

        /** Fetches every picture (a few at once), stores it; returns each stored picture's new address by key. */
        private Map<String, String> fetchAll(Map<String, OldImages.Picture> found, ImageFetching fetching,
                                             Long uploaderId) {
            Map<String, String> home = new HashMap<>();
            SafeFetcher.Limits limits = SafeFetcher.Limits.defaults(media.maxFileMegabytes() * 1_000_000);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(limits.concurrency(), r -> {
                Thread t = new Thread(r, "carnet-import-images");
                t.setDaemon(true);
                return t;
            });
            try (SafeFetcher fetcher = new SafeFetcher(limits, fetching == ImageFetching.ALLOW_PRIVATE, fetchWork,
                    lookup)) {
                var done = new java.util.concurrent.ExecutorCompletionService<ImageOutcome>(pool);
                for (OldImages.Picture p : found.values()) {
                    done.submit(() -> fetchOne(fetcher, p, uploaderId));
                }
                int total = found.size();
                progress.images(0, total);
                for (int n = 0; n < total; ) {
                    var next = done.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                    batches.idle();   // the heartbeat, while the images come
                    if (next == null) {
                        continue;
                    }
                    n++;
                    ImageOutcome o = next.get();
                    if (o.url() != null) {
                        home.put(o.key(), o.url());
                        images++;
                    } else {
                        imagesNotFetched.add(o.failure());
                    }
                    progress.images(n, total);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("fetching an image failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            return home;
        }

        /** One picture: its candidate addresses tried in turn (the original size first) until one is an image. */
        private ImageOutcome fetchOne(SafeFetcher fetcher, OldImages.Picture p, Long uploaderId) {
            ImageNotFetched failure = null;
            for (String url : p.candidates()) {
                try (SafeFetcher.Fetched f = fetcher.fetch(url)) {
                    Media m;
                    try (InputStream in = Files.newInputStream(f.file())) {
                        m = media.addImported(target, in, fileName(url), "", uploaderId);
                    }
                    return new ImageOutcome(p.key, MediaService.url("/" + blogName, m), null);
                } catch (FetchException e) {
                    String detail = e.reason() == FetchException.Reason.STATUS
                            ? e.getMessage().replaceFirst("^.*\\D(\\d{3})$", "$1") : null;
                    failure = new ImageNotFetched(p.seen.get(0), e.reason().name().toLowerCase(Locale.ROOT), detail);
                    if (e.reason() != FetchException.Reason.STATUS) {
                        break;   // the next address is on the same host: it would fail the same way
                    }
                } catch (Problem e) {
                    // Not an image Carnet takes (a page, an SVG, too large, over the blog's quota).
                    failure = new ImageNotFetched(p.seen.get(0), "refused", null);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("import {}: could not store the image {}: {}", job, url, e.toString());
                    failure = new ImageNotFetched(p.seen.get(0), "failed", null);
                    break;
                }
            }
            return new ImageOutcome(p.key, null, failure);
        }

        ImportSummary summary(List<UnappliedSetting> settingsNotApplied) {
            progress.update(entries, posts + pages + drafts, comments);
            return new ImportSummary(blogName, entries, posts, pages, drafts, comments, skipped, alreadyThere,
                    redirects, settingsNotApplied, images, imagesNotFetched);
        }
    }

    /** A picture brought home (url: its new address) or not (failure says why). */
    private record ImageOutcome(String key, String url, ImageNotFetched failure) {
    }

    /** The name a fetched image is given in the library: the last part of its old address. */
    static String fileName(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("=.*$", "");
        try {
            name = java.net.URLDecoder.decode(name.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Left as it is.
        }
        return name.isBlank() || name.length() > 100 ? "image" : name;
    }

    /** An imported post's slug, its path (null for a draft), and the old path that redirects to it, if any. */
    private record Address(String slug, String path, String redirectFrom) {
    }

    private static String slugOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1, path.length() - ".html".length());
    }

    static String slugFor(String title, String sourceId) {
        String slug = Slugs.fromTitle(title);
        if (slug.isEmpty()) {
            slug = "post-" + sourceId.replaceAll("[^0-9]", "");
        }
        return slug.equals("post-") ? "post" : slug;
    }

    static List<String> cleanLabels(List<String> labels) {
        List<String> clean = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        if (labels == null) {
            return clean;
        }
        for (String label : labels) {
            String l = label == null ? "" : label.replace('/', '-').replace('\\', '-').strip().replaceAll("\\s+", " ");
            l = truncate(l, 100);
            if (!l.isEmpty() && seen.add(l.toLowerCase(Locale.ROOT))) {
                clean.add(l);
            }
        }
        return clean;
    }

    /** A pattern for href/src values that lead to the old blog at sourceUrl (host, then its folder if any). */
    static Pattern oldBlogLink(String sourceUrl) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(sourceUrl.trim());
            if (uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
            String folder = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return Pattern.compile("((?:href|src)\\s*=\\s*[\"'])(?:https?:)?//(?:www\\.)?" + Pattern.quote(host)
                    + "(?::\\d+)?" + Pattern.quote(folder) + "(?=[/\"'?#])", Pattern.CASE_INSENSITIVE);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A web address kept from an export only when it is http(s): never a javascript: link. */
    static String httpUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        if (u.startsWith("//")) {
            u = "https:" + u;
        }
        String lower = u.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://")) && u.length() <= 300
                && !u.contains("\"") && !u.contains("<") ? u : null;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
