package org.carnet.transfer;

import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** SQL for exports: every post, page and comment of a blog, streamed row by row (never all in memory). */
public final class ExportStore {

    /** A post or page as the export writes it. */
    public record PostRow(long id, String kind, String title, String source, String bodyHtml, String path,
                          String status, Instant publishedAt, Instant updatedAt, String authorName,
                          String searchDescription, String labels) {
    }

    /** A comment as the export writes it; parentId is its thread's top-level comment. */
    public record CommentRow(long id, long postId, Long parentId, String authorName, String authorUrl,
                             String bodyHtml, String status, Instant createdAt) {
    }

    public void posts(Handle h, long blogId, Consumer<PostRow> each) {
        h.createQuery("""
                        SELECT p.id, p.kind, p.title, p.source, p.body_html, p.path, p.status, p.published_at,
                               p.updated_at, COALESCE(u.display_name, p.guest_author) AS author_name,
                               p.search_description,
                               (SELECT STRING_AGG(l.label, '\u001f') FROM post_label l WHERE l.post_id = p.id)
                                 AS labels
                        FROM post p LEFT JOIN app_user u ON u.id = p.author_id
                        WHERE p.blog_id = :blog ORDER BY p.id""")
                .bind("blog", blogId).setFetchSize(500).mapTo(PostRow.class).useStream(s -> s.forEach(each));
    }

    public void comments(Handle h, long blogId, Consumer<CommentRow> each) {
        h.createQuery("""
                        SELECT c.id, c.post_id, c.parent_id, COALESCE(u.display_name, c.author_name) AS author_name,
                               c.author_url, c.body_html, c.status, c.created_at
                        FROM comment c LEFT JOIN app_user u ON u.id = c.author_id
                        WHERE c.blog_id = :blog AND c.status <> 'SPAM' ORDER BY c.id""")
                .bind("blog", blogId).setFetchSize(500).mapTo(CommentRow.class).useStream(s -> s.forEach(each));
    }
}
