package org.carnet.blog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for blog membership. */
public final class MemberStore {

    public void insert(Handle h, long blogId, long userId, Role role, Instant now) {
        h.createUpdate("INSERT INTO blog_member (blog_id, user_id, role, joined_at) VALUES (:b, :u, :r, :now)")
                .bind("b", blogId).bind("u", userId).bind("r", role).bind("now", now).execute();
    }

    public Optional<Role> role(Handle h, long blogId, long userId) {
        return h.createQuery("SELECT role FROM blog_member WHERE blog_id = :b AND user_id = :u")
                .bind("b", blogId).bind("u", userId).mapTo(Role.class).findOne();
    }

    /**
     * The user's role on the blog of that name, as stored now. By name: an import's final step may give a blog a new
     * row (its staging row takes the blog's place, and the members move with it), and a request that read the blog
     * just before must not find its admin a stranger for that instant.
     */
    public Optional<Role> roleByBlogName(Handle h, String blogName, long userId) {
        return h.createQuery("SELECT m.role FROM blog_member m JOIN blog b ON b.id = m.blog_id "
                        + "WHERE b.name = :name AND b.import_job IS NULL AND m.user_id = :u")
                .bind("name", blogName).bind("u", userId).mapTo(Role.class).findOne();
    }

    public List<Member> list(Handle h, long blogId) {
        return h.createQuery("""
                        SELECT m.blog_id, m.user_id, m.role, m.joined_at, u.display_name, u.email
                        FROM blog_member m JOIN app_user u ON u.id = m.user_id
                        WHERE m.blog_id = :b ORDER BY m.role, u.display_name""")
                .bind("b", blogId).mapTo(Member.class).list();
    }

    public void setRole(Handle h, long blogId, long userId, Role role) {
        h.createUpdate("UPDATE blog_member SET role = :r WHERE blog_id = :b AND user_id = :u")
                .bind("r", role).bind("b", blogId).bind("u", userId).execute();
    }

    public void delete(Handle h, long blogId, long userId) {
        h.createUpdate("DELETE FROM blog_member WHERE blog_id = :b AND user_id = :u")
                .bind("b", blogId).bind("u", userId).execute();
    }

    public int countAdmins(Handle h, long blogId) {
        return h.createQuery("SELECT COUNT(*) FROM blog_member WHERE blog_id = :b AND role = 'ADMIN'")
                .bind("b", blogId).mapTo(Integer.class).one();
    }
}
