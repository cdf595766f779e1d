package org.carnet.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carnet.comment.Comment;
import org.jdbi.v3.core.Handle;

/**
 * SQL for imports: entries keep their id in the export, so a second import of a file finds them. An import
 * writes into its staging blog row (V9__import_staging.sql) and looks entries up in the blog and its staging
 * rows together; {@link #moveStaged} then hands everything to the blog in one statement per table.
 */
public final class ImportStore {

    /** The prefix of a staging row's name: not a possible blog name, so no address leads to it. */
    static final String STAGING_PREFIX = "~import-";

    public Optional<Long> postBySource(Handle h, long blogId, long stagingId, String sourceId) {
        return h.createQuery("SELECT id FROM post WHERE blog_id IN (:blog, :staging) AND source_id = :source")
                .bind("blog", blogId).bind("staging", stagingId).bind("source", sourceId).mapTo(Long.class)
                .findFirst();
    }

    public boolean commentExists(Handle h, long blogId, long stagingId, String sourceId) {
        return h.createQuery("SELECT COUNT(*) FROM comment WHERE blog_id IN (:blog, :staging) "
                        + "AND source_id = :source")
                .bind("blog", blogId).bind("staging", stagingId).bind("source", sourceId).mapTo(Integer.class)
                .one() > 0;
    }

    public boolean pathTaken(Handle h, long blogId, long stagingId, String path) {
        return h.createQuery("SELECT COUNT(*) FROM post WHERE blog_id IN (:blog, :staging) AND path = :path")
                .bind("blog", blogId).bind("staging", stagingId).bind("path", path).mapTo(Integer.class).one() > 0;
    }

    /**
     * Makes import job's staging row, like the blog the import is for in what entries depend on (its language and
     * time zone: untitled posts, dated paths), and private, closed and hidden in case anything ever read it.
     */
    public long insertStaging(Handle h, String name, org.carnet.blog.Blog like, String job, Instant now) {
        return h.createQuery("""
                        INSERT INTO blog (name, title, description, language, time_zone, visibility, comment_policy,
                                          posts_per_page, moderation, hidden_from_engines, created_at, updated_at,
                                          import_job)
                        VALUES (:name, :title, '', :language, :timeZone, 'PRIVATE', 'NOBODY', :postsPerPage, 'never',
                                TRUE, :now, :now, :job)
                        RETURNING id""")
                .bind("name", name).bind("title", like.title()).bind("language", like.language())
                .bind("timeZone", like.timeZone()).bind("postsPerPage", like.postsPerPage()).bind("now", now)
                .bind("job", job).mapTo(Long.class).one();
    }

    /**
     * Everything an import put in its staging row becomes the blog's. Fails on a unique index when a post took
     * one of the staged paths meanwhile (the caller then refuses the import and deletes the staging rows).
     */
    public void moveStaged(Handle h, long stagingId, long blogId) {
        moveRows(h, CONTENT, stagingId, blogId);
    }

    /** The tables of a blog's content: what an import brings. */
    static final List<String> CONTENT = List.of("post", "post_label", "post_redirect", "comment");
    /**
     * Every other table whose rows belong to a blog (a foreign key to blog): what a staging row adopts when it
     * takes a blog's place. StagingContractTest fails when a table with such a key is missing from either list.
     */
    static final List<String> DEPENDENTS = List.of("blog_member", "invitation", "feed_token", "notification", "trash",
            "import_job", "media");

    private static void moveRows(Handle h, List<String> tables, long from, long to) {
        for (String table : tables) {
            h.createUpdate("UPDATE " + table + " SET blog_id = :to WHERE blog_id = :from")
                    .bind("to", to).bind("from", from).execute();
        }
    }

    /**
     * The staging row takes the blog's place: the blog's own content and everything else that belongs to it
     * (members, invitations, feed tokens, notifications, import jobs, images) move to the staging row, whose rows
     * need not move at all. The caller then deletes the blog's row and gives its name and settings to the staging row.
     * An image's files are kept under its blog's id (MediaService): a blog with images is never adopted so (see
     * {@link #mediaRows}), and its media rows move only when there are none.
     */
    public void adopt(Handle h, long blogId, long stagingId) {
        moveRows(h, CONTENT, blogId, stagingId);
        moveRows(h, DEPENDENTS, blogId, stagingId);
    }

