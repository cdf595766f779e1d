package org.carnet.account;

import java.time.Instant;
import java.util.Optional;
import org.carnet.core.Session;
import org.jdbi.v3.core.Handle;

/** SQL for sessions: stored in the database so that any node can serve any request. */
public final class SessionStore {

    public void insert(Handle h, Session s) {
        h.createUpdate("""
                        INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at)
                        VALUES (:tokenHash, :userId, :csrfToken, :createdAt, :expiresAt)""")
                .bindMethods(s).execute();
    }

    public Optional<Session> find(Handle h, String tokenHash, Instant now) {
        return h.createQuery("""
                        SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM user_session
                        WHERE token_hash = :hash AND expires_at > :now""")
                .bind("hash", tokenHash).bind("now", now).mapTo(Session.class).findOne();
    }

    public void delete(Handle h, String tokenHash) {
        h.createUpdate("DELETE FROM user_session WHERE token_hash = :hash").bind("hash", tokenHash).execute();
    }

    /** Signs a user out everywhere but the given session (after a password change). */
    public void deleteOthers(Handle h, long userId, String keepTokenHash) {
        h.createUpdate("DELETE FROM user_session WHERE user_id = :user AND token_hash <> :keep")
                .bind("user", userId).bind("keep", keepTokenHash).execute();
    }

    public int deleteExpired(Handle h, Instant now) {
        return h.createUpdate("DELETE FROM user_session WHERE expires_at <= :now").bind("now", now).execute();
    }
}
