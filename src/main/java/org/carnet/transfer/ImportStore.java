package org.carnet.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carnet.comment.Comment;
import org.carnet.post.Post;
import org.jdbi.v3.core.Handle;

/** SQL for imports: entries keep their id in the export, so a second import of a file finds them. */
public final class ImportStore {

    public Optional<Long> postBySource(Handle h, long blogId, String sourceId) {
        return h.createQuery("SELECT id FROM post WHERE blog_id = :blog AND source_id = :source")
                .bind("blog", blogId).bind("source", sourceId).mapTo(Long.class).findOne();
    }

    public boolean commentExists(Handle h, long blogId, String sourceId) {
        return h.createQuery("SELECT COUNT(*) FROM comment WHERE blog_id = :blog AND source_id = :source")
                .bind("blog", blogId).bind("source", sourceId).mapTo(Integer.class).one() > 0;
    }

    public boolean pathTaken(Handle h, long blogId, String path) {
        return h.createQuery("SELECT COUNT(*) FROM post WHERE blog_id = :blog AND path = :path")
                .bind("blog", blogId).bind("path", path).mapTo(Integer.class).one() > 0;
    }

    /** An imported post or page, with what BodyRenderer made of its HTML. */
    public record NewPost(long blogId, String sourceId, Post.Kind kind, String title, String slug, String path,
                          String source, String bodyHtml, String summaryHtml, String bodyText,
                          String searchDescription, Post.Status status, Instant publishedAt, Instant updatedAt,
                          String guestAuthor, String guestAuthorUrl) {
    }

    public long insertPost(Handle h, NewPost p) {
        return h.createQuery("""
                        INSERT INTO post (blog_id, source_id, kind, title, slug, path, format, source, body_html,
                                          summary_html, body_text, search_description, status, published_at,
                                          created_at, updated_at, guest_author, guest_author_url)
                        VALUES (:blogId, :sourceId, :kind, :title, :slug, :path, 'HTML', :source, :bodyHtml,
                                :summaryHtml, :bodyText, :searchDescription, :status, :publishedAt,
                                :updatedAt, :updatedAt, :guestAuthor, :guestAuthorUrl)
                        RETURNING id""")
                .bindMethods(p).mapTo(Long.class).one();
    }

    public record Bodies(String bodyHtml, String summaryHtml) {
    }

    public Bodies bodies(Handle h, long postId) {
        return h.createQuery("SELECT body_html, summary_html FROM post WHERE id = :id").bind("id", postId)
                .mapTo(Bodies.class).one();
    }

    public void setBodies(Handle h, long postId, String bodyHtml, String summaryHtml) {
        h.createUpdate("UPDATE post SET body_html = :html, summary_html = :summary WHERE id = :id")
                .bind("html", bodyHtml).bind("summary", summaryHtml).bind("id", postId).execute();
    }

    /** Tells every node's search index that this post appeared (see PostStore.logChange). */
    public void logChange(Handle h, long blogId, long postId, Instant now) {
        org.carnet.store.ChangeLog.record(h, blogId, postId, now);
    }

    public void addLabel(Handle h, long blogId, long postId, String label) {
        h.createUpdate("INSERT INTO post_label (post_id, blog_id, label) VALUES (:post, :blog, :label) "
                        + "ON CONFLICT (post_id, label) DO NOTHING")
                .bind("post", postId).bind("blog", blogId).bind("label", label).execute();
    }

    public void addRedirect(Handle h, long blogId, String path, long postId) {
        h.createUpdate("INSERT INTO post_redirect (blog_id, path, post_id) VALUES (:blog, :path, :post) "
                        + "ON CONFLICT (blog_id, path) DO NOTHING")
                .bind("blog", blogId).bind("path", path).bind("post", postId).execute();
    }

    /** An imported comment; its thread is linked once every comment of the file is in. */
    public record NewComment(long blogId, long postId, String sourceId, String sourceParentId, String authorName,
                             String authorUrl, String bodyHtml, String bodyText, Comment.Status status,
                             String deletedBy, Instant createdAt) {
    }

    public void insertComment(Handle h, NewComment c) {
        h.createUpdate("""
                        INSERT INTO comment (blog_id, post_id, source_id, source_parent_id, author_name, author_url,
                                             body_html, body_text, status, deleted_by, created_at, updated_at)
                        VALUES (:blogId, :postId, :sourceId, :sourceParentId, :authorName, :authorUrl, :bodyHtml,
                                :bodyText, :status, :deletedBy, :createdAt, :createdAt)""")
                .bindMethods(c).execute();
    }

    /** Imported replies not yet linked to their thread: (id, source_parent_id). */
    public List<Unlinked> unlinkedReplies(Handle h, long blogId) {
        return h.createQuery("SELECT id, source_parent_id FROM comment WHERE blog_id = :blog "
                        + "AND source_parent_id IS NOT NULL AND parent_id IS NULL")
                .bind("blog", blogId).mapTo(Unlinked.class).list();
    }

    public record Unlinked(long id, String sourceParentId) {
    }

    /** The comment with this export id: its own id and, if it is a reply, the export id of what it answers. */
    public Optional<Linked> commentBySource(Handle h, long blogId, String sourceId) {
        return h.createQuery("SELECT id, parent_id, source_parent_id FROM comment WHERE blog_id = :blog "
                        + "AND source_id = :source")
                .bind("blog", blogId).bind("source", sourceId).mapTo(Linked.class).findOne();
    }

    public record Linked(long id, Long parentId, String sourceParentId) {
    }

    public void setParent(Handle h, long commentId, long parentId) {
        h.createUpdate("UPDATE comment SET parent_id = :parent WHERE id = :id")
                .bind("parent", parentId).bind("id", commentId).execute();
    }

    public void clearSourceParent(Handle h, long commentId) {
        h.createUpdate("UPDATE comment SET source_parent_id = NULL WHERE id = :id").bind("id", commentId).execute();
    }
}
