package org.carnet.transfer;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The import_job table: imports started from the admin page, their progress and outcome, seen by every node. */
public final class ImportJobStore {

    /** A row as stored; summary and errorArgs are JSON. */
    public record Row(String id, long blogId, String node, boolean done, int entries, int posts, int comments,
                      String summary, String errorKey, String errorArgs, Instant startedAt, Instant beatAt) {
    }

    public void insert(Handle h, String id, long blogId, String node, Instant now) {
        h.createUpdate("INSERT INTO import_job (id, blog_id, node, started_at, beat_at) "
                        + "VALUES (:id, :blog, :node, :now, :now)")
                .bind("id", id).bind("blog", blogId).bind("node", node).bind("now", now).execute();
    }

    /** Progress of a running import, and the heartbeat of the node running it. */
    public void progress(Handle h, String id, int entries, int posts, int comments, Instant now) {
        h.createUpdate("UPDATE import_job SET entries = :e, posts = :p, comments = :c, beat_at = :now "
                        + "WHERE id = :id AND NOT done")
                .bind("id", id).bind("e", entries).bind("p", posts).bind("c", comments).bind("now", now).execute();
    }

    public void finish(Handle h, String id, int entries, int posts, int comments, String summary, String errorKey,
                       String errorArgs, Instant now) {
        h.createUpdate("""
                        UPDATE import_job SET done = TRUE, entries = :e, posts = :p, comments = :c, summary = :s,
                          error_key = :k, error_args = :a, beat_at = :now WHERE id = :id""")
                .bind("id", id).bind("e", entries).bind("p", posts).bind("c", comments).bind("s", summary)
                .bind("k", errorKey).bind("a", errorArgs).bind("now", now).execute();
    }

    public Optional<Row> byId(Handle h, String id, long blogId) {
        return h.createQuery("SELECT id, blog_id, node, done, entries, posts, comments, summary, error_key, "
                        + "error_args, started_at, beat_at FROM import_job WHERE id = :id AND blog_id = :blog")
                .bind("id", id).bind("blog", blogId).mapTo(Row.class).findOne();
    }

    /** Forgets imports finished (or abandoned) before the given time. */
    public int deleteOlderThan(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM import_job WHERE beat_at < :before").bind("before", before).execute();
    }
}
