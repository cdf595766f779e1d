package org.carnet.post;

import org.carnet.post.BodyRenderer.RenderedBody;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL for posts, pages, labels, redirects and revisions. */
public final class PostStore {

    private static final String COLUMNS = """
            p.id, p.blog_id, p.kind, p.author_id, COALESCE(u.display_name, p.guest_author) AS author_name, p.title,
            p.slug, p.path,
            p.format, p.source, p.body_html, p.summary_html, p.body_text, p.search_description, p.status,
            p.published_at, p.created_at, p.updated_at, p.comments_closed, p.comments_hidden,
            p.guest_author_url""";
    private static final String FROM = " FROM post p LEFT JOIN app_user u ON u.id = p.author_id ";
    /**
     * What readers may see: never a draft, never a scheduled post before its time. Public so that SQL elsewhere
     * (the comment feeds) applies this very rule to the post a row hangs on, instead of a copy of it; it
     * expects the post aliased p and :now bound.
     */
    public static final String VISIBLE = " p.status <> 'DRAFT' AND p.published_at <= :now ";

    /** The fields an author edits, plus what is rendered from them. */
    public record Fields(Post.Kind kind, String title, String slug, String path, BodyFormat format, String source,
                         RenderedBody body, String searchDescription, Post.Status status, Instant publishedAt,
                         CommentSwitches comments) {
    }

    /**
     * Where a post comes from, beyond what an author edits: its id in the export it was imported from (a second
     * import of the file finds it), and the name and address of an author who has no account here.
     */
    public record Origin(String sourceId, String guestAuthor, String guestAuthorUrl) {
        public static final Origin WRITTEN_HERE = new Origin(null, null, null);
    }

    /** The one INSERT of a post, whoever writes it (the editor, an import); authorId null for a guest author. */
    public long insert(Handle h, long blogId, Long authorId, Fields f, Origin origin, Instant createdAt,
                       Instant updatedAt) {
        return h.createQuery("""
                        INSERT INTO post (blog_id, author_id, kind, title, slug, path, format, source, body_html,
                                          summary_html, body_text, search_description, status, published_at,
                                          comments_closed, comments_hidden, created_at, updated_at, source_id,
                                          guest_author, guest_author_url)
                        VALUES (:blog, :author, :kind, :title, :slug, :path, :format, :source, :html, :summary,
                                :text, :description, :status, :publishedAt, :closed, :hidden, :createdAt,
                                :updatedAt, :sourceId, :guestAuthor, :guestAuthorUrl)
                        RETURNING id""")
                .bind("blog", blogId).bind("author", authorId).bind("createdAt", createdAt)
                .bind("updatedAt", updatedAt).bind("sourceId", origin.sourceId())
                .bind("guestAuthor", origin.guestAuthor()).bind("guestAuthorUrl", origin.guestAuthorUrl())
                .bindMap(fieldMap(f))
                .mapTo(Long.class).one();
    }

    public void update(Handle h, long postId, Fields f, Instant now) {
        h.createUpdate("""
                        UPDATE post SET kind = :kind, title = :title, slug = :slug, path = :path, format = :format,
                          source = :source, body_html = :html, summary_html = :summary, body_text = :text,
                          search_description = :description, status = :status, published_at = :publishedAt,
                          comments_closed = :closed, comments_hidden = :hidden, updated_at = :now
                        WHERE id = :id""")
                .bind("id", postId).bind("now", now).bindMap(fieldMap(f)).execute();
    }

