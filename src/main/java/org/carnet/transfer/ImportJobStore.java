package org.carnet.transfer;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The import_job table: imports started from the admin page, their progress and outcome, seen by every node. */
public final class ImportJobStore {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A summary or an error's arguments as stored (JSON), null for null. */
    static String json(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An error's arguments read back: a reason (a Messages.Text, stored as {"key": ..., "args": [...]}) becomes
     * one again, so that it is put in words in the language of whoever reads the status.
     */
    static Object[] args(String json) throws com.fasterxml.jackson.core.JsonProcessingException {
        Object[] args = JSON.readValue(json, Object[].class);
        for (int i = 0; i < args.length; i++) {
            args[i] = revived(args[i]);
        }
        return args;
    }

    private static Object revived(Object arg) {
        if (arg instanceof java.util.Map<?, ?> m && m.get("key") instanceof String key
                && m.get("args") instanceof java.util.List<?> list) {
            return new org.carnet.core.Messages.Text(key, list.stream().map(ImportJobStore::revived).toArray());
        }
        return arg;
    }

    /** A row as stored; summary and errorArgs are JSON. */
    public record Row(String id, long blogId, String node, boolean done, int entries, int posts, int comments,
                      String summary, String errorKey, String errorArgs, Instant startedAt, Instant beatAt) {
    }

    public void insert(Handle h, String id, long blogId, String node, Instant now) {
        h.createUpdate("INSERT INTO import_job (id, blog_id, node, started_at, beat_at) "
                        + "VALUES (:id, :blog, :node, :now, :now) ON CONFLICT (id) DO NOTHING")
                .bind("id", id).bind("blog", blogId).bind("node", node).bind("now", now).execute();
    }

    /** Ends a job whose process stopped answering: the status page then says it was interrupted. */
    public void interrupt(Handle h, String id, Instant now) {
        h.createUpdate("UPDATE import_job SET done = TRUE, error_key = 'import.interrupted', beat_at = :now "
                        + "WHERE id = :id AND NOT done")
                .bind("id", id).bind("now", now).execute();
    }

    /** Ends every job silent since before that is not done (its process died between two of its steps). */
    public void interruptSilent(Handle h, Instant silentSince, Instant now) {
        h.createUpdate("UPDATE import_job SET done = TRUE, error_key = 'import.interrupted', beat_at = :now "
                        + "WHERE NOT done AND beat_at < :since")
                .bind("since", silentSince).bind("now", now).execute();
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

    /**
     * The job, if it belongs to the blog of that name. By name, not id: an import's final step may give the blog a new
     * row (its staging row takes the blog's place, and the job moves with it), and a page asked for at that instant
     * would otherwise hold the old id while the job already has the new one.
     */
    public Optional<Row> byId(Handle h, String id, String blogName) {
        return h.createQuery("SELECT j.id, j.blog_id, j.node, j.done, j.entries, j.posts, j.comments, j.summary, "
                        + "j.error_key, j.error_args, j.started_at, j.beat_at FROM import_job j "
                        + "JOIN blog b ON b.id = j.blog_id WHERE j.id = :id AND b.name = :name")
                .bind("id", id).bind("name", blogName).mapTo(Row.class).findOne();
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM import_job WHERE id = :id").bind("id", id).execute();
    }

    /** Forgets imports finished (or abandoned) before the given time. */
    public int deleteOlderThan(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM import_job WHERE beat_at < :before").bind("before", before).execute();
    }
}
