package org.carnet.store;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of the change log (post_change) every node's search index catches up from: a change to what
 * readers can find of a post (postId), or of a whole blog (postId null: deleted). Written in the transaction
 * of the change itself.
 */
public final class ChangeLog {

    private ChangeLog() {
    }

    public static void record(Handle h, long blogId, Long postId, Instant now) {
        h.createUpdate("INSERT INTO post_change (blog_id, post_id, changed_at) VALUES (:blog, :post, :now)")
                .bind("blog", blogId).bind("post", postId).bind("now", now).execute();
    }
}
