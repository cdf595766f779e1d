package org.carnet.post;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for posts. */
public final class PostStore {

    public long insertPublished(Handle h, long blogId, long authorId, String title, String slug, String bodyHtml,
                                Instant now) {
        return h.createQuery("""
                        INSERT INTO post (blog_id, author_id, title, slug, body_html, status, published_at,
                                          created_at, updated_at)
                        VALUES (:blog, :author, :title, :slug, :body, 'PUBLISHED', :now, :now, :now)
                        RETURNING id""")
                .bind("blog", blogId).bind("author", authorId).bind("title", title).bind("slug", slug)
                .bind("body", bodyHtml).bind("now", now)
                .mapTo(Long.class).one();
    }

    public List<Post> latestPublished(Handle h, long blogId, Instant now, int limit) {
        return h.createQuery("""
                        SELECT id, blog_id, author_id, title, slug, body_html, status, published_at, created_at,
                               updated_at
                        FROM post WHERE blog_id = :blog AND status = 'PUBLISHED' AND published_at <= :now
                        ORDER BY published_at DESC, id DESC LIMIT :limit""")
                .bind("blog", blogId).bind("now", now).bind("limit", limit)
                .mapTo(Post.class).list();
    }
}
