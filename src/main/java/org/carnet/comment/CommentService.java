package org.carnet.comment;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.blog.Member;
import org.carnet.blog.MemberStore;
import org.carnet.blog.Role;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.core.Viewer;
import org.carnet.notify.Notification;
import org.carnet.notify.NotificationStore;
import org.carnet.post.Post;
import org.carnet.store.BlogWrites;
import org.carnet.store.RateLimitStore;
import org.carnet.trash.TrashService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules of comments: who may comment (asked of Access, for every way in), what is held for moderation,
 * what looks like spam (kept in the spam queue, never dropped), threads, deletion, and the notifications a
 * comment causes. Each change is one transaction.
 */
public final class CommentService {

    public static final Duration MIN_FORM_TIME = Duration.ofSeconds(3);
    public static final Duration MAX_FORM_AGE = Duration.ofDays(1);
    public static final int MAX_LINKS = 3;
    public static final int MAX_PER_ADDRESS = 10;
    public static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    private static final int MAX_NAME = 80;
    private static final int MAX_URL = 300;

    /** What happened to a submitted comment. */
    public record Outcome(long commentId, Comment.Status status) {
    }

    /** A top-level comment with its replies, oldest first. */
    public record Thread(Comment comment, List<Comment> replies) {
    }

    /** Everything the block under a post needs for one viewer. */
    public record Block(List<Thread> threads, int count, boolean hidden, boolean closed, boolean mayComment,
                        String noteKey, String formToken, boolean signedIn, boolean moderator, Long viewerId) {

        /** May this viewer delete this comment (their own, or any for a blog admin)? */
        public boolean mayDelete(Comment c) {
            return !c.isDeleted() && (moderator || (viewerId != null && viewerId.equals(c.authorId())));
        }
    }

    public enum Decision { APPROVE, SPAM, DELETE }

    private final Jdbi jdbi;
    private final CommentStore comments;
    private final NotificationStore notifications;
    private final MemberStore members;
    private final RateLimitStore limits;
    private final Access access;
    private final Supplier<FormTimer> timer;
    private final Clock clock;
    private final BlogWrites writes;
    private final TrashService trash;

    /**
     * timer is asked for on first use: its secret lives in the database and is made only when needed. Every
     * change of comments goes through writes (what readers see of the blog changed), even one held for moderation
     * (its author sees it on the post, and the count of waiting comments is the blog's admins' to see).
     */
    public CommentService(Jdbi jdbi, CommentStore comments, NotificationStore notifications, MemberStore members,
                          RateLimitStore limits, Access access, Supplier<FormTimer> timer, Clock clock,
                          BlogWrites writes, TrashService trash) {
        this.jdbi = jdbi;
        this.trash = trash;
        this.comments = comments;
        this.notifications = notifications;
        this.members = members;
        this.limits = limits;
        this.access = access;
        this.timer = timer;
        this.clock = clock;
        this.writes = writes;
    }

    /** The comment block under a post, as this viewer sees it. */
    public Block block(Viewer viewer, Blog blog, Post post, String visitorToken) {
        String visitorHash = visitorToken == null || visitorToken.isEmpty() ? null : Tokens.sha256(visitorToken);
        // One look-up of the viewer's role answers both questions (it was one query each).
        Role role = access.roleOf(viewer, blog).orElse(null);
        boolean mayComment = Access.allows(role, viewer.signedIn(), blog, Action.COMMENT);
        String note = Access.refusalKey(blog, Action.COMMENT);
        boolean moderator = Access.allows(role, viewer.signedIn(), blog, Action.MODERATE_COMMENTS);
        Long viewerId = viewer.signedIn() ? viewer.userId() : null;
        if (post.commentsHidden()) {
            return new Block(List.of(), 0, true, true, false, "comment.closed", null, viewer.signedIn(), moderator,
                    viewerId);
        }
        List<Comment> all = jdbi.withHandle(h -> comments.ofPost(h, blog.id(), post.id(), viewerId, visitorHash));
        Map<Long, Thread> threads = new LinkedHashMap<>();
        List<Comment> replies = new ArrayList<>();
        int count = 0;
        for (Comment c : all) {
            boolean own = c.awaitsReview() && ((viewer.signedIn() && c.authorId() != null
                    && c.authorId() == viewer.userId()) || (visitorHash != null && visitorHash.equals(c.visitorHash())));
            if (c.status() == Comment.Status.LIVE) {
                count++;
            } else if (!own && !c.isDeleted()) {
                continue;
            }
            if (c.parentId() == null) {
                threads.put(c.id(), new Thread(c, new ArrayList<>()));
            } else {
                replies.add(c);
            }
        }
        // Replies are attached once every thread is known: an imported reply may be older than its parent.
        for (Comment reply : replies) {
            Thread thread = threads.get(reply.parentId());
            if (thread != null) {
                thread.replies().add(reply);
            }
        }
        boolean closed = post.commentsClosed();
        return new Block(List.copyOf(threads.values()), count, false, closed, mayComment && !closed,
                closed ? "comment.closed" : note, timer.get().issue(formId(post)), viewer.signedIn(), moderator, viewerId);
    }

