package org.carnet.trash;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the trash: its rows, and rows of the live tables copied out as they are (column name to value) and put back
 * as they were, original ids included. Copying whole rows by their columns, rather than through the records of the
 * post and comment packages, keeps every column a later migration adds, and keeps this package below those two.
 */
public final class TrashStore {

    /** The tables whose rows the trash copies; nothing else is ever named in SQL built here. */
    static final Set<String> TABLES = Set.of("post", "post_label", "post_revision", "post_redirect", "comment");

    /** A row of the trash, without its payload. */
    public record Item(long id, long blogId, Kind kind, long itemId, Long postId, Long ownerId, String title,
                       Long deletedBy, String deletedByName, Instant deletedAt) {
    }

    public enum Kind { POST, PAGE, COMMENT }

    /** Current columns of each copied table, looked up once per store (the schema changes only by migration). */
    private final Map<String, Set<String>> columns = new ConcurrentHashMap<>();

    public long insert(Handle h, long blogId, Kind kind, long itemId, Long postId, Long ownerId, String title,
                       long deletedBy, String deletedByName, Instant deletedAt, String payload) {
        return h.createQuery("""
                        INSERT INTO trash (blog_id, kind, item_id, post_id, owner_id, title, deleted_by, deleted_by_name,
                                           deleted_at, payload)
                        VALUES (:blog, :kind, :item, :post, :owner, :title, :by, :byName, :at, :payload)
                        RETURNING id""")
                .bind("blog", blogId).bind("kind", kind.name()).bind("item", itemId).bind("post", postId)
                .bind("owner", ownerId).bind("title", title).bind("by", deletedBy).bind("byName", deletedByName)
                .bind("at", deletedAt).bind("payload", payload).mapTo(Long.class).one();
    }

    private static final String ITEM_COLUMNS = "t.id, t.blog_id, t.kind, t.item_id, t.post_id, t.owner_id, t.title, "
            + "t.deleted_by, COALESCE(u.display_name, t.deleted_by_name) AS deleted_by_name, t.deleted_at";
    private static final String FROM = " FROM trash t LEFT JOIN app_user u ON u.id = t.deleted_by ";

    /** The blog's trash, newest first. */
    public List<Item> list(Handle h, long blogId, int limit) {
        return h.createQuery("SELECT " + ITEM_COLUMNS + FROM + "WHERE t.blog_id = :blog "
                        + "ORDER BY t.deleted_at DESC, t.id DESC LIMIT :limit")
                .bind("blog", blogId).bind("limit", limit).mapTo(Item.class).list();
    }

    public Optional<Item> byId(Handle h, long blogId, long id) {
        return h.createQuery("SELECT " + ITEM_COLUMNS + FROM + "WHERE t.blog_id = :blog AND t.id = :id")
                .bind("blog", blogId).bind("id", id).mapTo(Item.class).findOne();
    }

    public String payload(Handle h, long id) {
        return h.createQuery("SELECT payload FROM trash WHERE id = :id").bind("id", id).mapTo(String.class).one();
    }

    /** The trash row of a comment marked deleted (its text is there), if any. */
    public Optional<Long> ofComment(Handle h, long blogId, long commentId) {
        return h.createQuery("SELECT id FROM trash WHERE blog_id = :blog AND kind = 'COMMENT' AND item_id = :c "
                        + "ORDER BY id DESC LIMIT 1")
                .bind("blog", blogId).bind("c", commentId).mapTo(Long.class).findOne();
    }

    /** Takes a restored item's row out of the trash (a post's comments in the trash stay: they can come back now). */
    public void remove(Handle h, long blogId, long id) {
        h.createUpdate("DELETE FROM trash WHERE blog_id = :blog AND id = :id").bind("blog", blogId).bind("id", id)
                .execute();
    }

    /**
     * Deletes trash rows for good; a post's or page's rows take those of its comments with them (nothing for them to
     * go back to).
     */
    public int delete(Handle h, long blogId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        h.createUpdate("DELETE FROM trash WHERE blog_id = :blog AND kind = 'COMMENT' AND post_id IN ("
                        + "SELECT item_id FROM trash WHERE blog_id = :blog AND kind <> 'COMMENT' AND id IN (<ids>))")
                .bind("blog", blogId).bindList("ids", List.copyOf(ids)).execute();
        return h.createUpdate("DELETE FROM trash WHERE blog_id = :blog AND id IN (<ids>)")
                .bind("blog", blogId).bindList("ids", List.copyOf(ids)).execute();
    }