    private static Map<String, Object> fieldMap(Fields f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name());
        m.put("title", f.title());
        m.put("slug", f.slug());
        m.put("path", f.path());
        m.put("format", f.format().name());
        m.put("source", f.source());
        m.put("html", f.body().html());
        m.put("summary", f.body().summaryHtml());
        m.put("text", f.body().text());
        m.put("description", f.searchDescription());
        m.put("status", f.status().name());
        m.put("publishedAt", f.publishedAt() == null ? null : f.publishedAt().toEpochMilli());
        m.put("closed", f.comments().closed());
        m.put("hidden", f.comments().hidden());
        return m;
    }

    public Optional<Post> byId(Handle h, long blogId, long id) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.id = :id")
                .bind("blog", blogId).bind("id", id).mapTo(Post.class).findOne();
    }

    public Optional<Post> byPath(Handle h, long blogId, String path) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.path = :path")
                .bind("blog", blogId).bind("path", path).mapTo(Post.class).findOne();
    }

    public boolean pathTaken(Handle h, long blogId, String path, long exceptPostId) {
        return h.createQuery("SELECT COUNT(*) FROM post WHERE blog_id = :blog AND path = :path AND id <> :id")
                .bind("blog", blogId).bind("path", path).bind("id", exceptPostId).mapTo(Integer.class).one() > 0;
    }

    /** The current path of a post that used to live at path. */
    public Optional<String> redirectTarget(Handle h, long blogId, String path) {
        return h.createQuery("""
                        SELECT p.path FROM post_redirect r JOIN post p ON p.id = r.post_id
                        WHERE r.blog_id = :blog AND r.path = :path AND p.path IS NOT NULL""")
                .bind("blog", blogId).bind("path", path).mapTo(String.class).findOne();
    }

    public void addRedirect(Handle h, long blogId, String oldPath, long postId) {
        h.createUpdate("""
                        INSERT INTO post_redirect (blog_id, path, post_id) VALUES (:blog, :path, :post)
                        ON CONFLICT (blog_id, path) DO UPDATE SET post_id = excluded.post_id""")
                .bind("blog", blogId).bind("path", oldPath).bind("post", postId).execute();
    }

    /** A path that a post now owns again is no longer a redirect. */
    public void removeRedirect(Handle h, long blogId, String path) {
        h.createUpdate("DELETE FROM post_redirect WHERE blog_id = :blog AND path = :path")
                .bind("blog", blogId).bind("path", path).execute();
    }

    public void delete(Handle h, long blogId, List<Long> ids) {
        h.createUpdate("DELETE FROM post WHERE blog_id = :blog AND id IN (<ids>)")
                .bind("blog", blogId).bindList("ids", ids).execute();
    }

    /** The blogs that have a scheduled post whose time has come. */
    public List<Long> blogsWithDuePosts(Handle h, Instant now) {
        return h.createQuery("SELECT DISTINCT blog_id FROM post WHERE status = 'SCHEDULED' AND published_at <= :now")
                .bind("now", now).mapTo(Long.class).list();
    }

    /**
     * Marks every scheduled post of those blogs whose time has come as published; returns (blog id, post id) of
     * each.
     */
    public List<long[]> publishDue(Handle h, List<Long> blogIds, Instant now) {
        // One statement: two nodes running it at once never both see the same post as theirs.
        return h.createQuery("UPDATE post SET status = 'PUBLISHED' WHERE status = 'SCHEDULED' AND published_at <= :now "
                        + "AND blog_id IN (<blogs>) RETURNING blog_id, id").bind("now", now).bindList("blogs", blogIds)
                .map((rs, ctx) -> new long[] {rs.getLong("blog_id"), rs.getLong("id")}).list();
    }

    // --- labels ---

    public void setLabels(Handle h, long blogId, long postId, List<String> labels) {
        h.createUpdate("DELETE FROM post_label WHERE post_id = :post").bind("post", postId).execute();
        for (String label : labels) {
            h.createUpdate("INSERT INTO post_label (post_id, blog_id, label) VALUES (:post, :blog, :label)")
                    .bind("post", postId).bind("blog", blogId).bind("label", label).execute();
        }
    }

    /** Labels of each post, sorted by name. */
    public Map<Long, List<String>> labelsOf(Handle h, List<Long> postIds) {
        Map<Long, List<String>> labels = new LinkedHashMap<>();
        if (postIds.isEmpty()) {
            return labels;
        }
        h.createQuery("SELECT post_id, label FROM post_label WHERE post_id IN (<ids>)")
                .bindList("ids", postIds)
                .map((rs, ctx) -> Map.entry(rs.getLong("post_id"), rs.getString("label")))
                .forEach(e -> labels.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        labels.values().forEach(l -> l.sort(Labels.ORDER));
        return labels;
    }

    /**
     * Published comments per post, for the admin's list (SQL on the comment table: the post package cannot ask the
     * comment package, which sits above it).
     */
    public Map<Long, Integer> liveCommentCounts(Handle h, List<Long> postIds) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        if (postIds.isEmpty()) {
            return counts;
        }
        h.createQuery("SELECT post_id, COUNT(*) AS n FROM comment WHERE status = 'LIVE' AND post_id IN (<ids>) "
                        + "GROUP BY post_id")
                .bindList("ids", postIds)
                .map((rs, ctx) -> Map.entry(rs.getLong("post_id"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Every label of the blog (for the editor's suggestions). */
    public List<String> allLabels(Handle h, long blogId) {
        List<String> labels = new ArrayList<>(h.createQuery("SELECT DISTINCT label FROM post_label WHERE blog_id = :blog")
                .bind("blog", blogId).mapTo(String.class).list());
        labels.sort(Labels.ORDER);
        return labels;
    }

    /** Everyone who wrote a post or page of the blog (for the admin list's author filter). */
    public List<Author> authors(Handle h, long blogId) {
        return h.createQuery("SELECT DISTINCT u.id, u.display_name FROM post p JOIN app_user u ON u.id = p.author_id "
                        + "WHERE p.blog_id = :blog ORDER BY u.display_name")
                .bind("blog", blogId).mapTo(Author.class).list();
    }

    public record Author(long id, String displayName) {
    }

    /** Labels of visible posts with how many visible posts carry each. */
    public List<LabelCount> visibleLabelCounts(Handle h, long blogId, Instant now) {
        return h.createQuery("SELECT l.label, COUNT(*) AS posts FROM post_label l JOIN post p ON p.id = l.post_id "
                        + "WHERE p.blog_id = :blog AND p.kind = 'POST' AND" + VISIBLE
                        + "GROUP BY l.label")
                .bind("blog", blogId).bind("now", now).mapTo(LabelCount.class).list().stream()
                .sorted(java.util.Comparator.comparing(LabelCount::label, Labels.ORDER)).toList();
    }

    public record LabelCount(String label, int posts) {
    }

    // --- what readers see ---

    /** Visible posts, newest first, published strictly before `before` (null: from the newest). */
    public List<Post> visible(Handle h, long blogId, Instant now, Instant before, int limit) {
        return visibleWhere(h, blogId, now, before, limit, "", q -> { });
    }

    public List<Post> visibleWithLabel(Handle h, long blogId, String label, Instant now, Instant before, int limit) {
        return visibleWhere(h, blogId, now, before, limit,
                " AND EXISTS (SELECT 1 FROM post_label l WHERE l.post_id = p.id AND l.label = :label)",
                q -> q.bind("label", label));
    }

    public List<Post> visibleByAuthor(Handle h, long blogId, long authorId, Instant now, int limit) {
        return visibleWhere(h, blogId, now, null, limit, " AND p.author_id = :author",
                q -> q.bind("author", authorId));
    }

    /**
     * Visible posts (with this label, when label is not null), newest first, skipping the first offset: the
     * feeds page with Blogger's start-index, a position rather than a date.
     */
    public List<Post> visibleAt(Handle h, long blogId, String label, Instant now, int offset, int limit) {
        Query q = h.createQuery("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.kind = 'POST' AND"
                        + VISIBLE
                        + (label != null
                        ? " AND EXISTS (SELECT 1 FROM post_label l WHERE l.post_id = p.id AND l.label = :label)" : "")
                        + " ORDER BY p.published_at DESC, p.id DESC LIMIT :limit OFFSET :offset")
                .bind("blog", blogId).bind("now", now).bind("limit", limit).bind("offset", offset);
        if (label != null) {
            q.bind("label", label);
        }
        return q.mapTo(Post.class).list();
    }

    /** Visible posts published in [from, to), newest first. */
    public List<Post> visibleBetween(Handle h, long blogId, Instant from, Instant to, Instant now, int limit) {
        return visibleWhere(h, blogId, now, to, limit, " AND p.published_at >= :from", q -> q.bind("from", from));
    }

    private List<Post> visibleWhere(Handle h, long blogId, Instant now, Instant before, int limit, String extra,
                                    java.util.function.Consumer<Query> binder) {
        Query q = h.createQuery("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.kind = 'POST' AND"
                        + VISIBLE + (before != null ? " AND p.published_at < :before" : "") + extra
                        + " ORDER BY p.published_at DESC, p.id DESC LIMIT :limit")
                .bind("blog", blogId).bind("now", now).bind("limit", limit);
        if (before != null) {
            q.bind("before", before);
        }
        binder.accept(q);
        return q.mapTo(Post.class).list();
    }

    /** Up to limit visible posts published strictly after `after`, oldest first (the "newer posts" page). */
    public List<Instant> visibleTimesAfter(Handle h, long blogId, String label, Instant now, Instant after,
                                           int limit) {
        Query q = h.createQuery("SELECT p.published_at FROM post p WHERE p.blog_id = :blog AND p.kind = 'POST' AND"
                        + VISIBLE + " AND p.published_at > :after"
                        + (label != null
                        ? " AND EXISTS (SELECT 1 FROM post_label l WHERE l.post_id = p.id AND l.label = :label)" : "")
                        + " ORDER BY p.published_at ASC LIMIT :limit")
                .bind("blog", blogId).bind("now", now).bind("after", after).bind("limit", limit);
        if (label != null) {
            q.bind("label", label);
        }
        return q.mapTo(Instant.class).list();
    }

    /** The visible post just older (older=true) or just newer than this one. */
    public Optional<Post> neighbour(Handle h, Post post, Instant now, boolean older) {
        String cmp = older
                ? "(p.published_at < :at OR (p.published_at = :at AND p.id < :id))"
                : "(p.published_at > :at OR (p.published_at = :at AND p.id > :id))";
        String order = older ? "p.published_at DESC, p.id DESC" : "p.published_at ASC, p.id ASC";
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.kind = 'POST' AND"
                        + VISIBLE + " AND " + cmp + " ORDER BY " + order + " LIMIT 1")
                .bind("blog", post.blogId()).bind("now", now).bind("at", post.publishedAt()).bind("id", post.id())
                .mapTo(Post.class).findOne();
    }

    /** Publication times of every visible post, newest first: the archive tree is grouped from them. */
    public List<Instant> visibleTimes(Handle h, long blogId, Instant now) {
        return h.createQuery("SELECT p.published_at FROM post p WHERE p.blog_id = :blog AND p.kind = 'POST' AND"
                        + VISIBLE + " ORDER BY p.published_at DESC")
                .bind("blog", blogId).bind("now", now).mapTo(Instant.class).list();
    }

    /** Visible static pages, by title (for the sidebar). */
    public List<Post> visiblePages(Handle h, long blogId, Instant now) {
        return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.kind = 'PAGE' AND" + VISIBLE
                        + " ORDER BY p.title")
                .bind("blog", blogId).bind("now", now).mapTo(Post.class).list();
    }

    /** When the next scheduled post of a blog becomes visible (pages rendered before then expire then). */
    public Optional<Instant> nextScheduled(Handle h, long blogId, Instant now) {
        return h.createQuery("SELECT MIN(published_at) FROM post WHERE blog_id = :blog AND status = 'SCHEDULED' "
                        + "AND published_at > :now").bind("blog", blogId).bind("now", now)
                .mapTo(Instant.class).findOne();
    }

    /** Path and last change of every visible post and page (what a sitemap lists), newest first. */
    public List<SitemapEntry> sitemap(Handle h, long blogId, Instant now, int limit) {
        return h.createQuery("SELECT p.path, p.updated_at FROM post p WHERE p.blog_id = :blog AND" + VISIBLE
                        + " AND p.path IS NOT NULL ORDER BY p.published_at DESC LIMIT :limit")
                .bind("blog", blogId).bind("now", now).bind("limit", limit).mapTo(SitemapEntry.class).list();
    }

    public record SitemapEntry(String path, Instant updatedAt) {
    }

    // --- the admin's list ---

    /** Filters of the admin's posts list; null or empty means "any". */
    public record Filter(Post.Kind kind, Post.Status status, String label, Long authorId, String titleContains,
                         List<Long> alsoIds) {

        public Filter(Post.Kind kind, Post.Status status, String label, Long authorId, String titleContains) {
            this(kind, status, label, authorId, titleContains, List.of());
        }
    }

    public List<Post> list(Handle h, long blogId, Filter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + "WHERE p.blog_id = :blog AND p.kind = :kind");
        if (f.status() != null) {
            sql.append(" AND p.status = :status");
        }
        if (f.label() != null && !f.label().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM post_label l WHERE l.post_id = p.id AND l.label = :label)");
        }
        if (f.authorId() != null) {
            sql.append(" AND p.author_id = :author");
        }
        if (f.titleContains() != null && !f.titleContains().isEmpty()) {
            // The title, or (found by the search index) the text of a published post.
            sql.append(" AND (LOWER(p.title) LIKE :title ESCAPE '\\'")
                    .append(f.alsoIds().isEmpty() ? ")" : " OR p.id IN (<also>))");
        }
        sql.append(" ORDER BY COALESCE(p.published_at, p.updated_at) DESC, p.id DESC LIMIT :limit");
        Query q = h.createQuery(sql.toString()).bind("blog", blogId).bind("kind", f.kind().name())
                .bind("limit", limit);
        if (f.status() != null) {
            q.bind("status", f.status().name());
        }
        if (f.label() != null && !f.label().isEmpty()) {
            q.bind("label", f.label());
        }
        if (f.authorId() != null) {
            q.bind("author", f.authorId());
        }
        if (f.titleContains() != null && !f.titleContains().isEmpty()) {
            String escaped = f.titleContains().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            q.bind("title", "%" + escaped + "%");
            if (!f.alsoIds().isEmpty()) {
                q.bindList("also", f.alsoIds());
            }
        }
        return q.mapTo(Post.class).list();
    }

    // --- revisions ---

    public void insertRevision(Handle h, long postId, long authorId, Fields f, List<String> labels, Instant now) {
        h.createUpdate("""
                        INSERT INTO post_revision (post_id, author_id, created_at, title, format, source, labels,
                                                   search_description, slug)
                        VALUES (:post, :author, :now, :title, :format, :source, :labels, :description, :slug)""")
                .bind("post", postId).bind("author", authorId).bind("now", now).bind("title", f.title())
                .bind("format", f.format().name()).bind("source", f.source()).bind("labels", String.join(", ", labels))
                .bind("description", f.searchDescription()).bind("slug", f.slug())
                .execute();
    }

    /** Keeps the newest `keep` revisions of a post. */
    public void pruneRevisions(Handle h, long postId, int keep) {
        h.createUpdate("""
                        DELETE FROM post_revision WHERE post_id = :post AND id NOT IN (
                          SELECT id FROM post_revision WHERE post_id = :post ORDER BY created_at DESC, id DESC
                          LIMIT :keep)""")
                .bind("post", postId).bind("keep", keep).execute();
    }

    public List<Revision> revisions(Handle h, long postId) {
        return h.createQuery(REVISION_SELECT + "WHERE r.post_id = :post ORDER BY r.created_at DESC, r.id DESC")
                .bind("post", postId).mapTo(Revision.class).list();
    }

    public Optional<Revision> revision(Handle h, long postId, long revisionId) {
        return h.createQuery(REVISION_SELECT + "WHERE r.post_id = :post AND r.id = :id")
                .bind("post", postId).bind("id", revisionId).mapTo(Revision.class).findOne();
    }

    private static final String REVISION_SELECT = """
            SELECT r.id, r.post_id, r.author_id, u.display_name AS author_name, r.created_at, r.title, r.format,
                   r.source, r.labels, r.search_description, r.slug
            FROM post_revision r LEFT JOIN app_user u ON u.id = r.author_id
            """;

    /** A saved version of a post. labels is the comma-separated list as it was. */
    public record Revision(long id, long postId, Long authorId, String authorName, Instant createdAt, String title,
                           BodyFormat format, String source, String labels, String searchDescription,
                           String slug) {
    }
}
