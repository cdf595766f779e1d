package org.carnet.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for notifications: written in the same transaction as what caused them, sent by email later. */
public final class NotificationStore {

    private static final String SELECT = """
            SELECT n.id, n.user_id, n.blog_id, n.post_id, n.comment_id, n.kind, n.created_at, n.read_at,
                   b.name AS blog_name, b.title AS blog_title, b.language AS blog_language,
                   p.title AS post_title, p.path AS post_path,
                   COALESCE(cu.display_name, c.author_name) AS comment_author, c.body_text AS comment_text
            FROM notification n
            JOIN blog b ON b.id = n.blog_id
            LEFT JOIN post p ON p.id = n.post_id
            LEFT JOIN comment c ON c.id = n.comment_id
            LEFT JOIN app_user cu ON cu.id = c.author_id
            """;

    public void insert(Handle h, long userId, long blogId, Long postId, Long commentId, Notification.Kind kind,
                       Instant now) {
        h.createUpdate("""
                        INSERT INTO notification (user_id, blog_id, post_id, comment_id, kind, created_at)
                        VALUES (:user, :blog, :post, :comment, :kind, :now)""")
                .bind("user", userId).bind("blog", blogId).bind("post", postId).bind("comment", commentId)
                .bind("kind", kind).bind("now", now).execute();
    }

    public List<Notification> unread(Handle h, long userId, int limit) {
        return h.createQuery(SELECT + "WHERE n.user_id = :user AND n.read_at IS NULL "
                        + "ORDER BY n.created_at DESC, n.id DESC LIMIT :limit")
                .bind("user", userId).bind("limit", limit).mapTo(Notification.class).list();
    }

    public int markAllRead(Handle h, long userId, Instant now) {
        return h.createUpdate("UPDATE notification SET read_at = :now WHERE user_id = :user AND read_at IS NULL")
                .bind("now", now).bind("user", userId).execute();
    }

    /** Notifications not yet emailed, oldest first. */
    public List<Long> unsent(Handle h, int limit) {
        return h.createQuery("SELECT id FROM notification WHERE emailed_at IS NULL ORDER BY id LIMIT :limit")
                .bind("limit", limit).mapTo(Long.class).list();
    }

    /** Claims a notification for sending: true for exactly one caller, even with several nodes. */
    public boolean claim(Handle h, long id, Instant now) {
        return h.createUpdate("UPDATE notification SET emailed_at = :now WHERE id = :id AND emailed_at IS NULL")
                .bind("now", now).bind("id", id).execute() == 1;
    }

    /** Gives a claimed notification back (its email could not be sent; it will be tried again). */
    public void unclaim(Handle h, long id) {
        h.createUpdate("UPDATE notification SET emailed_at = NULL WHERE id = :id").bind("id", id).execute();
    }

    public Optional<Notification> byId(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE n.id = :id").bind("id", id).mapTo(Notification.class).findOne();
    }

    public Optional<String> emailOf(Handle h, long userId) {
        return h.createQuery("SELECT email FROM app_user WHERE id = :id").bind("id", userId)
                .mapTo(String.class).findOne();
    }
}
