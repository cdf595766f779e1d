package org.carnet.reading;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.post.BlogReader;
import org.carnet.post.Slugs;
import org.carnet.web.Pages;

/**
 * Where an old address of a blog leads now: the address an import recorded for a post it could not keep (any
 * WordPress permalink, /?p=123 included), and the shapes of WordPress's and Blogger's other pages (feeds,
 * categories, tags, authors, daily archives). Asked only on the way to a 404, so pages that exist pay nothing.
 */
final class OldAddresses {

    private static final Pattern BLOGGER_ARCHIVE = Pattern.compile("^/(\\d{4})_(0[1-9]|1[0-2])_\\d{2}_archive\\.html$");
    private static final Pattern WORDPRESS_DAY = Pattern.compile("^/(\\d{4})/(0[1-9]|1[0-2])/\\d{2}/?$");
    private static final Pattern WORDPRESS_FEED = Pattern.compile("^/feed(/(atom|rss2?|rdf))?/?$");
    private static final Pattern WORDPRESS_COMMENTS_FEED = Pattern.compile("^/comments/feed(/(atom|rss2?|rdf))?/?$");
    // A category may be nested (/category/parent/child/): the last one names the label.
    private static final Pattern WORDPRESS_LABEL = Pattern.compile("^/(?:category|tag)/(?:[^/]+/)*([^/]+)/?$");
    private static final Pattern WORDPRESS_AUTHOR = Pattern.compile("^/author/([^/]+)/?$");
    /** WordPress's plain permalinks are nothing but one of these in the query. */
    private static final List<String> WORDPRESS_IDS = List.of("p", "page_id");
    /** Blogger's view switch (m=1 mobile, m=0 desktop) and its link to one comment of a post. */
    private static final Set<String> BLOGGER_PARAMS = Set.of("m", "showComment");

    private final BlogReader reader;

    OldAddresses(BlogReader reader) {
        this.reader = reader;
    }

    /**
     * Where rest (the path after the blog's name, still percent-encoded, "/" at least) with this query (null when
     * none) lives now: a path of the blog, with a query when it needs one.
     */
    Optional<String> find(Blog blog, String rest, String query) {
        Optional<String> moved = reader.movedTo(blog, spellings(rest, query));
        if (moved.isPresent()) {
            return moved;
        }
        Matcher m = WORDPRESS_DAY.matcher(rest);
        if (!m.matches()) {
            m = BLOGGER_ARCHIVE.matcher(rest);   // a daily archive, in either's words: Carnet's month shows it
        }
        if (m.matches()) {
            return Optional.of("/" + m.group(1) + "/" + m.group(2) + "/");
        }
        m = WORDPRESS_FEED.matcher(rest);
        if (m.matches()) {
            return Optional.of("/feeds/posts/default" + (isRss(m.group(2)) ? "?alt=rss" : ""));
        }
        m = WORDPRESS_COMMENTS_FEED.matcher(rest);
        if (m.matches()) {
            return Optional.of("/feeds/comments/default" + (isRss(m.group(2)) ? "?alt=rss" : ""));
        }
        m = WORDPRESS_LABEL.matcher(rest);
        if (m.matches()) {
            return label(blog, decoded(m.group(1)));
        }
        m = WORDPRESS_AUTHOR.matcher(rest);
        if (m.matches()) {
            return author(blog, decoded(m.group(1)));
        }
        return Optional.empty();
    }

    /** A WordPress search (/?s=words) is Carnet's /search?q=words. */
    static Optional<String> search(String words) {
        return words == null || words.isBlank() ? Optional.empty()
                : Optional.of("/search?q=" + java.net.URLEncoder.encode(words, StandardCharsets.UTF_8));
    }

    /**
     * The query without Blogger's view switch and comment link when it has one of them (the page is the same
     * without: its address is one), else empty. "" when nothing else was in it.
     */
    static Optional<String> withoutBloggerParams(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        boolean dropped = false;
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            if (BLOGGER_PARAMS.contains(name)) {
                dropped = true;
            } else if (!pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return dropped ? Optional.of(String.join("&", kept)) : Optional.empty();
    }

    /**
     * The ways an old address may have been recorded: with its query (WordPress's /?p=123, also when a tracker
     * added parameters), with or without its final slash, percent-encoded as the link was (WordPress writes
     * lowercase escapes, browsers send uppercase ones) or not at all.
     */
    static List<String> spellings(String rest, String query) {
        Set<String> paths = new LinkedHashSet<>();
        if (query != null && !query.isEmpty()) {
            paths.add(rest + "?" + query);
            for (String pair : query.split("&")) {
                if (WORDPRESS_IDS.contains(pair.split("=", 2)[0])) {
                    paths.add(rest + "?" + pair);
                }
            }
        }
        for (String path : new String[] {rest, lowerEscapes(rest), decoded(rest)}) {
            paths.add(path);
            if (path.length() > 1) {
                paths.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
            }
        }
        return List.copyOf(paths);
    }

    private Optional<String> label(Blog blog, String name) {
        String slug = Slugs.fromTitle(name);
        return reader.labels(blog).stream()
                .filter(l -> l.equalsIgnoreCase(name) || !slug.isEmpty() && Slugs.fromTitle(l).equals(slug))
                .findFirst()
                .map(l -> "/search/label/" + Pages.encodePath(l));
    }

    /** WordPress names an author by a slug of their name; Carnet's author pages are by the writer's number. */
    private Optional<String> author(Blog blog, String name) {
        String slug = Slugs.fromTitle(name);
        return reader.writers(blog).stream()
                .filter(a -> !slug.isEmpty() && Slugs.fromTitle(a.displayName()).equals(slug))
                .findFirst()
                .map(a -> "/author/" + a.id());
    }

    private static boolean isRss(String kind) {
        return kind != null && kind.startsWith("r");
    }

    private static String lowerEscapes(String path) {
        return Pattern.compile("%[0-9A-Fa-f]{2}").matcher(path).replaceAll(r -> r.group().toLowerCase(Locale.ROOT));
    }

    private static String decoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