    /** Live comments per post, for listings. */
    public Map<Long, Integer> counts(Blog blog, List<Long> postIds) {
        return jdbi.withHandle(h -> comments.liveCounts(h, blog.id(), postIds));
    }

    /** Posts a comment, or refuses it (403 with the policy note) storing nothing. */
    public Outcome submit(Viewer viewer, Blog blog, Post post, CommentDraft draft) {
        access.requireComment(viewer, blog);
        Instant now = clock.instant();
        if (post.isPage() || !post.visibleAt(now) || post.commentsClosed() || post.commentsHidden()) {
            throw Problem.forbidden("comment.closed");
        }
        CommentText.Rendered body = CommentText.render(draft.body());
        Role role = access.roleOf(viewer, blog).orElse(null);
        String name = viewer.signedIn() ? viewer.user().displayName() : anonymousName(draft.name());
        String url = viewer.signedIn() ? null : checkedUrl(draft.url());
        String spam = role == null ? spamReason(post, draft, body) : null;
        String addressBucket = "comment:address:" + draft.clientAddress();
        if (role == null) {
            boolean tooMany = jdbi.withHandle(h -> limits.hits(h, addressBucket, ADDRESS_WINDOW, now))
                    >= MAX_PER_ADDRESS;
            if (tooMany) {
                throw new Problem(Problem.Kind.TOO_MANY, "comment.tooMany");
            }
        }
        boolean trusted = role == Role.ADMIN || role == Role.AUTHOR;
        Comment.Status status = spam != null ? Comment.Status.SPAM
                : !trusted && blog.moderationRule().holds(post.publishedAt(), now) ? Comment.Status.PENDING
                : Comment.Status.LIVE;
        String visitorHash = !viewer.signedIn() && draft.visitorToken() != null
                ? Tokens.sha256(draft.visitorToken()) : null;
        long id = writes.inTransaction(blog.id(), w -> {
            Handle h = w.handle();
            Long parent = threadOf(h, blog, post, draft.replyTo());
            long commentId = comments.insert(h, new CommentStore.NewComment(blog.id(), post.id(), parent,
                    viewer.signedIn() ? viewer.userId() : null, name, url, visitorHash, body.html(), body.text(),
                    status, spam, draft.clientAddress()), now);
            if (role == null) {
                // Counted and checked again in the comment's own transaction: of many comments sent at once
                // through several nodes, those past the limit are refused and leave nothing behind.
                limits.hit(h, addressBucket, ADDRESS_WINDOW, now);
                if (limits.hits(h, addressBucket, ADDRESS_WINDOW, now) > MAX_PER_ADDRESS) {
                    throw new Problem(Problem.Kind.TOO_MANY, "comment.tooMany");
                }
            }
            notifyFor(h, blog, post, commentId, status, viewer, now);
            return commentId;
        });
        return new Outcome(id, status);
    }

    /** Deletes a comment: its author may delete their own, blog admins any. */
    public void delete(Viewer viewer, Blog blog, long commentId) {
        Comment c = jdbi.withHandle(h -> comments.byId(h, blog.id(), commentId))
                .orElseThrow(() -> Problem.notFound("comment.notFound"));
        boolean own = viewer.signedIn() && c.authorId() != null && c.authorId() == viewer.userId();
        boolean admin = access.may(viewer, blog, Action.MODERATE_COMMENTS);
        if (!own && !admin) {
            throw Problem.forbidden("comment.delete.denied");
        }
        if (c.isDeleted()) {
            return;
        }
        Instant now = clock.instant();
        writes.useTransaction(blog.id(), w -> remove(w.handle(), blog, c, own ? "AUTHOR" : "ADMIN", viewer, now));
    }

    /** Approves, marks as spam or deletes comments from the moderation queue: all or none. */
    public int moderate(Viewer viewer, Blog blog, List<Long> ids, Decision decision) {
        access.require(viewer, blog, Action.MODERATE_COMMENTS);
        if (ids.isEmpty()) {
            throw Problem.invalid("comment.moderate.none");
        }
        Instant now = clock.instant();
        return writes.inTransaction(blog.id(), w -> {
            Handle h = w.handle();
            for (long id : ids) {
                Comment c = comments.byId(h, blog.id(), id).orElseThrow(() -> Problem.notFound("comment.notFound"));
                switch (decision) {
                    case APPROVE -> {
                        if (c.status() != Comment.Status.LIVE && !c.isDeleted()) {
                            comments.setStatus(h, id, Comment.Status.LIVE, now);
                            notifyPostAuthor(h, blog, c.postId(), id, c.authorId(), now);
                        }
                    }
                    case SPAM -> comments.setStatus(h, id, Comment.Status.SPAM, now);
                    case DELETE -> {
                        // A placeholder is already in the trash (with its text): deleting it again changes nothing.
                        if (!c.isDeleted()) {
                            remove(h, blog, c, "ADMIN", viewer, now);
                        }
                    }
                }
            }
            return ids.size();
        });
    }

