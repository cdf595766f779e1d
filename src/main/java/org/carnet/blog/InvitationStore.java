package org.carnet.blog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for invitations. */
public final class InvitationStore {

    private static final String COLUMNS =
            "id, blog_id, role, created_by, created_at, expires_at, accepted_by, accepted_at, invitee";

    public long insert(Handle h, long blogId, String tokenHash, Role role, long createdBy, Instant now,
                       Instant expiresAt, String invitee) {
        return h.createQuery("""
                        INSERT INTO invitation (blog_id, token_hash, role, created_by, created_at, expires_at, invitee)
                        VALUES (:b, :hash, :role, :by, :now, :exp, :invitee) RETURNING id""")
                .bind("b", blogId).bind("hash", tokenHash).bind("role", role).bind("by", createdBy)
                .bind("now", now).bind("exp", expiresAt).bind("invitee", invitee)
                .mapTo(Long.class).one();
    }

    public Optional<Invitation> byTokenHash(Handle h, String tokenHash) {
        return h.createQuery("SELECT " + COLUMNS + " FROM invitation WHERE token_hash = :hash")
                .bind("hash", tokenHash).mapTo(Invitation.class).findOne();
    }

    public List<Invitation> pending(Handle h, long blogId, Instant now) {
        return h.createQuery("SELECT " + COLUMNS + " FROM invitation WHERE blog_id = :b AND accepted_at IS NULL "
                        + "AND expires_at > :now ORDER BY created_at DESC")
                .bind("b", blogId).bind("now", now).mapTo(Invitation.class).list();
    }

    /** Marks the invitation used; false when someone else used it first (it is single-use). */
    public boolean markAccepted(Handle h, long id, long userId, Instant now) {
        return h.createUpdate("UPDATE invitation SET accepted_by = :u, accepted_at = :now "
                        + "WHERE id = :id AND accepted_at IS NULL")
                .bind("u", userId).bind("now", now).bind("id", id).execute() == 1;
    }

    public void delete(Handle h, long blogId, long id) {
        h.createUpdate("DELETE FROM invitation WHERE id = :id AND blog_id = :b")
                .bind("id", id).bind("b", blogId).execute();
    }
}
