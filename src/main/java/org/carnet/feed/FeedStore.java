package org.carnet.feed;

import java.time.Instant;
import java.util.List;
import org.carnet.post.PostStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for the comment feeds: LIVE comments only, and only on posts readers can see (PostStore.VISIBLE, the
 * one rule) whose comments are not hidden, since a feed must not show what the post page does not.
 */
public final class FeedStore {

    /** Live comments of the blog (or of one post when postId is not null), newest first, from offset. */
    public List<FeedComment> liveComments(Handle h, long blogId, Long postId, Instant now, int offset, int limit) {
        Query q = h.createQuery("""
                        SELECT c.id, c.post_id, COALESCE(u.display_name, c.author_name) AS author_name, c.body_html,
                               c.body_text, c.created_at, c.updated_at, p.title AS post_title, p.path AS post_path
                        FROM comment c JOIN post p ON p.id = c.post_id LEFT JOIN app_user u ON u.id = c.author_id
                        WHERE c.blog_id = :blog AND c.status = 'LIVE' AND p.kind = 'POST'
                          AND p.comments_hidden = :hidden AND""" + PostStore.VISIBLE
                        + (postId != null ? " AND c.post_id = :post" : "")
                        + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
                .bind("blog", blogId).bind("now", now).bind("hidden", false)
                .bind("limit", limit).bind("offset", offset);
        if (postId != null) {
            q.bind("post", postId);
        }
        return q.mapTo(FeedComment.class).list();
    }
}
