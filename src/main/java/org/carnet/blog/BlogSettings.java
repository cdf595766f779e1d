package org.carnet.blog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.carnet.core.Messages;
import org.carnet.core.Problem;

/**
 * Every blog setting by its key, as the settings form, `carnet blog set NAME key=value` and
 * `carnet blog show` name them. One parser and one set of checks for all of them.
 */
public final class BlogSettings {

    public static final List<String> KEYS = List.of(
            "title", "description", "language", "time-zone", "visibility", "comment-policy", "host",
            "posts-per-page", "moderation", "search-engines");

    private static final int MAX_TITLE = 200;
    public static final int MAX_POSTS_PER_PAGE = 50;
    public static final int DEFAULT_POSTS_PER_PAGE = 7;
    private static final int MAX_DESCRIPTION = 1000;
    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

    private BlogSettings() {
    }

    /** The blog with the changes applied, after checking each; nothing is stored here. */
    public static Blog apply(Blog blog, Map<String, String> changes, Instant now) {
        Draft d = new Draft(blog);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            d.set(change.getKey(), change.getValue() == null ? "" : change.getValue().strip());
        }
        return new Blog(blog.id(), blog.name(), d.title, d.description, d.language, d.timeZone, d.visibility,
                d.commentPolicy, d.host, d.postsPerPage, d.moderation, d.hidden, blog.createdAt(), now,
                blog.contentVersion());
    }

    /** The settings being changed, one checked value at a time. */
    private static final class Draft {
        String title;
        String description;
        String language;
        String timeZone;
        Visibility visibility;
        CommentPolicy commentPolicy;
        String host;
        int postsPerPage;
        String moderation;
        boolean hidden;

        Draft(Blog b) {
            title = b.title();
            description = b.description();
            language = b.language();
            timeZone = b.timeZone();
            visibility = b.visibility();
            commentPolicy = b.commentPolicy();
            host = b.host();
            postsPerPage = b.postsPerPage();
            moderation = b.moderation();
            hidden = b.hiddenFromEngines();
        }

        void set(String key, String value) {
            switch (key) {
                case "title" -> title = title(value);
                case "description" -> {
                    if (value.length() > MAX_DESCRIPTION) {
                        throw Problem.invalid("blog.description.tooLong", MAX_DESCRIPTION);
                    }
                    description = value;
                }
                case "language" -> {
                    if (!Messages.supports(value)) {
                        throw Problem.invalid("language.invalid", value);
                    }
                    language = value;
                }
                case "time-zone" -> timeZone = zone(value);
                case "visibility" -> visibility = parse(Visibility.class, value, "blog.visibility.invalid");
                case "comment-policy" ->
                        commentPolicy = parse(CommentPolicy.class, value, "blog.commentPolicy.invalid");
                case "host" -> host = host(value);
                case "posts-per-page" -> postsPerPage = postsPerPage(value);
                case "moderation" -> moderation = Moderation.parse(value).toString();
                case "search-engines" -> {
                    if (!value.equalsIgnoreCase("visible") && !value.equalsIgnoreCase("hidden")) {
                        throw Problem.invalid("blog.searchEngines.invalid", value);
                    }
                    hidden = value.equalsIgnoreCase("hidden");
                }
                default -> throw Problem.invalid("blog.setting.unknown", key, String.join(", ", KEYS));
            }
        }
    }

    static int postsPerPage(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_POSTS_PER_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw Problem.invalid("blog.postsPerPage.invalid", MAX_POSTS_PER_PAGE);
    }

    static String title(String value) {
        if (value.isEmpty()) {
            throw Problem.invalid("blog.title.required");
        }
        if (value.length() > MAX_TITLE) {
            throw Problem.invalid("blog.title.tooLong", MAX_TITLE);
        }
        return value;
    }

    /** The settings as key=value, in the order of KEYS. */
    public static Map<String, String> describe(Blog b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", b.title());
        m.put("description", b.description());
        m.put("language", b.language());
        m.put("time-zone", b.timeZone());
        m.put("visibility", b.visibility().name().toLowerCase(Locale.ROOT));
        m.put("comment-policy", b.commentPolicy().name().toLowerCase(Locale.ROOT));
        m.put("host", b.host() == null ? "" : b.host());
        m.put("posts-per-page", Integer.toString(b.postsPerPage()));
        m.put("moderation", b.moderation());
        m.put("search-engines", b.hiddenFromEngines() ? "hidden" : "visible");
        return m;
    }

    static String zone(String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw Problem.invalid("blog.timeZone.invalid", value);
        }
    }

    /** A host name, lower-cased; empty means none. */
    static String host(String value) {
        if (value.isEmpty()) {
            return null;
        }
        String h = value.toLowerCase(Locale.ROOT);
        // A blog's own domain: never an address (127.0.0.1) or a name every machine answers to.
        boolean address = h.matches("^[0-9.]+$");
        if (!HOST.matcher(h).matches() || !h.contains(".") || address || h.endsWith(".localhost")) {
            throw Problem.invalid("blog.host.invalid", value);
        }
        return h;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String errorKey) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(errorKey, value);
        }
    }
}
