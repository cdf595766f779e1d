package org.carnet.feed;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for private feed tokens (only their SHA-256 is ever stored). */
public final class FeedTokenStore {

    /** Replaces the member's token for the blog: the old address stops working at once. */
    public void replace(Handle h, long blogId, long userId, String tokenHash, Instant now) {
        h.createUpdate("DELETE FROM feed_token WHERE blog_id = :blog AND user_id = :user")
                .bind("blog", blogId).bind("user", userId).execute();
        h.createUpdate("INSERT INTO feed_token (token_hash, blog_id, user_id, created_at) "
                        + "VALUES (:hash, :blog, :user, :now)")
                .bind("hash", tokenHash).bind("blog", blogId).bind("user", userId).bind("now", now).execute();
    }

    public Optional<Instant> createdAt(Handle h, long blogId, long userId) {
        return h.createQuery("SELECT created_at FROM feed_token WHERE blog_id = :blog AND user_id = :user")
                .bind("blog", blogId).bind("user", userId).mapTo(Instant.class).findOne();
    }

    /** Whose token of this blog has this hash (membership is checked by the caller). */
    public Optional<Long> owner(Handle h, long blogId, String tokenHash) {
        return h.createQuery("SELECT user_id FROM feed_token WHERE blog_id = :blog AND token_hash = :hash")
                .bind("blog", blogId).bind("hash", tokenHash).mapTo(Long.class).findOne();
    }
}
