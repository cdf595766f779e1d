package org.carnet.transfer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a Google Takeout zip of Blogger ({@code Takeout/Blogger/Blogs/<blog name>/feed.atom} and
 * {@code settings.csv} beside it) straight from the zip: nothing is extracted to disk, the feed is streamed
 * through {@link BloggerExportReader}, and the blog's settings (name, description, language, time zone, who may
 * comment...) come from settings.csv, since Takeout's feed carries only a title.
 *
 * <p>A Takeout of an account with several blogs holds several feeds: {@link #read(Path, ImportSink)} then
 * refuses with their names, and the caller picks one with {@link #read(Path, String, ImportSink)}
 * ({@link #blogNames(Path)} lists them). Uncompressed sizes are counted while reading, not trusted from the
 * zip's headers, and a feed beyond 2 GB is refused (a zip bomb, not a blog).
 */
public final class TakeoutZip {

    static final long MAX_FEED_BYTES = 2L * 1024 * 1024 * 1024;
    static final long MAX_SETTINGS_BYTES = 10L * 1024 * 1024;

    /**
     * Takeout writes Takeout/Blogger/Blogs/&lt;name&gt;/feed.atom; any &lt;name&gt;/feed.atom is accepted, so that a
     * zip made again by hand, or with folder names other than ours, still reads (the feed is checked anyway).
     */
    private static final Pattern FEED = Pattern.compile("(?:.*/)?([^/]+)/feed\\.atom");

    private TakeoutZip() {
    }

    /** Reads the only blog in the zip; several blogs are refused with their names. */
    public static void read(Path zip, ImportSink sink) {
        read(zip, null, sink, MAX_FEED_BYTES);
    }

    /** Reads the blog whose folder is {@code blogName} (as listed by {@link #blogNames}). */
    public static void read(Path zip, String blogName, ImportSink sink) {
        read(zip, blogName, sink, MAX_FEED_BYTES);
    }

    /** The names of the blogs (their folder names under Blogger/Blogs/) that have a feed.atom in the zip. */
    public static List<String> blogNames(Path zip) {
        try (ZipFile file = open(zip)) {
            return new ArrayList<>(feeds(file).keySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void read(Path zip, String blogName, ImportSink sink, long maxFeedBytes) {
        try (ZipFile file = open(zip)) {
            Map<String, ZipEntry> feeds = feeds(file);
            ZipEntry feed = choose(feeds, blogName);
            String folder = feed.getName().substring(0, feed.getName().length() - "feed.atom".length());
            ZipEntry csv = file.getEntry(folder + "settings.csv");
            ImportedBlog settings = null;
            if (csv != null) {
                try (InputStream in = new Bounded(file.getInputStream(csv), MAX_SETTINGS_BYTES, "settings.csv")) {
                    settings = settings(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = new BufferedInputStream(new Bounded(file.getInputStream(feed), maxFeedBytes,
                    "feed.atom"))) {
                BloggerExportReader.read(in, sink, settings, SafeXml.DEFAULT_MAX_VALUE);
            }
        } catch (ZipException e) {
            throw new ImportFormatException(0, e, "zip.damaged");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ImportFormatException(0, e, "zip.unreadable");
        }
    }

    /** Blog folder name -> its feed.atom, sorted by name so that messages are stable. */
    private static Map<String, ZipEntry> feeds(ZipFile file) {
        Map<String, ZipEntry> feeds = new TreeMap<>();
        Enumeration<? extends ZipEntry> entries = file.entries();
        try {
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Matcher m = FEED.matcher(entry.getName());
                if (!entry.isDirectory() && m.matches()) {
                    feeds.putIfAbsent(m.group(1), entry);
                }
            }
        } catch (IllegalArgumentException e) {
            // Takeout writes UTF-8 names; a zip remade by an old tool may not, and the JDK refuses such names.
            throw new ImportFormatException(0, e, "zip.names");
        }
        if (feeds.isEmpty()) {
            throw new ImportFormatException(0, "zip.noFeed");
        }
        return feeds;
    }

    private static ZipEntry choose(Map<String, ZipEntry> feeds, String blogName) {
        if (blogName != null) {
            ZipEntry feed = feeds.get(blogName);
            if (feed == null) {
                throw new ImportFormatException(0, "zip.noSuchBlog", blogName, String.join(", ", feeds.keySet()));
            }
            return feed;
        }
        if (feeds.size() > 1) {
            throw new ImportFormatException(0, "zip.severalBlogs", feeds.size(), String.join(", ", feeds.keySet()));
        }
        return feeds.values().iterator().next();
    }

    /**
     * settings.csv: a header row and one value row, a column per setting (BloggerSettings reads them). The old
     * address is rebuilt from blog_subdomain when the blog was on blogspot.com.
     */
    static ImportedBlog settings(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.size() < 2) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> header = rows.get(0);
        List<String> row = rows.get(1);
        for (int i = 0; i < header.size() && i < row.size(); i++) {
            values.put(header.get(i).strip().toLowerCase(java.util.Locale.ROOT), ExportText.trimmed(row.get(i)));
        }
        String subdomain = values.get("blog_subdomain");
        String mode = values.get("blog_publishing_mode");
        String home = subdomain != null && (mode == null || mode.equalsIgnoreCase("BLOGSPOT"))
                ? "https://" + subdomain + ".blogspot.com/" : null;
        return BloggerSettings.read(values, home);
    }

    /** RFC 4180 CSV: commas, CRLF or LF, quoted fields with "" for a quote and line breaks inside. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStart = true;
            int i = text.startsWith("\uFEFF") ? 1 : 0;   // a byte-order mark is not part of the first name
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c != '"') {
                        field.append(c);
                    } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                    fieldStart = false;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    endRow(rows, row, field);
                    row = new ArrayList<>();
                    fieldStart = true;
                } else {
                    field.append(c);
                    fieldStart = false;
                }
            }
            if (quoted) {
                throw new ImportFormatException(0, "zip.settingsQuote");
            }
            endRow(rows, row, field);
            return rows;
        }

        private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field) {
            row.add(field.toString());
            field.setLength(0);
            boolean blank = row.size() == 1 && row.get(0).isEmpty();
            if (!blank) {
                rows.add(row);
            }
        }
    }

    /** Counts what comes out of a zip entry and stops past a limit, whatever the zip's headers claim. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        Bounded(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                // Unchecked, so that it passes through the XML parser unchanged.
                throw new ImportFormatException(0, "zip.tooLarge", name, SafeXml.size(limit));
            }
        }
    }
}
