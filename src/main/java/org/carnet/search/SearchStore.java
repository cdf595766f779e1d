package org.carnet.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** SQL for keeping a node's search index in step with the database: the change log and what to index. */
public final class SearchStore {

    /** One line of the change log; postId null means the whole blog (deleted). */
    public record Change(long seq, long blogId, Long postId) {
    }

    public List<Change> changesAfter(Handle h, long seq, int limit) {
        return h.createQuery("SELECT seq, blog_id, post_id FROM post_change WHERE seq > :seq ORDER BY seq LIMIT :limit")
                .bind("seq", seq).bind("limit", limit).mapTo(Change.class).list();
    }

    public long lastSeq(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM post_change").mapTo(Long.class).one();
    }

    private static final String DOC = """
            SELECT p.id AS post_id, p.blog_id, b.language, p.title, p.body_text AS text, p.published_at, p.path,
                   (SELECT STRING_AGG(l.label, '\u001f') FROM post_label l WHERE l.post_id = p.id) AS labels
            FROM post p JOIN blog b ON b.id = p.blog_id
            WHERE p.kind = 'POST' AND p.status <> 'DRAFT' AND p.published_at <= :now AND p.path IS NOT NULL
            """;

    /** What readers can find of a post right now: its document, or empty when it is not visible (or gone). */
    public Optional<PostDoc> visibleDoc(Handle h, long postId, Instant now) {
        return h.createQuery(DOC + " AND p.id = :id").bind("now", now).bind("id", postId)
                .map((rs, ctx) -> doc(rs)).findOne();
    }

    /** Every visible post of the instance, streamed (for a rebuild). */
    public void allVisible(Handle h, Instant now, Consumer<PostDoc> each) {
        h.createQuery(DOC).bind("now", now).setFetchSize(500).map((rs, ctx) -> doc(rs))
                .useStream(s -> s.forEach(each));
    }

    private static PostDoc doc(java.sql.ResultSet rs) throws java.sql.SQLException {
        String labels = rs.getString("labels");
        return new PostDoc(rs.getLong("post_id"), rs.getLong("blog_id"), rs.getString("language"),
                rs.getString("title"), rs.getString("text"),
                labels == null ? List.of() : List.of(labels.split("\u001f")),
                Instant.ofEpochMilli(rs.getLong("published_at")), rs.getString("path"));
    }
}
