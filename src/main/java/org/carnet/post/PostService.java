package org.carnet.post;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.core.Problem;
import org.carnet.core.Viewer;
import org.carnet.post.BodyRenderer.RenderedBody;
import org.carnet.store.BlogWrites;
import org.carnet.trash.TrashService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules of writing: checking what the editor sends, rendering it to safe HTML, giving a post its
 * permanent path when it is first published, keeping old paths as redirects, keeping revisions, and asking
 * Access before every change. Each save is one transaction.
 */
public final class PostService {

    public static final int REVISIONS_KEPT = 25;
    public static final int MAX_SOURCE = 1_000_000;
    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 300;

    /** What the author asked for with the button they pressed. */
    public enum Intent { SAVE_DRAFT, PUBLISH }

    private final Jdbi jdbi;
    private final PostStore posts;
    private final Access access;
    private final Clock clock;
    private final BlogWrites writes;
    private final TrashService trash;

    public PostService(Jdbi jdbi, PostStore posts, Access access, Clock clock, BlogWrites writes, TrashService trash) {
        this.jdbi = jdbi;
        this.posts = posts;
        this.access = access;
        this.clock = clock;
        this.writes = writes;
        this.trash = trash;
    }

    /** Creates a post or page; returns its id. */
    public long create(Viewer viewer, Blog blog, PostInput input, Intent intent) {
        return create(viewer, blog, input, intent, CommentSwitches.OPEN);
    }

    public long create(Viewer viewer, Blog blog, PostInput input, Intent intent, CommentSwitches comments) {
        access.require(viewer, blog, Action.WRITE_POST);
        Checked c = check(blog, input);
        Instant now = clock.instant();
        return writes.inTransaction(blog.id(), w -> {
            Handle h = w.handle();
            PostStore.Fields fields = fields(h, blog, input, c, null, intent, now, 0, comments);
            long id = posts.insert(h, blog.id(), viewer.userId(), fields, PostStore.Origin.WRITTEN_HERE, now, now);
            posts.setLabels(h, blog.id(), id, c.labels);
            saveRevision(h, id, viewer, fields, c.labels, now);
            w.post(blog.id(), id);
            return id;
        });
    }

    /** Saves an edit (and publishes, schedules or reverts to draft as asked). */
    public void update(Viewer viewer, Blog blog, long postId, PostInput input, Intent intent) {
        update(viewer, blog, postId, input, intent, null);
    }

    /** Saves an edit; comments null keeps the post's comment switches as they are. */
    public void update(Viewer viewer, Blog blog, long postId, PostInput input, Intent intent,
                       CommentSwitches comments) {
        Post old = requireEditable(viewer, blog, postId);
        Checked c = check(blog, input);
        Instant now = clock.instant();
        writes.useTransaction(blog.id(), w -> {
            Handle h = w.handle();
            PostStore.Fields fields = fields(h, blog, input, c, old, intent, now, postId,
                    comments != null ? comments : old.commentSwitches());
            posts.update(h, postId, fields, now);
            posts.setLabels(h, blog.id(), postId, c.labels);
            if (old.path() != null && fields.path() != null && !old.path().equals(fields.path())) {
                posts.addRedirect(h, blog.id(), old.path(), postId);
            }
            if (fields.path() != null) {
                posts.removeRedirect(h, blog.id(), fields.path());
            }
            saveRevision(h, postId, viewer, fields, c.labels, now);
            w.post(blog.id(), postId);
        });
    }

    /** The post as it would look, rendered but not saved. */
    public Post preview(Viewer viewer, Blog blog, Long postId, PostInput input) {
        Post old = postId == null ? null : requireEditable(viewer, blog, postId);
        if (old == null) {
            access.require(viewer, blog, Action.WRITE_POST);
        }
        Checked c = check(blog, input);
        Instant now = clock.instant();
        Instant at = c.publishAt != null ? c.publishAt : old != null && old.publishedAt() != null
                ? old.publishedAt() : now;
        String author = old != null ? old.authorName() : viewer.user().displayName();
        return new Post(old == null ? 0 : old.id(), blog.id(), input.kind(), viewer.userId(), author,
                input.title(), c.slug, null, input.format(), input.source(), c.body.html(), c.body.summaryHtml(),
                c.body.text(), input.searchDescription(), Post.Status.DRAFT, at, now, now, false, false, null);
    }

    /** Deletes posts, all or none: every one must be the viewer's to delete. */
    public int delete(Viewer viewer, Blog blog, List<Long> ids) {
        return toTrash(viewer, blog, ids).size();
    }

