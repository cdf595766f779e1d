package org.carnet.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Blogger export, in either of the two formats Blogger produces, and hands every post, page and
 * comment to an {@link ImportSink} as it streams past: a classic "Back up content"
 * file ({@code blog-MM-DD-YYYY.xml}, entries classified by a kind category) or a Takeout {@code feed.atom}
 * (entries classified by {@code blogger:type}). Both are read the same way: one entry's fields at a time,
 * then forgotten, so the size of the file does not matter; the blog's settings are sent once at the end.
 *
 * <p>Every {@code sourceId} is the entry's own {@code <id>} text, trimmed; references (a comment's post, a
 * reply's parent comment) are brought to that same form, so an importer can match them with equals.
 * Entries that are not imported (template, settings, trashed, unknown kinds) each produce one
 * {@link ImportSink#skipped} call, so that posts + comments + skipped = the file's entries.
 */
public final class BloggerExportReader {

    /** What a file holds, so that the CLI can say what it found before importing it. */
    public enum Format { CLASSIC, TAKEOUT_FEED, TAKEOUT_ZIP }

    static final String NOT_BLOGGER = "notBlogger";

    private static final Set<String> ANONYMOUS_NAMES = Set.of("anonymous", "anonyme", "unknown");

    /**
     * Limit for the text of everything but a body: ids, titles, dates, names. Only {@code <content>} may be
     * large, so one entry never holds more than one big value.
     */
    static final long SHORT = 64 * 1024;

    /** Blogger allows a few dozen labels per post; thousands are an attack on memory, not a blog. */
    static final int MAX_LABELS = 1000;

    private BloggerExportReader() {
    }

    /** Reads a classic export or a Takeout feed.atom from a stream (not a zip: see {@link TakeoutZip}). */
    public static void read(InputStream in, ImportSink sink) {
        read(in, sink, null, SafeXml.DEFAULT_MAX_VALUE);
    }

    /**
     * Reads any Blogger export file: classic XML, Takeout feed.atom, or a Takeout zip holding one blog
     * (a zip with several blogs is refused with their names; use {@link TakeoutZip#read(Path, String, ImportSink)}).
     */
    public static void readFile(Path file, ImportSink sink) {
        if (detectFile(file) == Format.TAKEOUT_ZIP) {
            TakeoutZip.read(file, sink);
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            read(in, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param settings   blog settings found outside the feed (Takeout's settings.csv): its non-null fields win
     * @param maxValue   largest single text or XML value accepted (see {@link SafeXml})
     */
    static void read(InputStream in, ImportSink sink, ImportedBlog settings, long maxValue) {
        try (SafeXml xml = SafeXml.open(in, maxValue)) {
            new Feed(xml, sink, settings).read(false);
        }
    }

    /** CLASSIC or TAKEOUT_FEED, reading only as far as the root element or the first entry. */
    public static Format detect(InputStream in) {
        try (SafeXml xml = SafeXml.open(in)) {
            return new Feed(xml, null, null).read(true);
        }
    }

    /** What kind of Blogger export a file is, or an {@link ImportFormatException} when it is none. */
    public static Format detectFile(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                TakeoutZip.blogNames(file);   // refuses a zip that holds no Blogger feed
                return Format.TAKEOUT_ZIP;
            }
            return detect(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One pass over a feed: the root, the feed's own fields, then the entries one at a time. */
    private static final class Feed {
        private final SafeXml xml;
        private final ImportSink sink;
        private final ImportedBlog settings;
        private Format format;
        private int entries;
        private String feedId;
        private String feedTitle;
        private String homeUrl;
        /** The classic export's settings entries, by name (BLOG_NAME...), read by BloggerSettings at the end. */
        private final Map<String, String> classicSettings = new LinkedHashMap<>();

        Feed(SafeXml xml, ImportSink sink, ImportedBlog settings) {
            this.xml = xml;
            this.sink = sink;
            this.settings = settings;
        }

        Format read(boolean detectOnly) {
            if (!xml.toRoot() || !xml.is(BloggerAtom.ATOM, "feed")) {
                throw new ImportFormatException(0, NOT_BLOGGER);
            }
            if (xml.declares(BloggerAtom.BLOGGER)) {
                format = Format.TAKEOUT_FEED;
                if (detectOnly) {
                    return format;
                }
            }
            while (xml.nextChild()) {
                if (xml.is(BloggerAtom.ATOM, "entry")) {
                    xml.entry(++entries);
                    Entry entry = Entry.read(xml);
                    decideFormat(entry);
                    if (detectOnly) {
                        return format;
                    }
                    if (format == Format.CLASSIC) {
                        classic(entry);
                    } else {
                        takeout(entry);
                    }
                } else if (xml.is(BloggerAtom.ATOM, "id")) {
                    feedId = ExportText.trimmed(xml.text(SHORT));
                } else if (xml.is(BloggerAtom.ATOM, "title")) {
                    feedTitle = ExportText.trimmed(xml.text(SHORT));
                } else if (xml.is(BloggerAtom.ATOM, "link") && "alternate".equals(xml.attribute("rel"))
                        && homeUrl == null) {
                    homeUrl = ExportText.trimmed(xml.attribute("href"));
                    xml.skip();
                } else {
                    xml.skip();
                }
            }
            xml.finish();
            // A feed with neither a Takeout namespace nor a single Blogger entry could be anything.
            if (format == null) {
                throw new ImportFormatException(0, NOT_BLOGGER);
            }
            if (!detectOnly) {
                sink.blog(blog());
            }
            return format;
        }

        /** The first entry decides, unless the root already declared the Takeout namespace. */
        private void decideFormat(Entry entry) {
            if (format != null) {
                return;
            }
            if (entry.bloggerType != null) {
                format = Format.TAKEOUT_FEED;
            } else if (entry.kind != null) {
                format = Format.CLASSIC;
            } else {
                throw new ImportFormatException(0, NOT_BLOGGER);
            }
        }

        /**
         * The blog's settings: the classic export's settings entries, or Takeout's settings.csv (given from outside
         * the feed), whose values win; the feed's title when neither names the blog.
         */
        private ImportedBlog blog() {
            ImportedBlog found = BloggerSettings.read(classicSettings, homeUrl);
            if (settings == null) {
                return found.title() != null ? found : new ImportedBlog(feedTitle, found.description(),
                        found.language(), found.timeZone(), found.sourceUrl(), found.settings(),
                        found.notUnderstood());
            }
            Map<String, String> both = new LinkedHashMap<>(found.settings());
            both.putAll(settings.settings());
            List<UnappliedSetting> notUnderstood = new ArrayList<>(settings.notUnderstood());
            notUnderstood.addAll(found.notUnderstood());
            return new ImportedBlog(
                    firstOf(settings.title(), found.title(), feedTitle),
                    firstOf(settings.description(), found.description()),
                    firstOf(settings.language(), found.language()),
                    firstOf(settings.timeZone(), found.timeZone()),
                    firstOf(settings.sourceUrl(), found.sourceUrl()),
                    both, notUnderstood);
        }

        private static String firstOf(String... values) {
            for (String v : values) {
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        // ---- classic "Back up content" export

        private void classic(Entry e) {
            String id = requireId(e);
            if (e.kind == null) {
                throw xml.refuse("blogger.noKind", id, BloggerAtom.KIND_SCHEME);
            }
            switch (e.kind) {
                case "template" -> sink.skipped(id, "template");
                case "settings" -> {
                    int at = id.lastIndexOf(".settings.");
                    String name = at < 0 ? id : id.substring(at + ".settings.".length());
                    if (BloggerSettings.reads(name)) {
                        classicSettings.put(name, e.content);
                    }
                    sink.skipped(id, "setting " + name);
                }
                case "post" -> sink.post(classicPost(id, e, ImportedPost.Kind.POST));
                case "page" -> sink.post(classicPost(id, e, ImportedPost.Kind.PAGE));
                case "comment" -> sink.comment(classicComment(id, e));
                default -> sink.skipped(id, "unknown kind " + e.kind);
            }
        }

        private ImportedPost classicPost(String id, Entry e, ImportedPost.Kind kind) {
            String path = null;
            if (!e.draft) {
                String url = e.alternate != null ? e.alternate : stripCommentForm(e.replies);
                path = pathOf(url);
            }
            OffsetDateTime published = publishedDate(id, e);
            return new ImportedPost(id, kind, ExportText.title(e.title), contentOf(e), List.copyOf(e.labels), null,
                    path, e.draft, published, updatedDate(id, e, published), author(e));
        }

        private ImportedComment classicComment(String id, Entry e) {
            String post = ExportText.trimmed(e.inReplyTo);
            if (post == null) {
                throw xml.refuse("blogger.noPostOfComment", id, "thr:in-reply-to ref");
            }
            // rel=related points at the parent comment's feed URL, ending with its numeric id.
            String parent = null;
            String parentNumber = lastSegment(e.related);
            if (parentNumber != null && isNumber(parentNumber)) {
                parent = normaliseRef(parentNumber, postPrefix(id));
            }
            ImportedComment.Status status = e.contentRemoved ? ImportedComment.Status.DELETED
                    : ImportedComment.Status.LIVE;
            return new ImportedComment(id, post, parent, author(e), ExportText.trimmed(e.authorUri), contentOf(e),
                    publishedDate(id, e), status);
        }

        // ---- Takeout feed.atom

        private void takeout(Entry e) {
            String id = requireId(e);
            if (e.bloggerType == null) {
                throw xml.refuse("blogger.noType", id);
            }
            String type = e.bloggerType.strip().toUpperCase(Locale.ROOT);
            String status = e.bloggerStatus == null || e.bloggerStatus.isBlank() ? "LIVE"
                    : e.bloggerStatus.strip().toUpperCase(Locale.ROOT);
            if (!type.equals("POST") && !type.equals("PAGE") && !type.equals("COMMENT")) {
                sink.skipped(id, "unknown blogger:type " + type);
                return;
            }
            if (ExportText.trimmed(e.trashed) != null || status.equals("SOFT_TRASHED")) {
                sink.skipped(id, "trashed");
                return;
            }
            if (type.equals("COMMENT")) {
                sink.comment(takeoutComment(id, e, status));
            } else {
                sink.post(takeoutPost(id, e, type.equals("PAGE") ? ImportedPost.Kind.PAGE : ImportedPost.Kind.POST,
                        status));
            }
        }

        private ImportedPost takeoutPost(String id, Entry e, ImportedPost.Kind kind, String status) {
            // LIVE and SCHEDULED are published (a scheduled post keeps its date); DRAFT and any state we do
            // not know stay drafts, so nothing is made public by mistake.
            boolean draft = !status.equals("LIVE") && !status.equals("SCHEDULED");
            OffsetDateTime published = publishedDate(id, e);
            return new ImportedPost(id, kind, ExportText.title(e.title), contentOf(e), List.copyOf(e.anyLabels),
                    ExportText.trimmed(e.metaDescription),
                    draft ? null : pathOf(ExportText.trimmed(e.filename)), draft, published,
                    updatedDate(id, e, published), author(e));
        }

        private ImportedComment takeoutComment(String id, Entry e, String status) {
            String prefix = postPrefix(id);
            String post = normaliseRef(e.parent, prefix);
            if (post == null) {
                throw xml.refuse("blogger.noPostOfComment", id, "blogger:parent");
            }
            return new ImportedComment(id, post, normaliseRef(e.inReplyToComment, prefix), author(e),
                    ExportText.trimmed(e.authorUri), contentOf(e), publishedDate(id, e), commentStatus(status));
        }

        /** Blogger API's comment states; an unknown one waits for moderation rather than going public. */
        private static ImportedComment.Status commentStatus(String status) {
            return switch (status) {
                case "LIVE" -> ImportedComment.Status.LIVE;
                case "SPAM" -> ImportedComment.Status.SPAM;
                case "EMPTIED", "DELETED", "REMOVED" -> ImportedComment.Status.DELETED;
                default -> ImportedComment.Status.PENDING;
            };
        }

        /**
         * "tag:blogger.com,1999:blog-BLOGID.post-" for this blog, from a comment's own id (comments use .post-),
         * else from the feed's id; null when neither has the Blogger form.
         */
        private String postPrefix(String commentId) {
            int at = commentId.lastIndexOf(".post-");
            if (at >= 0) {
                return commentId.substring(0, at + ".post-".length());
            }
            if (feedId != null && feedId.startsWith("tag:blogger.com,")) {
                return feedId.replaceFirst("\\.archive$", "") + ".post-";
            }
            return null;
        }

        // ---- fields common to both formats

        private String requireId(Entry e) {
            String id = ExportText.trimmed(e.id);
            if (id == null) {
                throw xml.refuse("blogger.noId");
            }
            return id;
        }

        private static String contentOf(Entry e) {
            // The parser has already undone the one level of XML escaping; what is left is the HTML as written.
            return e.content == null ? "" : e.content;
        }

        private OffsetDateTime publishedDate(String id, Entry e) {
            String text = ExportText.trimmed(e.published);
            String field = "published";
            if (text == null && ExportText.trimmed(e.created) != null) {
                text = ExportText.trimmed(e.created);
                field = "blogger:created";
            }
            if (text == null) {
                throw xml.refuse("blogger.noPublished", id);
            }
            return date(id, field, text);
        }

        private OffsetDateTime updatedDate(String id, Entry e, OffsetDateTime published) {
            String text = ExportText.trimmed(e.updated);
            return text == null ? published : date(id, "updated", text);
        }

        private OffsetDateTime date(String id, String field, String text) {
            try {
                // ISO_OFFSET_DATE_TIME: RFC 3339 with or without fractional seconds, offset or Z.
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException ex) {
                throw new ImportFormatException(xml.entry(), ex, "blogger.badDate", id, field, text);
            }
        }

        private static ImportedAuthor author(Entry e) {
            String name = ExportText.trimmed(e.authorName);
            String uri = ExportText.trimmed(e.authorUri);
            boolean anonymous = "ANONYMOUS".equalsIgnoreCase(ExportText.trimmed(e.authorType))
                    || uri == null && (name == null || ANONYMOUS_NAMES.contains(name.toLowerCase(Locale.ROOT)));
            return new ImportedAuthor(name, uri, anonymous);
        }
    }

    /**
     * A comment/post reference brought to the entries' own id form: the number after ".post-" (or a bare
     * number) is put after this blog's prefix; anything else (a page id, an unknown form) is kept as written.
     */
    static String normaliseRef(String ref, String postPrefix) {
        String value = ExportText.trimmed(ref);
        if (value == null) {
            return null;
        }
        int at = value.lastIndexOf(".post-");
        String number = at >= 0 ? value.substring(at + ".post-".length()) : value;
        return postPrefix != null && isNumber(number) ? postPrefix + number : value;
    }

    /** The path of a URL, host and query and fragment dropped: https://h/2022/01/a.html?m=1 -> /2022/01/a.html. */
    static String pathOf(String url) {
        String value = ExportText.trimmed(url);
        if (value == null) {
            return null;
        }
        try {
            String path = new URI(value).getPath();
            return path == null || path.isEmpty() ? null : path;
        } catch (URISyntaxException e) {
            // Not a well-formed URI (a space, say): cut it by hand.
            String rest = value.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*:", "").replaceFirst("^//[^/]*", "");
            rest = rest.replaceFirst("[?#].*$", "");
            return rest.isEmpty() ? null : rest;
        }
    }

    private static String stripCommentForm(String url) {
        return url == null ? null : url.replaceFirst("#comment-form$", "");
    }

    private static String lastSegment(String url) {
        String value = ExportText.trimmed(url);
        if (value == null) {
            return null;
        }
        value = value.replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
        return value.substring(value.lastIndexOf('/') + 1);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The fields of one entry, of both formats at once (an entry says which format it is only by what it
     * holds). Filled from one {@code <entry>} element, then dropped.
     */
    private static final class Entry {
        String id;
        String title;
        String content;
        String published;
        String updated;
        String kind;                                       // classic: template, settings, post, page, comment
        final Set<String> labels = new LinkedHashSet<>();   // classic: label scheme only
        final Set<String> anyLabels = new LinkedHashSet<>(); // Takeout: any category with a term
        String alternate;
        String replies;
        String related;
        boolean draft;
        String authorName;
        String authorUri;
        String authorType;
        String inReplyTo;                                  // classic comment: the post's id
        boolean contentRemoved;
        String bloggerType;
        String bloggerStatus;
        String parent;                                     // Takeout comment: the post's id
        String inReplyToComment;                           // Takeout comment: the parent comment, or empty
        String filename;
        String metaDescription;
        String trashed;
        String created;

        /** Reads the entry the cursor is on, leaving it on {@code </entry>}. */
        static Entry read(SafeXml xml) {
            Entry e = new Entry();
            boolean authorSeen = false;
            while (xml.nextChild()) {
                String ns = xml.namespace();
                String name = xml.localName();
                if (ns.equals(BloggerAtom.ATOM)) {
                    switch (name) {
                        case "id" -> e.id = xml.text(SHORT);
                        case "title" -> e.title = xml.text(SHORT);
                        case "content" -> e.content = xml.text();
                        case "published" -> e.published = xml.text(SHORT);
                        case "updated" -> e.updated = xml.text(SHORT);
                        case "category" -> {
                            e.category(xml.attribute("scheme"), xml.attribute("term"));
                            if (e.anyLabels.size() > MAX_LABELS) {
                                throw xml.refuse("blogger.tooManyLabels", MAX_LABELS);
                            }
                            xml.skip();
                        }
                        case "link" -> {
                            e.link(xml.attribute("rel"), xml.attribute("type"), xml.attribute("href"));
                            xml.skip();
                        }
                        case "author" -> {
                            if (authorSeen) {
                                xml.skip();   // the first author is the one Blogger shows
                            } else {
                                authorSeen = true;
                                e.author(xml);
                            }
                        }
                        default -> xml.skip();
                    }
                } else if (ns.equals(BloggerAtom.BLOGGER)) {
                    switch (name) {
                        case "type" -> e.bloggerType = xml.text(SHORT);
                        case "status" -> e.bloggerStatus = xml.text(SHORT);
                        case "parent" -> e.parent = xml.text(SHORT);
                        case "inReplyTo" -> e.inReplyToComment = xml.text(SHORT);
                        case "filename" -> e.filename = xml.text(SHORT);
                        case "metaDescription" -> e.metaDescription = xml.text(SHORT);
                        case "trashed" -> e.trashed = xml.text(SHORT);
                        case "created" -> e.created = xml.text(SHORT);
                        default -> xml.skip();
                    }
                } else if ((ns.equals(BloggerAtom.ATOM_PUB_DRAFT) || ns.equals(BloggerAtom.ATOM_PUB))
                        && name.equals("control")) {
                    while (xml.nextChild()) {
                        if (xml.localName().equals("draft")) {
                            e.draft = "yes".equalsIgnoreCase(ExportText.trimmed(xml.text(SHORT)));
                        } else {
                            xml.skip();
                        }
                    }
                } else if (ns.equals(BloggerAtom.THREAD) && name.equals("in-reply-to")) {
                    e.inReplyTo = xml.attribute("ref");
                    xml.skip();
                } else if (ns.equals(BloggerAtom.GDATA) && name.equals("extendedProperty")) {
                    if ("blogger.contentRemoved".equals(xml.attribute("name"))) {
                        e.contentRemoved = "true".equalsIgnoreCase(ExportText.trimmed(xml.attribute("value")));
                    }
                    xml.skip();
                } else {
                    xml.skip();
                }
            }
            return e;
        }

        private void category(String scheme, String term) {
            String value = ExportText.trimmed(term);
            if (value == null) {
                return;
            }
            if (BloggerAtom.KIND_SCHEME.equals(scheme)) {
                kind = value.startsWith(BloggerAtom.KIND_PREFIX)
                        ? value.substring(BloggerAtom.KIND_PREFIX.length()) : value;
                return;
            }
            if (BloggerAtom.LABEL_SCHEME.equals(scheme)) {
                labels.add(value);
            }
            anyLabels.add(value);
        }

        private void link(String rel, String type, String href) {
            if (href == null) {
                return;
            }
            boolean html = type == null || type.equals("text/html");
            if ("alternate".equals(rel) && html && alternate == null) {
                alternate = href;
            } else if ("replies".equals(rel) && html && replies == null) {
                replies = href;
            } else if ("related".equals(rel) && related == null) {
                related = href;
            }
        }

        private void author(SafeXml xml) {
            while (xml.nextChild()) {
                if (xml.is(BloggerAtom.ATOM, "name")) {
                    authorName = xml.text(SHORT);
                } else if (xml.is(BloggerAtom.ATOM, "uri")) {
                    authorUri = xml.text(SHORT);
                } else if (xml.is(BloggerAtom.BLOGGER, "type")) {
                    authorType = xml.text(SHORT);
                } else {
                    xml.skip();
                }
            }
        }
    }
}
