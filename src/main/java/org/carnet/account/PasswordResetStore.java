package org.carnet.account;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for password reset links: only the SHA-256 of each link's token is stored. */
public final class PasswordResetStore {

    /** One link as stored: whose it is, until when it works, and when it was used (null: not yet). */
    public record Link(String tokenHash, long userId, Instant expiresAt, Instant usedAt) {
    }

    public void insert(Handle h, String tokenHash, long userId, Instant now, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO password_reset (token_hash, user_id, created_at, expires_at)
                        VALUES (:hash, :user, :now, :expires)""")
                .bind("hash", tokenHash).bind("user", userId).bind("now", now).bind("expires", expiresAt).execute();
    }

    public Optional<Link> find(Handle h, String tokenHash) {
        return h.createQuery("""
                        SELECT token_hash, user_id, expires_at, used_at FROM password_reset WHERE token_hash = :hash""")
                .bind("hash", tokenHash).mapTo(Link.class).findOne();
    }

    /**
     * Uses the link up, if it is still unused and unexpired at this instant. False when another request used it
     * first (two submissions at once): the condition in the UPDATE decides, not an earlier read.
     */
    public boolean useUp(Handle h, String tokenHash, Instant now) {
        return h.createUpdate("""
                        UPDATE password_reset SET used_at = :now
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("now", now).execute() == 1;
    }

    /** The account's other links, which a new password makes pointless (an older mail must not work any more). */
    public void deleteOthers(Handle h, long userId, String keepTokenHash) {
        h.createUpdate("DELETE FROM password_reset WHERE user_id = :user AND token_hash <> :keep")
                .bind("user", userId).bind("keep", keepTokenHash).execute();
    }
}
