package org.carnet.blog;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for blogs. */
public final class BlogStore {

    private static final String COLUMNS = "b.id, b.name, b.title, b.description, b.language, b.time_zone, "
            + "b.visibility, b.comment_policy, b.host, b.posts_per_page, b.moderation, b.hidden_from_engines, b.created_at, b.updated_at, "
            + "b.content_version";

    /** Not the rows where an import puts its entries until it ends (see V9__import_staging.sql). */
    private static final String REAL = " AND b.import_job IS NULL";

    public long insert(Handle h, Blog b) {
        return h.createQuery("""
                        INSERT INTO blog (name, title, description, language, time_zone, visibility, comment_policy,
                                          host, posts_per_page, moderation, hidden_from_engines, created_at,
                                          updated_at)
                        VALUES (:name, :title, :description, :language, :timeZone, :visibility, :commentPolicy,
                                :host, :postsPerPage, :moderation, :hiddenFromEngines, :createdAt, :updatedAt)
                        RETURNING id""")
                .bindMethods(b).mapTo(Long.class).one();
    }

    public void update(Handle h, Blog b) {
        h.createUpdate("""
                        UPDATE blog SET title = :title, description = :description, language = :language,
                          time_zone = :timeZone, visibility = :visibility, comment_policy = :commentPolicy,
                          host = :host, posts_per_page = :postsPerPage, moderation = :moderation,
                          hidden_from_engines = :hiddenFromEngines, updated_at = :updatedAt
                        WHERE id = :id""")
                .bindMethods(b).execute();
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM blog WHERE id = :id").bind("id", id).execute();
    }

    /**
     * The row rowId (an import's staging row) takes blog's place: its name, settings and creation time, and is no
     * longer hidden. Blog's own row must be gone first (its name and host are unique).
     */
    public void takePlace(Handle h, Blog blog, long rowId, java.time.Instant now) {
        h.createUpdate("""
                        UPDATE blog SET name = :name, title = :title, description = :description, language = :language,
                          time_zone = :timeZone, visibility = :visibility, comment_policy = :commentPolicy,
                          host = :host, posts_per_page = :postsPerPage, moderation = :moderation,
                          hidden_from_engines = :hiddenFromEngines, created_at = :createdAt, updated_at = :now,
                          import_job = NULL
                        WHERE id = :rowId""")
                .bindMethods(blog).bind("rowId", rowId).bind("now", now).execute();
    }

    public Optional<Blog> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM blog b WHERE b.name = :name" + REAL)
                .bind("name", name).mapTo(Blog.class).findOne();
    }

    /** What says whether a blog read before is still the blog as stored: see BlogService.find. */
    public record Version(long id, long contentVersion, long updatedAtMillis) {

        /** Is this the version of that blog as read? */
        public boolean of(Blog b) {
            return b.id() == id && b.contentVersion() == contentVersion
                    && (b.updatedAt() == null ? Long.MIN_VALUE : b.updatedAt().toEpochMilli()) == updatedAtMillis;
        }
    }

    /**
     * Just the columns of Version, by the unique index on name. Plain JDBC on the handle's connection: it runs on
     * every public request (page cache hits included), where JDBI's statement machinery was most of its cost.
     */
    public Optional<Version> versionByName(Handle h, String name) {
        try (java.sql.PreparedStatement st = h.getConnection().prepareStatement(
                "SELECT id, content_version, updated_at FROM blog WHERE name = ? AND import_job IS NULL")) {
            st.setString(1, name);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                long version = rs.getLong(2);
                long updated = rs.getLong(3);
                return Optional.of(new Version(id, version, rs.wasNull() ? Long.MIN_VALUE : updated));
            }
        } catch (java.sql.SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    public Optional<Blog> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM blog b WHERE b.id = :id")
                .bind("id", id).mapTo(Blog.class).findOne();
    }

    public Optional<Blog> byHost(Handle h, String host) {
        return h.createQuery("SELECT " + COLUMNS + " FROM blog b WHERE b.host = :host" + REAL)
                .bind("host", host).mapTo(Blog.class).findOne();
    }

    public List<Blog> all(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM blog b WHERE b.import_job IS NULL ORDER BY b.name").mapTo(Blog.class).list();
    }

    public List<Blog> publicBlogs(Handle h, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM blog b WHERE b.visibility = 'PUBLIC'" + REAL + " "
                        + "ORDER BY b.updated_at DESC LIMIT :limit")
                .bind("limit", limit).mapTo(Blog.class).list();
    }

    /** The blogs a user belongs to, with their role on each. */
    public List<MyBlog> ofUser(Handle h, long userId) {
        return h.createQuery("SELECT " + COLUMNS + ", m.role, (SELECT COUNT(*) FROM blog_member a "
                        + "WHERE a.blog_id = b.id AND a.role = 'ADMIN') AS admins "
                        + "FROM blog b JOIN blog_member m ON m.blog_id = b.id "
                        + "WHERE m.user_id = :user ORDER BY b.title, b.name")
                .bind("user", userId)
                .map((rs, ctx) -> {
                    Role role = Role.valueOf(rs.getString("role"));
                    return new MyBlog(ctx.findMapperFor(Blog.class).orElseThrow().map(rs, ctx), role,
                            role == Role.ADMIN && rs.getInt("admins") <= 1);
                })
                .list();
    }

    public boolean hostTaken(Handle h, String host, long exceptBlogId) {
        return h.createQuery("SELECT COUNT(*) FROM blog WHERE host = :host AND id <> :id")
                .bind("host", host).bind("id", exceptBlogId).mapTo(Integer.class).one() > 0;
    }

    /** A blog in a user's dashboard. Its only admin cannot leave it (a blog always keeps one), so is not
     *  offered to. */
    public record MyBlog(Blog blog, Role role, boolean onlyAdmin) {
    }
}