    public List<CommentStore.Queued> queue(Viewer viewer, Blog blog, Comment.Status status) {
        access.require(viewer, blog, Action.MODERATE_COMMENTS);
        return jdbi.withHandle(h -> comments.queue(h, blog.id(), status, 500));
    }

    /** The comments a moderator chose, to be shown before they are deleted for good. */
    public List<CommentStore.Queued> chosen(Viewer viewer, Blog blog, List<Long> ids) {
        access.require(viewer, blog, Action.MODERATE_COMMENTS);
        return jdbi.withHandle(h -> comments.queuedByIds(h, blog.id(), ids.stream().distinct().limit(500).toList()));
    }

    /** Has this user a published comment on the blog (their profile is then shown there)? */
    public boolean hasCommented(Blog blog, long userId) {
        return jdbi.withHandle(h -> comments.hasLiveComment(h, blog.id(), userId));
    }

    /** Comments waiting for approval on a blog (for its admins' dashboard). */
    public int waiting(Blog blog) {
        return jdbi.withHandle(h -> comments.count(h, blog.id(), Comment.Status.PENDING));
    }

    public int spamCount(Blog blog) {
        return jdbi.withHandle(h -> comments.count(h, blog.id(), Comment.Status.SPAM));
    }

    /** Into the trash (in this write's transaction), then marked deleted (it has replies) or deleted. */
    private void remove(Handle h, Blog blog, Comment c, String by, Viewer viewer, Instant now) {
        if (comments.hasReplies(h, c.id())) {
            trash.putComment(h, blog.id(), c.id(), false, viewer, now);
            comments.markDeleted(h, c.id(), by, now);
        } else {
            trash.putComment(h, blog.id(), c.id(), true, viewer, now);
            comments.delete(h, c.id());
        }
    }

    /** The thread a reply joins: the answered comment's own thread (one level, as Blogger). */
    private Long threadOf(Handle h, Blog blog, Post post, Long replyTo) {
        if (replyTo == null) {
            return null;
        }
        Comment answered = comments.byId(h, blog.id(), replyTo)
                .filter(c -> c.postId() == post.id() && c.status() != Comment.Status.SPAM)
                .orElseThrow(() -> Problem.invalid("comment.replyTo.invalid"));
        return answered.parentId() != null ? answered.parentId() : answered.id();
    }

    /** Why a comment from a non-member looks like spam, or null. */
    private String spamReason(Post post, CommentDraft d, CommentText.Rendered body) {
        if (d.honeypot() != null && !d.honeypot().isEmpty()) {
            return "honeypot";
        }
        FormTimer.Verdict v = timer.get().check(formId(post), d.formToken(), MIN_FORM_TIME, MAX_FORM_AGE);
        if (v == FormTimer.Verdict.TOO_FAST) {
            return "too-fast";
        }
        if (v == FormTimer.Verdict.INVALID) {
            return "no-form";
        }
        if (body.links() > MAX_LINKS) {
            return "links";
        }
        return null;
    }

    private void notifyFor(Handle h, Blog blog, Post post, long commentId, Comment.Status status, Viewer viewer,
                           Instant now) {
        Long commenter = viewer.signedIn() ? viewer.userId() : null;
        if (status == Comment.Status.LIVE) {
            notifyPostAuthor(h, blog, post.id(), commentId, commenter, now);
        } else if (status == Comment.Status.PENDING) {
            for (Member m : members.list(h, blog.id())) {
                if (m.role() == Role.ADMIN && !Long.valueOf(m.userId()).equals(commenter)) {
                    notifications.insert(h, m.userId(), blog.id(), post.id(), commentId,
                            Notification.Kind.COMMENT_WAITING, now);
                }
            }
        }
    }

    private void notifyPostAuthor(Handle h, Blog blog, long postId, long commentId, Long commenter, Instant now) {
        Optional<Long> author = comments.postAuthor(h, postId);
        if (author.isPresent() && !author.get().equals(commenter)) {
            notifications.insert(h, author.get(), blog.id(), postId, commentId, Notification.Kind.NEW_COMMENT, now);
        }
    }

    private static String formId(Post post) {
        return formId(post.id());
    }

    /** The id under which the comment form of a post signs its timestamp. */
    public static String formId(long postId) {
        return "comment:" + postId;
    }

    /** A fresh signed timestamp for a form (a cached page gets one per visitor). */
    public String freshFormToken(String formId) {
        return timer.get().issue(formId);
    }

    private static String anonymousName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw Problem.invalid("comment.name.required");
        }
        if (n.length() > MAX_NAME) {
            throw Problem.invalid("comment.name.tooLong", MAX_NAME);
        }
        return n;
    }

    /** An anonymous commenter's web site: http(s) only, or nothing. */
    private static String checkedUrl(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (u.length() <= MAX_URL && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // falls through to the message below
        }
        throw Problem.invalid("comment.url.invalid");
    }
}
