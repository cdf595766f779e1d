package org.carnet.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The media table: SQL you can read, nothing else. */
final class MediaTable {

    private static final String COLUMNS = """
            m.id, m.blog_id, m.content_hash, m.original_name, m.mime, m.width, m.height, m.bytes, m.alt,
            m.uploader_id, u.display_name AS uploader_name, m.created_at""";
    private static final String FROM = " FROM media m LEFT JOIN app_user u ON u.id = m.uploader_id ";

    private static final RowMapper<Media> MEDIA = (rs, ctx) -> {
        long uploader = rs.getLong("uploader_id");
        return new Media(rs.getLong("id"), rs.getLong("blog_id"), rs.getString("content_hash"),
                rs.getString("original_name"), rs.getString("mime"), rs.getInt("width"), rs.getInt("height"),
                rs.getLong("bytes"), rs.getString("alt"), rs.wasNull() ? null : uploader,
                rs.getString("uploader_name"), Instant.ofEpochMilli(rs.getLong("created_at")));
    };

    long insert(Handle h, long blogId, ImageIntake.Accepted image, String originalName, String alt, Long uploaderId,
                Instant now) {
        return h.createUpdate("""
                        INSERT INTO media (blog_id, content_hash, original_name, mime, width, height, bytes, alt,
                                           uploader_id, created_at)
                        VALUES (:blog, :hash, :name, :mime, :width, :height, :bytes, :alt, :uploader, :now)""")
                .bind("blog", blogId).bind("hash", image.sha256()).bind("name", originalName)
                .bind("mime", image.format().mime).bind("width", image.width()).bind("height", image.height())
                .bind("bytes", image.bytes()).bind("alt", alt).bind("uploader", uploaderId)
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<Media> byHash(Handle h, long blogId, String hash) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE m.blog_id = :blog AND m.content_hash = :hash")
                .bind("blog", blogId).bind("hash", hash).map(MEDIA).findOne();
    }

    /** The blog's images with any of these content hashes (those a page shows). */
    List<Media> byHashes(Handle h, long blogId, List<String> hashes) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE m.blog_id = :blog AND m.content_hash IN (<hashes>)")
                .bind("blog", blogId).bindList("hashes", hashes).map(MEDIA).list();
    }

    Optional<Media> byId(Handle h, long blogId, long id) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE m.blog_id = :blog AND m.id = :id")
                .bind("blog", blogId).bind("id", id).map(MEDIA).findOne();
    }

    /** A blog's images, newest first; those whose uploaded name contains q (any case) when q is given. */
    List<Media> list(Handle h, long blogId, String q, int limit) {
        String where = q == null ? "" : " AND LOWER(m.original_name) LIKE :q ESCAPE '\\'";
        var query = h.createQuery("SELECT " + COLUMNS + FROM + "WHERE m.blog_id = :blog" + where
                        + " ORDER BY m.created_at DESC, m.id DESC LIMIT :limit")
                .bind("blog", blogId).bind("limit", limit);
        if (q != null) {
            query.bind("q", "%" + likeEscape(q.toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        return query.map(MEDIA).list();
    }

    long bytesOf(Handle h, long blogId) {
        return h.createQuery("SELECT COALESCE(SUM(bytes), 0) FROM media WHERE blog_id = :blog")
                .bind("blog", blogId).mapTo(Long.class).one();
    }

    void setAlt(Handle h, long id, String alt) {
        h.createUpdate("UPDATE media SET alt = :alt WHERE id = :id").bind("alt", alt).bind("id", id).execute();
    }

    void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM media WHERE id = :id").bind("id", id).execute();
    }

    /** A post or page of the blog whose text names the image's address: its id and title. */
    record Use(long postId, String title, String kind) {
    }

    /**
     * Posts and pages (drafts included) whose source mentions /media/{hash}/: every variant of the image, on the
     * blog's own host or not. A LIKE over the blog's posts: the hash is unique enough to need no index of uses.
     */
    List<Use> uses(Handle h, long blogId, String hash) {
        return h.createQuery("""
                        SELECT id, title, kind FROM post WHERE blog_id = :blog AND source LIKE :needle
                        ORDER BY id DESC LIMIT 50""")
                .bind("blog", blogId).bind("needle", "%/media/" + hash + "/%")
                .map((rs, ctx) -> new Use(rs.getLong("id"), rs.getString("title"), rs.getString("kind"))).list();
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