    /**
     * How many images the blog has. Their files are stored under the blog's id, so a blog with images keeps its row
     * at the end of an import (the staged rows move to it), and an import stores the images it fetches on the blog
     * itself, never on its staging row (unless the staging row is to become the blog: a blog the import creates).
     */
    public long mediaRows(Handle h, long blogId) {
        return h.createQuery("SELECT COUNT(*) FROM media WHERE blog_id = :b").bind("b", blogId).mapTo(Long.class)
                .one();
    }

    /** A post's text in its three forms: as written (source), as shown, and its summary. */
    public record Texts(String source, String bodyHtml, String summaryHtml) {
    }

    public Texts texts(Handle h, long postId) {
        return h.createQuery("SELECT source, body_html, summary_html FROM post WHERE id = :id").bind("id", postId)
                .mapTo(Texts.class).one();
    }

    public void setTexts(Handle h, long postId, Texts t) {
        h.createUpdate("UPDATE post SET source = :source, body_html = :html, summary_html = :summary WHERE id = :id")
                .bind("source", t.source()).bind("html", t.bodyHtml()).bind("summary", t.summaryHtml())
                .bind("id", postId).execute();
    }

    /** How many posts and comments belong to the blog (which side of a final move is the smaller). */
    public long contentRows(Handle h, long blogId) {
        return h.createQuery("SELECT (SELECT COUNT(*) FROM post WHERE blog_id = :b) "
                        + "+ (SELECT COUNT(*) FROM comment WHERE blog_id = :b)")
                .bind("b", blogId).mapTo(Long.class).one();
    }


    /**
     * Deletes up to limit staged comments, else up to limit staged posts (their labels and redirects go with
     * them), else the staging row itself; returns how many rows went (0: nothing was left). In small steps, so
     * that a large import given up never holds the database for long.
     */
    public int deleteStaged(Handle h, long stagingId, int limit) {
        int n = h.createUpdate("DELETE FROM comment WHERE id IN (SELECT id FROM comment WHERE blog_id = :s "
                + "ORDER BY id DESC LIMIT :n)").bind("s", stagingId).bind("n", limit).execute();
        if (n == 0) {
            n = h.createUpdate("DELETE FROM post WHERE id IN (SELECT id FROM post WHERE blog_id = :s LIMIT :n)")
                    .bind("s", stagingId).bind("n", limit).execute();
        }
        if (n == 0) {
            n = h.createUpdate("DELETE FROM blog WHERE id = :s AND import_job IS NOT NULL").bind("s", stagingId)
                    .execute();
        }
        return n;
    }

    /** A staging row and the import it belongs to. */
    public record Staging(long id, String importJob) {
    }

    /** Staging rows whose import is over or silent since before: what a process that died left behind. */
    public List<Staging> abandonedStaging(Handle h, java.time.Instant silentSince) {
        return h.createQuery("""
                        SELECT b.id, b.import_job FROM blog b LEFT JOIN import_job j ON j.id = b.import_job
                        WHERE b.import_job IS NOT NULL AND (j.id IS NULL OR j.done OR j.beat_at < :since)""")
                .bind("since", silentSince).mapTo(Staging.class).list();
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
    public List<Unlinked> unlinkedReplies(Handle h, long stagingId) {
        return h.createQuery("SELECT id, source_parent_id FROM comment WHERE blog_id = :blog "
                        + "AND source_parent_id IS NOT NULL AND parent_id IS NULL")
                .bind("blog", stagingId).mapTo(Unlinked.class).list();
    }

    public record Unlinked(long id, String sourceParentId) {
    }

    /** The comment with this export id: its own id and, if it is a reply, the export id of what it answers. */
    public Optional<Linked> commentBySource(Handle h, long blogId, long stagingId, String sourceId) {
        return h.createQuery("SELECT id, parent_id, source_parent_id FROM comment WHERE blog_id IN (:blog, :staging) "
                        + "AND source_id = :source")
                .bind("blog", blogId).bind("staging", stagingId).bind("source", sourceId).mapTo(Linked.class)
                .findFirst();
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
