package org.carnet.store;

import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of the change log (post_change) every node's search index catches up from: a change to what
 * readers can find of a post (postId), or of a whole blog (postId null: deleted). Written in the transaction
 * of the change itself.
 *
 * <p>A reader catches up with "seq greater than the last one I applied", which is only safe if sequence numbers
 * become visible in order. On SQLite they do (one writer at a time). On PostgreSQL two transactions can take
 * numbers 9 and 10 and commit 10 first: a node reading then would move past 9 and never see it. So writers of
 * the log take one transaction-scoped advisory lock before taking their number, and hold it until they commit:
 * numbers are then committed in order. Only BlogWrites writes here, at the end of each write's transaction, so the
 * lock is held for a few milliseconds.
 */
final class ChangeLog {

    /** The advisory lock key ("carnet" + "log" in ASCII, any constant would do). */
    private static final long LOCK_KEY = 0x636172_6e65_746cL;

    private ChangeLog() {
    }

    static void record(Handle h, long blogId, Long postId, Instant now) {
        lock(h);
        h.createUpdate("INSERT INTO post_change (blog_id, post_id, changed_at) VALUES (:blog, :post, :now)")
                .bind("blog", blogId).bind("post", postId).bind("now", now).execute();
    }

    /**
     * Records a change of every post of the blog whose id is at least fromPostId, in one statement (an import's
     * thousands of posts: one round trip, not one each).
     */
    static void recordPostsOf(Handle h, long blogId, long fromPostId, Instant now) {
        lock(h);
        h.createUpdate("INSERT INTO post_change (blog_id, post_id, changed_at) "
                        + "SELECT blog_id, id, :now FROM post WHERE blog_id = :blog AND id >= :from ORDER BY id")
                .bind("blog", blogId).bind("from", fromPostId).bind("now", now).execute();
    }

    private static void lock(Handle h) {
        if (isPostgres(h)) {
            h.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", LOCK_KEY).mapTo(String.class).one();
        }
    }

    private static boolean isPostgres(Handle h) {
        try {
            return Dialect.of(h.getConnection().getMetaData().getURL()) == Dialect.POSTGRESQL;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database's kind", e);
        }
    }
}
