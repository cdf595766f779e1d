package org.carnet.transfer;

import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a WordPress export (WXR 1.x: RSS 2.0 plus the {@code http://wordpress.org/export/1.x/} namespace) and
 * streams what it finds to an {@link ImportSink}: the blog once, then each item as a post, page or skipped
 * entry followed by its comments. Only one item is held in memory at a time, so a 500 MB export is cheap.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Types.</b> {@code wp:post_type} post and page are imported; attachment, nav_menu_item, revision and
 *     any custom type are reported through {@link ImportSink#skipped}, with their comments.</li>
 * <li><b>Statuses.</b> publish is published. future is published too, with its (future) date, so Carnet
 *     schedules it as WordPress did. draft, pending and private become drafts: private was never public, and
 *     a Carnet draft is the only way to keep it hidden. A password-protected post also becomes a draft, since
 *     Carnet has no post passwords and publishing it would show what its author protected. trash and
 *     auto-draft are skipped. An unknown status becomes a draft: never publish what we do not understand.</li>
 * <li><b>Dates.</b> {@code wp:post_date_gmt} is UTC. WordPress writes {@code 0000-00-00 00:00:00} there for
 *     drafts, and very old exports omit it; then {@code wp:post_date} (the blog's local time, with no offset
 *     in the file) is read <em>as if it were UTC</em>, the only choice that needs no guess about the blog's
 *     time zone. The same rule holds for {@code updated} (post_modified) and comment dates.</li>
 * <li><b>Paths.</b> {@link ImportedPost#path()} is the path (and query) of the item's {@code <link>} exactly
 *     as WordPress wrote it, whatever its shape ({@code /2022/01/17/mon-article/}, {@code /?p=123}); the
 *     importer decides whether Carnet can serve it or must redirect it. Drafts get no path.</li>
 * <li><b>Bodies.</b> {@code content:encoded} goes through {@link Wpautop}, because WordPress stores
 *     paragraphs as blank lines and only adds {@code <p>} when it displays a post.</li>
 * <li><b>Comments.</b> {@code wp:comment_approved} 1 is LIVE, 0 PENDING, spam SPAM; trash and post-trashed
 *     are skipped; anything else is PENDING so that a person looks at it. Only ordinary comments are
 *     imported (type empty or "comment"); pingbacks, trackbacks and other types are skipped. A commenter
 *     with no name is {@code ImportedAuthor(null, null, true)}. Comment bodies are passed on untouched: the
 *     importer sanitises them.</li>
 * <li><b>Ids.</b> sourceIds are {@code wxr:post:<wp:post_id>} and {@code wxr:comment:<wp:comment_id>}: the
 *     same file imported twice gives the same ids.</li>
 * </ul>
 *
 * <h2>Hostile files</h2>
 * The file is read through {@link SafeXml}, as Blogger's are, and refused as they are: a DTD (so no entity
 * expansion bombs and no external entities), nesting deeper than {@value SafeXml#MAX_DEPTH} levels, an element's
 * text or a single XML value larger than {@link #MAX_VALUE}, a truncated file (with the item reached).
 * The caller owns the stream and closes it.
 */
public final class WxrReader {

    /**
     * The largest text of one element (characters) and single XML value (bytes): far above any real post, far
     * below a heap's worth.
     */
    static final long MAX_VALUE = 16L * 1024 * 1024;

    static final String NOT_WXR = "notWxr";

    private static final Pattern WP_NAMESPACE = Pattern.compile("http://wordpress\\.org/export/1\\.\\d+/");
    private static final Pattern EXCERPT_NAMESPACE =
            Pattern.compile("http://wordpress\\.org/export/1\\.\\d+/excerpt/");
    private static final String CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC_NAMESPACE = "http://purl.org/dc/elements/1.1/";

    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** WordPress's default category, which says nothing about a post, in the languages Carnet speaks. */
    private static final Set<String> DEFAULT_CATEGORIES = Set.of("uncategorized", "non classé");

    private final SafeXml xml;
    private final ImportSink sink;
    private String wpNamespace;
    private int items;

    private WxrReader(SafeXml xml, ImportSink sink) {
        this.xml = xml;
        this.sink = sink;
    }

    /**
     * Reads a whole WXR file, calling {@code sink} as it goes.
     *
     * @throws ImportFormatException when the file is not a WordPress export, is hostile or truncated, or an
     *                               item makes no sense; entries already sent to the sink must then be
     *                               thrown away by the caller (imports are all-or-nothing)
     */
    public static void read(InputStream in, ImportSink sink) {
        read(in, sink, MAX_VALUE);
    }

    /** {@link #read(InputStream, ImportSink)} with another limit for {@link SafeXml}, so tests need no 16 MB files. */
    static void read(InputStream in, ImportSink sink, long maxValue) {
        try (SafeXml xml = SafeXml.open(in, maxValue)) {
            new WxrReader(xml, sink).readDocument();
        }
    }

    private void readDocument() {
        // Anything that breaks before the root (not XML at all, an empty file) is "not a WordPress export"
        // rather than a parse error; a DTD is still refused as such.
        if (!xml.toRoot() || !xml.is("", "rss")) {
            throw new ImportFormatException(0, NOT_WXR);
        }
        wpNamespace = wxrNamespace();
        if (wpNamespace == null) {
            throw new ImportFormatException(0, NOT_WXR);
        }
        boolean sawChannel = false;
        while (xml.nextChild()) {
            if (xml.is("", "channel")) {
                readChannel();
                sawChannel = true;
            } else {
                xml.skip();
            }
        }
        if (!sawChannel) {
            throw new ImportFormatException(0, NOT_WXR);
        }
    }

    /** Plain RSS feeds are RSS too; only the wp: namespace, declared on the root, tells an export from a feed. */
    private String wxrNamespace() {
        for (String uri : xml.declaredNamespaces()) {
            if (WP_NAMESPACE.matcher(uri).matches()) {
                return uri;
            }
        }
        return null;
    }

    private void readChannel() {
        String title = null;
        String description = null;
        String link = null;
        String baseBlogUrl = null;
        String language = null;
        Map<String, String> displayNames = new HashMap<>();
        boolean blogSent = false;
        while (xml.nextChild()) {
            switch (key()) {
                case "title" -> title = xml.leafText();
                case "description" -> description = xml.leafText();
                case "link" -> link = xml.leafText();
                case "language", "wp:language" -> language = xml.leafText();
                case "wp:base_blog_url" -> baseBlogUrl = xml.leafText();
                case "wp:author" -> readAuthor(displayNames);
                case "item" -> {
                    // WordPress writes the blog's settings before the items; send them as soon as items begin
                    // so that the sink knows the blog before its posts.
                    if (!blogSent) {
                        sink.blog(blog(title, description, language, link, baseBlogUrl));
                        blogSent = true;
                    }
                    xml.entry(++items);
                    readItem(displayNames);
                }
                default -> xml.skip();
            }
        }
        if (!blogSent) {
            sink.blog(blog(title, description, language, link, baseBlogUrl));
        }
    }

    private static ImportedBlog blog(String title, String description, String language, String link,
                                     String baseBlogUrl) {
        // WXR has no time zone: each post's GMT date is all we need, so timeZone stays null.
        String home = ExportText.trimmed(link);
        return new ImportedBlog(ExportText.trimmed(title), ExportText.trimmed(description),
                ExportText.language(language), null, home != null ? home : ExportText.trimmed(baseBlogUrl));
    }

    /** dc:creator holds a login; the wp:author blocks before the items give the name readers saw. */
    private void readAuthor(Map<String, String> displayNames) {
        String login = null;
        String displayName = null;
        while (xml.nextChild()) {
            switch (key()) {
                case "wp:author_login" -> login = xml.leafText().strip();
                case "wp:author_display_name" -> displayName = xml.leafText().strip();
                default -> xml.skip();
            }
        }
        if (login != null && !login.isEmpty() && displayName != null && !displayName.isEmpty()) {
            displayNames.put(login, displayName);
        }
    }

    private void readItem(Map<String, String> displayNames) {
        var item = new Item();
        while (xml.nextChild()) {
            switch (key()) {
                case "title" -> item.title = xml.leafText();
                case "link" -> item.link = xml.leafText();
                case "dc:creator" -> item.creator = xml.leafText().strip();
                case "content:encoded" -> item.content = xml.leafText();
                case "excerpt:encoded" -> item.excerpt = xml.leafText();
                case "wp:post_id" -> item.id = xml.leafText().strip();
                case "wp:post_date" -> item.date = xml.leafText();
                case "wp:post_date_gmt" -> item.dateGmt = xml.leafText();
                case "wp:post_modified" -> item.modified = xml.leafText();
                case "wp:post_modified_gmt" -> item.modifiedGmt = xml.leafText();
                case "wp:post_type" -> item.type = xml.leafText().strip();
                case "wp:status" -> item.status = xml.leafText().strip();
                case "wp:post_password" -> item.password = xml.leafText();
                case "category" -> readCategory(item.labels);
                case "wp:comment" -> item.comments.add(readComment());
                default -> xml.skip();
            }
        }
        if (item.id == null || item.id.isEmpty()) {
            throw xml.refuse("wxr.noPostId");
        }
        emit(item, displayNames);
    }

    /** Categories and tags both become Carnet labels; other taxonomies (post formats...) are not labels. */
    private void readCategory(Set<String> labels) {
        String domain = xml.attribute("domain");
        String nicename = xml.attribute("nicename");
        String name = xml.leafText().strip();
        if (!"category".equals(domain) && !"post_tag".equals(domain)) {
            return;
        }
        boolean defaultCategory = "category".equals(domain)
                && (DEFAULT_CATEGORIES.contains(name.toLowerCase(Locale.ROOT)) || "uncategorized".equals(nicename));
        if (!name.isEmpty() && !defaultCategory) {
            labels.add(name);
        }
    }

    private RawComment readComment() {
        var comment = new RawComment();
        while (xml.nextChild()) {
            switch (key()) {
                case "wp:comment_id" -> comment.id = xml.leafText().strip();
                case "wp:comment_parent" -> comment.parent = xml.leafText().strip();
                case "wp:comment_approved" -> comment.approved = xml.leafText().strip();
                case "wp:comment_type" -> comment.type = xml.leafText().strip();
                case "wp:comment_author" -> comment.author = xml.leafText().strip();
                case "wp:comment_author_url" -> comment.authorUrl = xml.leafText().strip();
                case "wp:comment_content" -> comment.content = xml.leafText();
                case "wp:comment_date" -> comment.date = xml.leafText();
                case "wp:comment_date_gmt" -> comment.dateGmt = xml.leafText();
                default -> xml.skip();
            }
        }
        return comment;
    }

    /** Turns a finished item into sink calls: the post (or why it is skipped), then its comments. */
    private void emit(Item item, Map<String, String> displayNames) {
        String sourceId = "wxr:post:" + item.id;
        String skipReason = skipReason(item);
        if (skipReason != null) {
            sink.skipped(sourceId, skipReason);
            for (RawComment comment : item.comments) {
                sink.skipped(commentSourceId(comment), "on an entry that is not imported (" + sourceId + ")");
            }
            return;
        }
        boolean draft = isDraft(item);
        OffsetDateTime published = date("wp:post_date_gmt", item.dateGmt, "wp:post_date", item.date);
        if (published == null) {
            throw xml.refuse("wxr.noPostDate", item.id);
        }
        OffsetDateTime updated = date("wp:post_modified_gmt", item.modifiedGmt, "wp:post_modified", item.modified);
        ImportedAuthor author = item.creator == null || item.creator.isEmpty() ? null
                : new ImportedAuthor(displayNames.getOrDefault(item.creator, item.creator), null, false);
        sink.post(new ImportedPost(sourceId,
                "page".equals(item.type) ? ImportedPost.Kind.PAGE : ImportedPost.Kind.POST,
                ExportText.title(item.title),
                Wpautop.paragraphs(item.content == null ? "" : item.content),
                List.copyOf(item.labels),
                ExportText.trimmed(item.excerpt),
                draft ? null : path(item.link),
                draft, published, updated, author));
        for (RawComment comment : item.comments) {
            emitComment(comment, sourceId);
        }
    }

    private static String skipReason(Item item) {
        if (!"post".equals(item.type) && !"page".equals(item.type)) {
            return "not a post or page (wp:post_type " + (item.type == null ? "missing" : item.type) + ")";
        }
        if ("trash".equals(item.status)) {
            return "in the WordPress trash";
        }
        if ("auto-draft".equals(item.status)) {
            return "an automatic draft WordPress never saved";
        }
        return null;
    }

    /** See the class comment: only publish and future are public, and only without a password. */
    private static boolean isDraft(Item item) {
        boolean publicStatus = "publish".equals(item.status) || "future".equals(item.status);
        boolean protectedByPassword = item.password != null && !item.password.isEmpty();
        return !publicStatus || protectedByPassword;
    }

    private void emitComment(RawComment comment, String postSourceId) {
        String sourceId = commentSourceId(comment);
        if (!comment.type.isEmpty() && !"comment".equals(comment.type)) {
            sink.skipped(sourceId, "a " + comment.type + ", not a comment");
            return;
        }
        ImportedComment.Status status = switch (comment.approved) {
            case "1" -> ImportedComment.Status.LIVE;
            case "spam" -> ImportedComment.Status.SPAM;
            case "trash", "post-trashed" -> null;
            default -> ImportedComment.Status.PENDING;
        };
        if (status == null) {
            sink.skipped(sourceId, "in the WordPress trash");
            return;
        }
        OffsetDateTime published = date("wp:comment_date_gmt", comment.dateGmt, "wp:comment_date", comment.date);
        if (published == null) {
            throw xml.refuse("wxr.noCommentDate", comment.id);
        }
        boolean anonymous = comment.author.isEmpty();
        String parent = comment.parent.isEmpty() || "0".equals(comment.parent) ? null
                : "wxr:comment:" + comment.parent;
        sink.comment(new ImportedComment(sourceId, postSourceId, parent,
                new ImportedAuthor(anonymous ? null : comment.author, null, anonymous),
                ExportText.trimmed(comment.authorUrl), comment.content, published, status));
    }

    private String commentSourceId(RawComment comment) {
        if (comment.id == null || comment.id.isEmpty()) {
            throw xml.refuse("wxr.noCommentId");
        }
        return "wxr:comment:" + comment.id;
    }

    /**
     * The GMT date when there is one, else the local one read as UTC (see the class comment); null when the
     * item has neither. WordPress's "0000-00-00 00:00:00" means "not set".
     */
    private OffsetDateTime date(String gmtName, String gmt, String localName, String local) {
        OffsetDateTime date = parseDate(gmtName, gmt);
        return date != null ? date : parseDate(localName, local);
    }

    private OffsetDateTime parseDate(String name, String value) {
        String text = ExportText.trimmed(value);
        if (text == null || text.startsWith("0000-00-00")) {
            return null;
        }
        // Some non-WordPress exporters write ISO dates with a T; the rest of the shape is the same.
        if (text.length() > 10 && text.charAt(10) == 'T') {
            text = text.substring(0, 10) + ' ' + text.substring(11);
        }
        try {
            return LocalDateTime.parse(text, WP_DATE).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ImportFormatException(xml.entry(), e, "wxr.badDate", name, text);
        }
    }

    /**
     * The path and query of a link, exactly as written: "https://x.fr/2022/01/17/mon-article/" ->
     * "/2022/01/17/mon-article/", "https://x.fr/?p=123" -> "/?p=123". Cut by hand rather than with
     * {@link java.net.URI}, which refuses the unencoded accents some exports contain and would re-encode
     * the rest. Not Blogger's {@link BloggerExportReader#pathOf}, which drops the query: WordPress's
     * plain permalinks are nothing but a query.
     */
    static String path(String link) {
        String rest = ExportText.trimmed(link);
        if (rest == null) {
            return null;
        }
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            int slash = rest.indexOf('/', scheme + 3);
            int query = rest.indexOf('?', scheme + 3);
            int start = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
            rest = start < 0 ? "/" : rest.substring(start);
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    // ---- names ------------------------------------------------------------------------------------------------

    /** The current element's name with the usual prefix, whatever prefix the file chose: "wp:status". */
    private String key() {
        String uri = xml.namespace();
        String local = xml.localName();
        if (uri.isEmpty()) {
            return local;
        }
        if (uri.equals(wpNamespace)) {
            return "wp:" + local;
        }
        if (uri.equals(CONTENT_NAMESPACE)) {
            return "content:" + local;
        }
        if (uri.equals(DC_NAMESPACE)) {
            return "dc:" + local;
        }
        if (EXCERPT_NAMESPACE.matcher(uri).matches()) {
            return "excerpt:" + local;
        }
        return "{" + uri + "}" + local;
    }

    /** One item's raw fields, gathered in any order before being turned into sink calls. */
    private static final class Item {
        String id;
        String title;
        String link;
        String creator;
        String content;
        String excerpt;
        String date;
        String dateGmt;
        String modified;
        String modifiedGmt;
        String type;
        String status;
        String password;
        final Set<String> labels = new LinkedHashSet<>();
        final List<RawComment> comments = new ArrayList<>();
    }

    /** One wp:comment's raw fields; absent text fields are empty so that the rules above stay short. */
    private static final class RawComment {
        String id;
        String parent = "";
        String approved = "";
        String type = "";
        String author = "";
        String authorUrl = "";
        String content = "";
        String date;
        String dateGmt;
    }
}
