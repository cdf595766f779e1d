package org.carnet.comment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for comments. */
public final class CommentStore {

    private static final String COLUMNS = """
            c.id, c.blog_id, c.post_id, c.parent_id, c.author_id,
            COALESCE(u.display_name, c.author_name) AS author_name, c.author_url, c.visitor_hash, c.body_html,
            c.status, c.deleted_by, c.spam_reason, c.created_at""";
    private static final String FROM = " FROM comment c LEFT JOIN app_user u ON u.id = c.author_id ";

    /** What is stored for a new comment. */
    public record NewComment(long blogId, long postId, Long parentId, Long authorId, String authorName,
                             String authorUrl, String visitorHash, String bodyHtml, String bodyText,
                             Comment.Status status,
                             String spamReason, String clientAddress) {
    }

    public long insert(Handle h, NewComment c, Instant now) {
        return h.createQuery("""
                        INSERT INTO comment (blog_id, post_id, parent_id, author_id, author_name, author_url,
                                             visitor_hash, body_html, body_text, status, spam_reason,
                                             client_address, created_at, updated_at)
                        VALUES (:blogId, :postId, :parentId, :authorId, :authorName, :authorUrl, :visitorHash,
                                :bodyHtml, :bodyText, :status, :spamReason, :clientAddress, :now, :now)
                        RETURNING id""")
                .bindMethods(c).bind("now", now).mapTo(Long.class).one();
    }

    public Optional<Comment> byId(Handle h, long blogId, long id) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE c.blog_id = :blog AND c.id = :id")
                .bind("blog", blogId).bind("id", id).mapTo(Comment.class).findOne();
    }

    /**
     * Every comment of a post in the order of the page (oldest first); the caller picks what a viewer sees. Only
     * the blog's own: an import still running keeps the comments it brings elsewhere (V9__import_staging.sql).
     */
    /**
     * The comments of a post, but those taken for spam, except the viewer's own (a signed-in author's, or an
     * anonymous one's by the hash of their visitor cookie): they are told theirs awaits moderation.
     */
    public List<Comment> ofPost(Handle h, long blogId, long postId, Long viewerId, String visitorHash) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE c.post_id = :post AND c.blog_id = :blog "
                        + "AND (c.status <> 'SPAM' OR c.author_id = :viewer OR c.visitor_hash = :visitor) "
                        + "ORDER BY c.created_at, c.id")
                .bind("post", postId).bind("blog", blogId).bind("viewer", viewerId).bind("visitor", visitorHash)
                .mapTo(Comment.class).list();
    }

    /** Live comments per post, for the counts in listings. */
    public Map<Long, Integer> liveCounts(Handle h, long blogId, List<Long> postIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (postIds.isEmpty()) {
            return counts;
        }
        h.createQuery("SELECT post_id, COUNT(*) AS n FROM comment WHERE status = 'LIVE' AND post_id IN (<ids>) "
                        + "AND blog_id = :blog GROUP BY post_id")
                .bindList("ids", postIds).bind("blog", blogId)
                .map((rs, ctx) -> Map.entry(rs.getLong("post_id"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The moderation queue: comments of the blog with this status, newest first, with their post. */
    public List<Queued> queue(Handle h, long blogId, Comment.Status status, int limit) {
        return h.createQuery("SELECT " + COLUMNS + QUEUED_EXTRA + FROM
                        + "JOIN post p ON p.id = c.post_id WHERE c.blog_id = :blog AND c.status = :status "
                        + "ORDER BY c.created_at DESC, c.id DESC LIMIT :limit")
                .bind("blog", blogId).bind("status", status.name()).bind("limit", limit)
                .map(CommentStore::queued)
                .list();
    }

    /** These comments of the blog (those chosen in the queue), still there (not deleted), with their post. */
    public List<Queued> queuedByIds(Handle h, long blogId, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT " + COLUMNS + QUEUED_EXTRA + FROM
                        + "JOIN post p ON p.id = c.post_id WHERE c.blog_id = :blog AND c.id IN (<ids>) "
                        + "AND c.status <> 'DELETED' ORDER BY c.created_at DESC, c.id DESC")
                .bind("blog", blogId).bindList("ids", ids)
                .map(CommentStore::queued)
                .list();
    }

    /**
     * A comment as the moderation queue shows it: besides the comment and its post, what lets a blog admin judge
     * its sender (a signed-in author's account email, the address it was sent from). Only moderators see the
     * queue (blog/Access: MODERATE_COMMENTS).
     */
    public record Queued(Comment comment, String postTitle, String postPath, String authorEmail,
                         String clientAddress) {
    }

    private static final String QUEUED_EXTRA =
            ", p.title AS post_title, p.path AS post_path, u.email AS author_email, c.client_address";

    private static Queued queued(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Queued(ctx.findMapperFor(Comment.class).orElseThrow().map(rs, ctx), rs.getString("post_title"),
                rs.getString("post_path"), rs.getString("author_email"), rs.getString("client_address"));
    }

    /** Who wrote the post a comment is on (they hear about new comments). */
    public Optional<Long> postAuthor(Handle h, long postId) {
        return h.createQuery("SELECT author_id FROM post WHERE id = :id").bind("id", postId)
                .mapTo(Long.class).findOne();
    }

    public boolean hasLiveComment(Handle h, long blogId, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM comment WHERE blog_id = :blog AND author_id = :user "
                        + "AND status = 'LIVE'").bind("blog", blogId).bind("user", userId).mapTo(Integer.class).one() > 0;
    }

    public int count(Handle h, long blogId, Comment.Status status) {
        return h.createQuery("SELECT COUNT(*) FROM comment WHERE blog_id = :blog AND status = :status")
                .bind("blog", blogId).bind("status", status.name()).mapTo(Integer.class).one();
    }

    public void setStatus(Handle h, long id, Comment.Status status, Instant now) {
        h.createUpdate("UPDATE comment SET status = :status, spam_reason = CASE WHEN :status = 'SPAM' "
                        + "THEN COALESCE(spam_reason, 'admin') ELSE NULL END, updated_at = :now WHERE id = :id")
                .bind("status", status.name()).bind("now", now).bind("id", id).execute();
    }

    public boolean hasReplies(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM comment WHERE parent_id = :id AND status <> 'SPAM'")
                .bind("id", id).mapTo(Integer.class).one() > 0;
    }

    /** Keeps the comment's place in its thread but not its text. */
    public void markDeleted(Handle h, long id, String deletedBy, Instant now) {
        h.createUpdate("UPDATE comment SET status = 'DELETED', deleted_by = :by, body_html = '', body_text = '', "
                        + "author_url = NULL, updated_at = :now WHERE id = :id")
                .bind("by", deletedBy).bind("now", now).bind("id", id).execute();
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM comment WHERE id = :id").bind("id", id).execute();
    }
}