    /** Every blog's items deleted before the cutoff: (blog id, trash id). */
    public List<long[]> olderThan(Handle h, Instant cutoff, int limit) {
        return h.createQuery("SELECT blog_id, id FROM trash WHERE deleted_at < :cutoff ORDER BY id LIMIT :limit")
                .bind("cutoff", cutoff).bind("limit", limit)
                .map((rs, ctx) -> new long[] {rs.getLong("blog_id"), rs.getLong("id")}).list();
    }

    // --- rows of the live tables, as they are ---

    /** The rows of table where column = value, in id order when the table has ids. */
    public List<Map<String, Object>> rows(Handle h, String table, String column, long value) {
        String t = table(table);
        String order = columns(h, t).contains("id") ? " ORDER BY id" : "";
        return h.createQuery("SELECT * FROM " + t + " WHERE " + column(h, t, column) + " = :v" + order)
                .bind("v", value).mapToMap().list().stream().map(TrashStore::lowerKeys).toList();
    }

    /**
     * Puts a row back as it was, with its original id, keeping only the columns the table has now (one dropped
     * since is left out, one added since takes its default); values in overrides win. ignoreConflict: a row whose
     * key is taken meanwhile (an old address another post uses now) is left out instead of failing.
     */
    public void insertRow(Handle h, String table, Map<String, Object> row, Map<String, Object> overrides,
                          boolean ignoreConflict) {
        String t = table(table);
        Set<String> now = columns(h, t);
        Map<String, Object> values = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (now.contains(k.toLowerCase(Locale.ROOT))) {
                values.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        overrides.forEach((k, v) -> values.put(k, v));
        String cols = String.join(", ", values.keySet());
        String params = String.join(", ", values.keySet().stream().map(k -> "?").toList());
        var update = h.createUpdate("INSERT INTO " + t + " (" + cols + ") VALUES (" + params + ")"
                + (ignoreConflict ? " ON CONFLICT DO NOTHING" : ""));
        int i = 0;
        for (Object v : values.values()) {
            int at = i++;
            if (v == null) {
                update.bindNull(at, java.sql.Types.OTHER);
            } else if (v instanceof Integer n) {
                update.bind(at, n);
            } else if (v instanceof Number n) {
                update.bind(at, n.longValue());
            } else if (v instanceof Boolean b) {
                update.bind(at, b);
            } else {
                update.bind(at, v.toString());
            }
        }
        update.execute();
    }

    /** Of these user ids, those that still have an account (a row naming a user gone since keeps no link). */
    public Set<Long> existingUsers(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(h.createQuery("SELECT id FROM app_user WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).mapTo(Long.class).list());
    }

    /** Of these post ids, those of the blog's live posts. */
    public Set<Long> existingPosts(Handle h, long blogId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(h.createQuery("SELECT id FROM post WHERE blog_id = :blog AND id IN (<ids>)")
                .bind("blog", blogId).bindList("ids", List.copyOf(ids)).mapTo(Long.class).list());
    }

    public boolean exists(Handle h, String table, long blogId, long id) {
        return h.createQuery("SELECT COUNT(*) FROM " + table(table) + " WHERE blog_id = :blog AND id = :id")
                .bind("blog", blogId).bind("id", id).mapTo(Integer.class).one() > 0;
    }

    public boolean pathTaken(Handle h, long blogId, String path) {
        return h.createQuery("SELECT COUNT(*) FROM post WHERE blog_id = :blog AND path = :path")
                .bind("blog", blogId).bind("path", path).mapTo(Integer.class).one() > 0;
    }

    /** Puts back the text of a comment marked deleted; false when that comment is not (or no longer) there. */
    public boolean unmarkComment(Handle h, long blogId, Map<String, Object> row) {
        return h.createUpdate("""
                        UPDATE comment SET status = :status, deleted_by = :deletedBy, body_html = :html, body_text = :text,
                          author_url = :url, updated_at = :updated
                        WHERE blog_id = :blog AND id = :id AND status = 'DELETED'""")
                .bind("status", String.valueOf(row.get("status"))).bind("deletedBy", (String) row.get("deleted_by"))
                .bind("html", String.valueOf(row.get("body_html"))).bind("text", String.valueOf(row.get("body_text")))
                .bind("url", (String) row.get("author_url")).bind("updated", number(row.get("updated_at")))
                .bind("blog", blogId).bind("id", number(row.get("id"))).execute() == 1;
    }

    static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static String table(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a table the trash copies: " + table);
        }
        return table;
    }

    private String column(Handle h, String table, String column) {
        if (!columns(h, table).contains(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + table);
        }
        return column;
    }

    private Set<String> columns(Handle h, String table) {
        return columns.computeIfAbsent(table, t -> {
            try (Statement s = h.getConnection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + t + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                Set<String> names = new TreeSet<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    names.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
                }
                return Set.copyOf(names);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the columns of " + t, e);
            }
        });
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        row.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

}