    /**
     * Deletes posts, all or none, each into the trash (restorable for TrashService.KEPT) in the same transaction;
     * returns the ids of their trash rows.
     */
    public List<Long> toTrash(Viewer viewer, Blog blog, List<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            throw Problem.invalid("post.delete.none");
        }
        return writes.inTransaction(blog.id(), w -> {
            Handle h = w.handle();
            for (long id : distinct) {
                Post p = posts.byId(h, blog.id(), id).orElseThrow(() -> Problem.notFound("post.notFound"));
                access.requireEditPost(viewer, blog, p.authorId());
            }
            List<Long> trashed = new java.util.ArrayList<>();
            for (long id : distinct) {
                trashed.add(trash.putPost(h, blog.id(), id, viewer, w.now()));
            }
            posts.delete(h, blog.id(), distinct);
            for (long id : distinct) {
                w.post(blog.id(), id);
            }
            return List.copyOf(trashed);
        });
    }

    /** Brings back an earlier version (as a new revision; the post keeps its status and path). */
    public void restore(Viewer viewer, Blog blog, long postId, long revisionId) {
        Post post = requireEditable(viewer, blog, postId);
        PostStore.Revision r = jdbi.withHandle(h -> posts.revision(h, postId, revisionId))
                .orElseThrow(() -> Problem.notFound("post.revision.notFound"));
        PostInput input = new PostInput(post.kind(), r.title(), r.format(), r.source(), r.labels(),
                r.searchDescription(), post.status() == Post.Status.DRAFT ? r.slug() : post.slug(), "");
        update(viewer, blog, postId, input, post.status() == Post.Status.DRAFT ? Intent.SAVE_DRAFT : Intent.PUBLISH);
    }

    public List<PostStore.Revision> revisions(Viewer viewer, Blog blog, long postId) {
        requireEditable(viewer, blog, postId);
        return jdbi.withHandle(h -> posts.revisions(h, postId));
    }

    public PostStore.Revision revision(Viewer viewer, Blog blog, long postId, long revisionId) {
        requireEditable(viewer, blog, postId);
        return jdbi.withHandle(h -> posts.revision(h, postId, revisionId))
                .orElseThrow(() -> Problem.notFound("post.revision.notFound"));
    }

    /** The server's time (the test clock in tests): whether a post is visible yet depends on it. */
    public Instant now() {
        return clock.instant();
    }

    public void requireWriter(Viewer viewer, Blog blog) {
        access.require(viewer, blog, Action.WRITE_POST);
    }

    /** A post the viewer may edit, or 404/403. */
    public Post requireEditable(Viewer viewer, Blog blog, long postId) {
        Post post = jdbi.withHandle(h -> posts.byId(h, blog.id(), postId))
                .orElseThrow(() -> Problem.notFound("post.notFound"));
        access.requireEditPost(viewer, blog, post.authorId());
        return post;
    }

    public List<String> labelsOf(long postId) {
        return jdbi.withHandle(h -> posts.labelsOf(h, List.of(postId)).getOrDefault(postId, List.of()));
    }

    public List<PostStore.Author> authors(Blog blog) {
        return jdbi.withHandle(h -> posts.authors(h, blog.id()));
    }

    public List<String> allLabels(Blog blog) {
        return jdbi.withHandle(h -> posts.allLabels(h, blog.id()));
    }

    /** A row of the admin's list: the post, its labels, and how many published comments it has. */
    public record Listed(Post post, List<String> labels, int comments) {
    }

    /** The admin's list of posts or pages, filtered. */
    public List<Listed> list(Viewer viewer, Blog blog, PostStore.Filter filter) {
        access.require(viewer, blog, Action.WRITE_POST);
        return jdbi.withHandle(h -> {
            List<Post> found = posts.list(h, blog.id(), filter, 500);
            List<Long> ids = found.stream().map(Post::id).toList();
            var labels = posts.labelsOf(h, ids);
            var comments = posts.liveCommentCounts(h, ids);
            return found.stream().map(p -> new Listed(p, labels.getOrDefault(p.id(), List.of()),
                    comments.getOrDefault(p.id(), 0))).toList();
        });
    }

    /** Marks due scheduled posts as published (readers already see them from their time on). */
    public int publishDue() {
        Instant now = clock.instant();
        // The blogs to hold are found first (holding their rows comes before any other lock: see BlogWrites); a
        // post that falls due meanwhile in another blog is published at the next run.
        List<Long> blogs = jdbi.withHandle(h -> posts.blogsWithDuePosts(h, now));
        if (blogs.isEmpty()) {
            return 0;
        }
        return writes.inTransaction(blogs, w -> {
            List<long[]> due = posts.publishDue(w.handle(), blogs, now);
            for (long[] blogAndPost : due) {
                w.post(blogAndPost[0], blogAndPost[1]);
            }
            return due.size();
        });
    }

    // --- checking and deriving ---

    private record Checked(RenderedBody body, List<String> labels, String slug, boolean slugTyped,
                           Instant publishAt) {
    }

    private Checked check(Blog blog, PostInput in) {
        if (in.title().isEmpty()) {
            throw Problem.invalid("post.title.required");
        }
        if (in.title().length() > MAX_TITLE) {
            throw Problem.invalid("post.title.tooLong", MAX_TITLE);
        }
        if (in.source().isBlank()) {
            throw Problem.invalid("post.body.required");
        }
        if (in.source().length() > MAX_SOURCE) {
            throw Problem.invalid("post.body.tooLong", MAX_SOURCE);
        }
        if (in.searchDescription().length() > MAX_DESCRIPTION) {
            throw Problem.invalid("post.description.tooLong", MAX_DESCRIPTION);
        }
        List<String> labels = in.kind() == Post.Kind.PAGE ? List.of() : Labels.parse(in.labels());
        boolean typed = !in.slug().isEmpty();
        String slug = typed ? Slugs.check(in.slug()) : Slugs.fromTitle(in.title());
        if (slug.isEmpty()) {
            slug = in.kind() == Post.Kind.PAGE ? "page" : "post";
        }
        RenderedBody body = BodyRenderer.render(in.format(), in.source());
        if (body.text().isBlank() && !body.html().contains("<img") && !body.html().contains("<iframe")) {
            throw Problem.invalid("post.body.required");
        }
        return new Checked(body, labels, slug, typed, parseDate(blog, in.publishAt()));
    }

    private static Instant parseDate(Blog blog, String local) {
        if (local.isEmpty()) {
            return null;
        }
        LocalDateTime parsed;
        try {
            parsed = LocalDateTime.parse(local);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("post.date.invalid", local);
        }
        if (parsed.getYear() < 1000 || parsed.getYear() > 9999) {
            throw Problem.invalid("post.date.invalid", local);
        }
        return ZonedDateTime.of(parsed, ZoneId.of(blog.timeZone())).toInstant();
    }

    /** The stored fields: status and date from the intent, and the path the post is published under. */
    private PostStore.Fields fields(Handle h, Blog blog, PostInput in, Checked c, Post old, Intent intent,
                                    Instant now, long postId, CommentSwitches comments) {
        String slug = c.slug;
        boolean typed = c.slugTyped;
        // Until first published, a slug left as it was made from the old title follows the new title
        // (as Blogger's permalink does).
        if (old != null && old.path() == null && typed && slug.equals(old.slug())
                && slug.equals(Slugs.fromTitle(old.title())) && !Slugs.fromTitle(in.title()).isEmpty()) {
            slug = Slugs.fromTitle(in.title());
            typed = false;
        }
        Instant at = c.publishAt != null ? c.publishAt : old != null ? old.publishedAt() : null;
        Post.Status status;
        if (intent == Intent.PUBLISH) {
            at = at != null ? at : now;
            status = at.isAfter(now) ? Post.Status.SCHEDULED : Post.Status.PUBLISHED;
        } else {
            status = Post.Status.DRAFT;
        }
        String path = old == null ? null : old.path();
        if (status != Post.Status.DRAFT && (path == null || !path.equals(path(blog, in.kind(), slug, at)))) {
            boolean mustBeExact = typed && (old == null || !slug.equals(old.slug()));
            path = freePath(h, blog, in.kind(), slug, at, postId, mustBeExact);
            slug = slugOf(path);
        }
        return new PostStore.Fields(in.kind(), in.title(), slug, path, in.format(), in.source(), c.body,
                in.searchDescription(), status, at, comments);
    }

    /** The post's path; a slug the author typed must be free, a derived one gets -2, -3... */
    private String freePath(Handle h, Blog blog, Post.Kind kind, String slug, Instant at, long postId,
                            boolean typed) {
        String path = path(blog, kind, slug, at);
        if (!posts.pathTaken(h, blog.id(), path, postId)) {
            return path;
        }
        if (typed) {
            throw Problem.conflict("post.slug.taken", slug);
        }
        for (int n = 2; ; n++) {
            String candidate = path(blog, kind, slug + "-" + n, at);
            if (!posts.pathTaken(h, blog.id(), candidate, postId)) {
                return candidate;
            }
        }
    }

    static String path(Blog blog, Post.Kind kind, String slug, Instant at) {
        if (kind == Post.Kind.PAGE) {
            return "/p/" + slug + ".html";
        }
        ZonedDateTime local = at.atZone(ZoneId.of(blog.timeZone()));
        return String.format("/%04d/%02d/%s.html", local.getYear(), local.getMonthValue(), slug);
    }

    private static String slugOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1, path.length() - ".html".length());
    }

    private void saveRevision(Handle h, long postId, Viewer viewer, PostStore.Fields fields, List<String> labels,
                              Instant now) {
        posts.insertRevision(h, postId, viewer.userId(), fields, labels, now);
        posts.pruneRevisions(h, postId, REVISIONS_KEPT);
    }
}
