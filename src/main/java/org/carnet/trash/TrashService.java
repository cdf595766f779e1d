package org.carnet.trash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.core.Problem;
import org.carnet.core.Viewer;
import org.carnet.store.BlogWrites;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules of the trash (issue 14): a deleted post, page or comment is kept {@link #KEPT}, restorable with its
 * original ids, then purged for good. Deleting writes the trash row in the deleting write's own transaction (the
 * post and comment services call {@link #putPost} and {@link #putComment}); restoring is one write of the blog's
 * content (BlogWrites), and asks Access the same questions as deleting did.
 * <p>
 * A post is restored at its old address; if another post took that address meanwhile, it comes back as a draft
 * without an address (its author publishes it again, at a new one): nothing that was deleted is refused back, and
 * the post now at the address keeps it. A comment whose post is gone comes back only with its post.
 */
public final class TrashService {

    public static final Duration KEPT = Duration.ofDays(30);
    private static final int EXCERPT = 120;
    private static final int LIST_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** What restoring did: the item, its post, and whether a post came back as a draft (its address was taken). */
    public record Restored(TrashStore.Kind kind, long itemId, long postId, boolean asDraft) {
    }

    /** A row of the list, with how many days it has left; postGone: a comment whose post is not there (now). */
    public record Listed(TrashStore.Item item, long daysLeft, boolean postGone) {
    }

    private final Jdbi jdbi;
    private final TrashStore store;
    private final Access access;
    private final Clock clock;
    private final BlogWrites writes;

    public TrashService(Jdbi jdbi, TrashStore store, Access access, Clock clock, BlogWrites writes) {
        this.jdbi = jdbi;
        this.store = store;
        this.access = access;
        this.clock = clock;
        this.writes = writes;
    }

    // --- putting in (inside the deleting write's transaction) ---

    /** Copies a post or page with everything that hangs on it into the trash; the caller then deletes it. */
    public long putPost(Handle h, long blogId, long postId, Viewer who, Instant now) {
        List<Map<String, Object>> post = store.rows(h, "post", "id", postId);
        if (post.isEmpty()) {
            throw Problem.notFound("post.notFound");
        }
        Map<String, Object> row = post.get(0);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("post", row);
        payload.put("labels", store.rows(h, "post_label", "post_id", postId));
        payload.put("revisions", store.rows(h, "post_revision", "post_id", postId));
        payload.put("redirects", store.rows(h, "post_redirect", "post_id", postId));
        payload.put("comments", store.rows(h, "comment", "post_id", postId));
        TrashStore.Kind kind = "PAGE".equals(row.get("kind")) ? TrashStore.Kind.PAGE : TrashStore.Kind.POST;
        return store.insert(h, blogId, kind, postId, null, TrashStore.number(row.get("author_id")),
                String.valueOf(row.get("title")), who.userId(), who.user().displayName(), now, json(payload));
    }

    /**
     * Copies a comment into the trash before it is deleted (gone: the row goes, with the replies that go with it)
     * or marked deleted (its place and replies stay, its text goes).
     */
    public long putComment(Handle h, long blogId, long commentId, boolean gone, Viewer who, Instant now) {
        List<Map<String, Object>> found = store.rows(h, "comment", "id", commentId);
        if (found.isEmpty()) {
            throw Problem.notFound("comment.notFound");
        }
        Map<String, Object> row = found.get(0);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("mode", gone ? "GONE" : "MARKED");
        payload.put("comment", row);
        payload.put("replies", gone ? store.rows(h, "comment", "parent_id", commentId) : List.of());
        String text = String.valueOf(row.get("body_text")).strip().replaceAll("\\s+", " ");
        String excerpt = text.length() > EXCERPT ? text.substring(0, EXCERPT - 1) + "…" : text;
        return store.insert(h, blogId, TrashStore.Kind.COMMENT, commentId, TrashStore.number(row.get("post_id")),
                TrashStore.number(row.get("author_id")), excerpt, who.userId(), who.user().displayName(), now,
                json(payload));
    }

    // --- what a viewer sees and does ---

    /** May the viewer open the trash at all (the same people who write posts: authors and admins)? */
    public void requireTrash(Viewer viewer, Blog blog) {
        access.require(viewer, blog, Action.WRITE_POST);
    }

    /** The items this viewer may restore: admins every one, authors those of their own posts and comments. */
    public List<Listed> list(Viewer viewer, Blog blog) {
        requireTrash(viewer, blog);
        Set<Action> allowed = access.allowed(viewer, blog);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            List<TrashStore.Item> items = store.list(h, blog.id(), LIST_LIMIT).stream()
                    .filter(i -> may(allowed, viewer, i)).toList();
            Set<Long> posts = store.existingPosts(h, blog.id(), items.stream()
                    .filter(i -> i.postId() != null).map(TrashStore.Item::postId).distinct().toList());
            return items.stream().map(i -> new Listed(i, daysLeft(i.deletedAt(), now),
                    i.postId() != null && !posts.contains(i.postId()))).toList();
        });
    }

    public TrashStore.Item require(Viewer viewer, Blog blog, long id) {
        requireTrash(viewer, blog);
        TrashStore.Item item = jdbi.withHandle(h -> store.byId(h, blog.id(), id))
                .orElseThrow(() -> Problem.notFound("trash.notFound"));
        if (!may(access.allowed(viewer, blog), viewer, item)) {
            throw Problem.forbidden("trash.denied");
        }
        return item;
    }

    /** Puts an item back where it was, with its original ids, and takes it out of the trash. */
    public Restored restore(Viewer viewer, Blog blog, long id) {
        TrashStore.Item item = require(viewer, blog, id);
        return writes.inTransaction(blog.id(), w -> {
            Handle h = w.handle();
            // Read again in the write: a second click, or another admin, may have restored or purged it meanwhile.
            if (store.byId(h, blog.id(), id).isEmpty()) {
                throw Problem.notFound("trash.notFound");
            }
            Map<String, Object> payload = parse(store.payload(h, id));
            Restored restored = item.kind() == TrashStore.Kind.COMMENT
                    ? restoreComment(h, blog.id(), item, payload)
                    : restorePost(h, blog.id(), item, payload);
            store.remove(h, blog.id(), id);
            if (item.kind() != TrashStore.Kind.COMMENT) {
                w.post(blog.id(), item.itemId());
            }
            return restored;
        });
    }

    /** Deletes items for good (after the viewer said yes on the confirmation page). */
    public int purge(Viewer viewer, Blog blog, List<Long> ids) {
        if (ids.isEmpty()) {
            throw Problem.invalid("trash.nothingChosen");
        }
        for (long id : ids) {
            require(viewer, blog, id);
        }
        return jdbi.inTransaction(h -> store.delete(h, blog.id(), ids));
    }

    /** Empties the blog's whole trash: its admins only (it holds everyone's items). */
    public int empty(Viewer viewer, Blog blog) {
        requireEmpty(viewer, blog);
        return jdbi.inTransaction(h -> {
            List<Long> ids = store.list(h, blog.id(), Integer.MAX_VALUE).stream().map(TrashStore.Item::id).toList();
            return store.delete(h, blog.id(), ids);
        });
    }

    /** Refuses (403) unless the viewer may empty the blog's trash. */
    public void requireEmpty(Viewer viewer, Blog blog) {
        access.require(viewer, blog, Action.EDIT_OTHERS_POSTS);
    }

    public boolean mayEmpty(Viewer viewer, Blog blog) {
        return access.may(viewer, blog, Action.EDIT_OTHERS_POSTS);
    }

    /**
     * Deletes for good what has been in the trash longer than {@link #KEPT}, in every blog (the periodic job). The
     * trash is not what readers see: no content version is raised.
     */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(KEPT);
        int total = 0;
        while (true) {
            List<long[]> due = jdbi.withHandle(h -> store.olderThan(h, cutoff, 200));
            if (due.isEmpty()) {
                return total;
            }
            Map<Long, List<Long>> byBlog = new LinkedHashMap<>();
            for (long[] d : due) {
                byBlog.computeIfAbsent(d[0], b -> new ArrayList<>()).add(d[1]);
            }
            total += jdbi.inTransaction(h -> {
                int n = 0;
                for (var e : byBlog.entrySet()) {
                    n += store.delete(h, e.getKey(), e.getValue());
                }
                return n;
            });
            if (due.size() < 200) {
                return total;
            }
        }
    }

    public Instant now() {
        return clock.instant();
    }

    static long daysLeft(Instant deletedAt, Instant now) {
        long millis = deletedAt.plus(KEPT).toEpochMilli() - now.toEpochMilli();
        if (millis <= 0) {
            return 0;
        }
        return (millis + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis();
    }

    /** The rule of deleting, asked again: posts by Access's post rule, comments by their author or a moderator. */
    private static boolean may(Set<Action> allowed, Viewer viewer, TrashStore.Item item) {
        if (item.kind() == TrashStore.Kind.COMMENT) {
            boolean own = viewer.signedIn() && item.ownerId() != null && item.ownerId() == viewer.userId();
            return own || allowed.contains(Action.MODERATE_COMMENTS);
        }
        return Access.mayEditPost(allowed, viewer, item.ownerId());
    }

    // --- putting back ---

    @SuppressWarnings("unchecked")
    private Restored restorePost(Handle h, long blogId, TrashStore.Item item, Map<String, Object> payload) {
        Map<String, Object> post = new LinkedHashMap<>((Map<String, Object>) payload.get("post"));
        List<Map<String, Object>> labels = (List<Map<String, Object>>) payload.get("labels");
        List<Map<String, Object>> revisions = (List<Map<String, Object>>) payload.get("revisions");
        List<Map<String, Object>> redirects = (List<Map<String, Object>>) payload.get("redirects");
        List<Map<String, Object>> comments = new ArrayList<>((List<Map<String, Object>>) payload.get("comments"));
        if (store.exists(h, "post", blogId, item.itemId())) {
            throw Problem.conflict("trash.alreadyThere");
        }
        Set<Long> users = users(h, post, revisions, comments);
        boolean asDraft = false;
        Object path = post.get("path");
        if (path != null && store.pathTaken(h, blogId, path.toString())) {
            post.put("path", null);
            post.put("status", "DRAFT");
            asDraft = true;
        }
        Map<String, Object> over = nullable("author_id", user(post, users));
        over.put("blog_id", blogId);
        store.insertRow(h, "post", post, over, false);
        for (Map<String, Object> label : labels) {
            store.insertRow(h, "post_label", label, Map.of("blog_id", blogId), true);
        }
        for (Map<String, Object> revision : revisions) {
            store.insertRow(h, "post_revision", revision, nullable("author_id", user(revision, users)), false);
        }
        for (Map<String, Object> redirect : redirects) {
            store.insertRow(h, "post_redirect", redirect, Map.of("blog_id", blogId), true);
        }
        // Top-level comments before the replies that point at them.
        comments.sort(Comparator.comparing((Map<String, Object> c) -> c.get("parent_id") != null)
                .thenComparing(c -> TrashStore.number(c.get("id"))));
        for (Map<String, Object> comment : comments) {
            Map<String, Object> by = nullable("author_id", user(comment, users));
            by.put("blog_id", blogId);
            store.insertRow(h, "comment", comment, by, false);
        }
        return new Restored(item.kind(), item.itemId(), item.itemId(), asDraft);
    }

    @SuppressWarnings("unchecked")
    private Restored restoreComment(Handle h, long blogId, TrashStore.Item item, Map<String, Object> payload) {
        Map<String, Object> comment = (Map<String, Object>) payload.get("comment");
        long postId = TrashStore.number(comment.get("post_id"));
        if (!store.exists(h, "post", blogId, postId)) {
            throw Problem.conflict("trash.comment.postGone");
        }
        if ("MARKED".equals(payload.get("mode"))) {
            if (!store.unmarkComment(h, blogId, comment)) {
                throw Problem.conflict("trash.comment.postGone");
            }
            return new Restored(item.kind(), item.itemId(), postId, false);
        }
        if (store.exists(h, "comment", blogId, item.itemId())) {
            throw Problem.conflict("trash.alreadyThere");
        }
        Long parent = TrashStore.number(comment.get("parent_id"));
        if (parent != null && !store.exists(h, "comment", blogId, parent)) {
            throw Problem.conflict("trash.comment.threadGone");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(comment);
        all.addAll((List<Map<String, Object>>) payload.get("replies"));
        Set<Long> users = users(h, Map.of(), List.of(), all);
        for (Map<String, Object> c : all) {
            Map<String, Object> over = nullable("author_id", user(c, users));
            over.put("blog_id", blogId);
            store.insertRow(h, "comment", c, over, false);
        }
        return new Restored(item.kind(), item.itemId(), postId, false);
    }

    /** The accounts named by these rows that still exist. */
    private Set<Long> users(Handle h, Map<String, Object> post, List<Map<String, Object>> revisions,
                            List<Map<String, Object>> comments) {
        Set<Long> named = new HashSet<>();
        for (Map<String, Object> row : concat(List.of(post), revisions, comments)) {
            Long id = TrashStore.number(row.get("author_id"));
            if (id != null) {
                named.add(id);
            }
        }
        return store.existingUsers(h, named);
    }

    @SafeVarargs
    private static List<Map<String, Object>> concat(List<Map<String, Object>>... lists) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (List<Map<String, Object>> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** A row's author, or null when their account is gone since (the name the row keeps is shown instead). */
    private static Long user(Map<String, Object> row, Set<Long> existing) {
        Long id = TrashStore.number(row.get("author_id"));
        return id != null && existing.contains(id) ? id : null;
    }

    private static Map<String, Object> nullable(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static String json(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a trash payload", e);
        }
    }

    private static Map<String, Object> parse(String payload) {
        try {
            return JSON.readValue(payload, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a trash payload", e);
        }
    }
}
