package org.carnet.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carnet.core.User;
import org.jdbi.v3.core.Handle;

/** SQL for accounts. */
public final class UserStore {

    private static final String COLUMNS =
            "id, email, display_name, about, language, instance_admin, created_at";

    public long insert(Handle h, String email, String displayName, String passwordHash, boolean instanceAdmin,
                       Instant now) {
        return h.createQuery("""
                        INSERT INTO app_user (email, display_name, password_hash, instance_admin, created_at)
                        VALUES (:email, :name, :hash, :admin, :now) RETURNING id""")
                .bind("email", email).bind("name", displayName).bind("hash", passwordHash)
                .bind("admin", instanceAdmin).bind("now", now)
                .mapTo(Long.class).one();
    }

    public Optional<User> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE id = :id")
                .bind("id", id).mapTo(User.class).findOne();
    }

    public Optional<User> byEmail(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE email = :email")
                .bind("email", email).mapTo(User.class).findOne();
    }

    public Optional<String> passwordHash(Handle h, long userId) {
        return h.createQuery("SELECT password_hash FROM app_user WHERE id = :id")
                .bind("id", userId).mapTo(String.class).findOne();
    }

    public void updatePasswordHash(Handle h, long userId, String hash) {
        h.createUpdate("UPDATE app_user SET password_hash = :hash WHERE id = :id")
                .bind("hash", hash).bind("id", userId).execute();
    }

    public void updateProfile(Handle h, long userId, String displayName, String about, String language) {
        h.createUpdate("UPDATE app_user SET display_name = :name, about = :about, language = :lang WHERE id = :id")
                .bind("name", displayName).bind("about", about).bind("lang", language).bind("id", userId)
                .execute();
    }

    /** The blogs whose pages show the user's name: those they are a member of or have commented on. */
    public List<Long> blogsShowing(Handle h, long userId) {
        return h.createQuery("SELECT blog_id FROM blog_member WHERE user_id = :id "
                        + "UNION SELECT blog_id FROM comment WHERE author_id = :id")
                .bind("id", userId).mapTo(Long.class).list();
    }

    /** The account, if it exists and is not disabled (a session of a disabled account is no one's). */
    public Optional<User> activeById(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE id = :id AND disabled_at IS NULL")
                .bind("id", id).mapTo(User.class).findOne();
    }

    public boolean isDisabled(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM app_user WHERE id = :id AND disabled_at IS NOT NULL")
                .bind("id", id).mapTo(Integer.class).one() > 0;
    }

    /** Every account, for the instance screen: newest first, with whether it is disabled. */
    public List<Account> all(Handle h, int limit) {
        return h.createQuery("SELECT " + COLUMNS + ", disabled_at FROM app_user ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Account(ctx.findMapperFor(User.class).orElseThrow().map(rs, ctx),
                        rs.getObject("disabled_at") != null))
                .list();
    }

    public void setDisabled(Handle h, long id, java.time.Instant at) {
        h.createUpdate("UPDATE app_user SET disabled_at = :at WHERE id = :id").bind("at", at).bind("id", id)
                .execute();
    }

    public void setInstanceAdmin(Handle h, long id, boolean admin) {
        h.createUpdate("UPDATE app_user SET instance_admin = :admin WHERE id = :id").bind("admin", admin)
                .bind("id", id).execute();
    }

    /** Instance admins whose accounts are active. */
    public long activeInstanceAdmins(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM app_user WHERE instance_admin = TRUE AND disabled_at IS NULL")
                .mapTo(Long.class).one();
    }

    public Optional<User> firstInstanceAdmin(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE instance_admin = TRUE ORDER BY id LIMIT 1")
                .mapTo(User.class).findOne();
    }

    public long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM app_user").mapTo(Long.class).one();
    }
}
