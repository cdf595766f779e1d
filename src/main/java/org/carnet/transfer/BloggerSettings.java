package org.carnet.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carnet.blog.Blog;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Moderation;
import org.carnet.transfer.UnappliedSetting.Reason;
import org.carnet.transfer.UnappliedSetting.Setting;

/**
 * Blogger's blog settings in Carnet's words, and Carnet's in Blogger's: one place for both directions, so that what
 * the export writes is what the import reads. Both Blogger formats carry the same settings under the same names:
 * Takeout's settings.csv as columns (blog_comment_access), the classic backup as settings entries
 * (….settings.BLOG_COMMENT_ACCESS); names are matched whatever their case.
 *
 * <p>Values seen in a real Takeout settings.csv (the test data of the Go project simulot/bloggerout):
 * blog_comment_access=BLOGGER, blog_comments_allowed=true, blog_comment_moderation=DISABLED beside
 * blog_comment_moderation_delay=14, blog_read_access_mode=PUBLIC, blog_max_num=7 with blog_max_unit=POSTS,
 * blog_searchable=false, blog_locale=fr, blog_time_zone=America/Los_Angeles. No public dump shows the other values:
 * those accepted below are the plausible spellings of the choices of Blogger's settings page (who can comment:
 * anyone, registered users, users with Google accounts, only members; moderation: always, sometimes (on posts older
 * than N days, 14 by default), never; readers: public, only authors, only chosen readers), read whatever their case,
 * with - or a space for _. A value that is none of them keeps Carnet's default and is named in the import's summary.
 */
final class BloggerSettings {

    /** Blogger's threshold for "sometimes" when the export does not give one (the settings page's default). */
    static final int DEFAULT_MODERATION_DAYS = 14;

    private static final Map<String, String> COMMENT_ACCESS = Map.ofEntries(
            Map.entry("ANYONE", "anyone"), Map.entry("ANONYMOUS", "anyone"), Map.entry("EVERYONE", "anyone"),
            // BLOGGER (seen) is "users with Google accounts": an account of the platform, as Carnet's registered.
            // "Registered users (includes OpenID)" is wider than Carnet can check: an account here is the nearest.
            Map.entry("BLOGGER", "registered"), Map.entry("GOOGLE", "registered"),
            Map.entry("GOOGLE_ACCOUNTS", "registered"), Map.entry("REGISTERED", "registered"),
            Map.entry("REGISTERED_USERS", "registered"), Map.entry("OPENID", "registered"),
            Map.entry("MEMBERS", "members"), Map.entry("BLOG_MEMBERS", "members"),
            Map.entry("MEMBERS_ONLY", "members"), Map.entry("ONLY_MEMBERS", "members"),
            Map.entry("NOBODY", "nobody"), Map.entry("NONE", "nobody"), Map.entry("NO_ONE", "nobody"));

    private static final Map<String, String> READ_ACCESS = Map.ofEntries(
            Map.entry("PUBLIC", "public"), Map.entry("OPEN", "public"), Map.entry("ANYONE", "public"),
            // Only its authors, or only readers the owner chose: Carnet's private is "only its members", and the
            // import brings no members, so the owner adds them; nothing is made public by mistake.
            Map.entry("PRIVATE", "private"), Map.entry("AUTHORS", "private"), Map.entry("BLOG_AUTHORS", "private"),
            Map.entry("PRIVATE_AUTHORS", "private"), Map.entry("ONLY_AUTHORS", "private"),
            Map.entry("READERS", "private"), Map.entry("PRIVATE_READERS", "private"),
            Map.entry("ONLY_READERS", "private"), Map.entry("CUSTOM", "private"), Map.entry("MEMBERS", "private"));

    /** Every setting name read here, lower-cased: a reader keeps these and nothing else (a file may hold many). */
    static final Set<String> NAMES = Set.of("blog_name", "blog_description", "blog_locale",
            "blog_language", "locale", "language", "blog_time_zone", "time_zone", "timezone",
            "blog_meta_description", "blog_meta_description_enabled", "blog_comments_allowed", "blog_comment_access",
            "blog_comment_moderation", "blog_comment_moderation_delay", "blog_read_access_mode", "blog_max_num",
            "blog_max_unit", "blog_searchable");

    private BloggerSettings() {
    }

    /** Whether a setting of that name (any case) is one {@link #read} uses. */
    static boolean reads(String name) {
        return name != null && NAMES.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The blog as the settings found say it is (name -> value as written, names in any case; null or blank values
     * count as absent), its old address being sourceUrl.
     */
    static ImportedBlog read(Map<String, String> found, String sourceUrl) {
        Map<String, String> values = new HashMap<>();
        found.forEach((name, value) -> {
            String v = ExportText.trimmed(value);
            if (reads(name) && v != null) {
                values.put(name.strip().toLowerCase(Locale.ROOT), v);
            }
        });
        return new Reading(values).blog(sourceUrl);
    }

    /** One pass over the settings found, gathering Carnet's settings and what could not become one. */
    private static final class Reading {
        private final Map<String, String> values;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<UnappliedSetting> notUnderstood = new ArrayList<>();

        Reading(Map<String, String> values) {
            this.values = values;
        }

        ImportedBlog blog(String sourceUrl) {
            String locale = first("blog_locale", "blog_language", "locale", "language");
            String language = ExportText.language(locale);
            if (locale != null && language == null) {
                unknown(Setting.LANGUAGE, locale);
            }
            String description = description();
            commentPolicy();
            moderation();
            visibility();
            postsPerPage();
            searchEngines();
            return new ImportedBlog(values.get("blog_name"), description, language,
                    first("blog_time_zone", "time_zone", "timezone"), sourceUrl, settings, notUnderstood);
        }

        /**
         * The blog's description; without one, its search description (the nearest thing: Carnet's one description
         * is also what search engines read). A search description of its own, beside the blog's, has no place.
         */
        private String description() {
            String description = values.get("blog_description");
            String meta = "false".equalsIgnoreCase(values.get("blog_meta_description_enabled")) ? null
                    : values.get("blog_meta_description");
            if (description == null) {
                return meta;
            }
            if (meta != null && !meta.equals(description)) {
                notUnderstood.add(new UnappliedSetting(Setting.SEARCH_DESCRIPTION, meta, Reason.ONE_DESCRIPTION));
            }
            return description;
        }

        /** Comments hidden altogether (blog_comments_allowed=false) is Carnet's nobody, whoever may comment. */
        private void commentPolicy() {
            if ("false".equalsIgnoreCase(values.get("blog_comments_allowed"))) {
                settings.put("comment-policy", "nobody");
                return;
            }
            translate("blog_comment_access", Setting.COMMENT_POLICY, "comment-policy", COMMENT_ACCESS);
        }

        private void moderation() {
            String mode = values.get("blog_comment_moderation");
            if (mode == null) {
                return;
            }
            switch (normal(mode)) {
                case "DISABLED", "NEVER", "NONE", "OFF", "FALSE", "NO" -> settings.put("moderation", "never");
                case "ENABLED", "ALWAYS", "ON", "TRUE", "YES" -> settings.put("moderation", "always");
                case "SOMETIMES", "OLDER", "OLDER_POSTS", "OLD_POSTS" -> {
                    String delay = values.get("blog_comment_moderation_delay");
                    Integer days = delay == null ? Integer.valueOf(DEFAULT_MODERATION_DAYS) : number(delay);
                    if (days != null && days >= 1 && days <= Moderation.MAX_DAYS) {
                        settings.put("moderation", "older:" + days);
                    } else {
                        unknown(Setting.MODERATION, delay);
                    }
                }
                default -> unknown(Setting.MODERATION, mode);
            }
        }

        private void visibility() {
            translate("blog_read_access_mode", Setting.VISIBILITY, "visibility", READ_ACCESS);
        }

        /** Blogger shows N posts, or the posts of the last N days, on the home page; Carnet shows N posts a page. */
        private void postsPerPage() {
            String number = values.get("blog_max_num");
            if (number == null) {
                return;
            }
            String unit = normal(values.getOrDefault("blog_max_unit", "POSTS"));
            switch (unit) {
                // Checked against Carnet's limits with every other setting, by the importer.
                case "POSTS", "POST" -> settings.put("posts-per-page", number);
                case "DAYS", "DAY" -> notUnderstood.add(new UnappliedSetting(Setting.POSTS_PER_PAGE, number,
                        Reason.POSTS_BY_DAYS));
                default -> unknown(Setting.POSTS_PER_PAGE, number + " " + values.get("blog_max_unit"));
            }
        }

        /** blog_searchable: Blogger's "visible to search engines" (a boolean: true or false). */
        private void searchEngines() {
            String searchable = values.get("blog_searchable");
            if (searchable == null) {
                return;
            }
            switch (normal(searchable)) {
                case "TRUE", "YES" -> settings.put("search-engines", "visible");
                case "FALSE", "NO" -> settings.put("search-engines", "hidden");
                default -> unknown(Setting.SEARCH_ENGINES, searchable);
            }
        }

        private void translate(String name, Setting setting, String key, Map<String, String> words) {
            String value = values.get(name);
            if (value == null) {
                return;
            }
            String carnet = words.get(normal(value));
            if (carnet == null) {
                unknown(setting, value);
            } else {
                settings.put(key, carnet);
            }
        }

        private void unknown(Setting setting, String value) {
            notUnderstood.add(new UnappliedSetting(setting, value, Reason.UNKNOWN_VALUE));
        }

        private String first(String... names) {
            for (String name : names) {
                if (values.get(name) != null) {
                    return values.get(name);
                }
            }
            return null;
        }
    }

    /** "Blog members", "blog-members", "BLOG_MEMBERS" -> BLOG_MEMBERS. */
    private static String normal(String value) {
        return value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    private static Integer number(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The settings entries of a classic export of blog, by Blogger's name: what {@link #read} takes back. Comments
     * nobody may post are written as Blogger hides them (comments not allowed), without a "who can comment".
     */
    static Map<String, String> of(Blog blog) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("BLOG_NAME", blog.title());
        entries.put("BLOG_DESCRIPTION", blog.description());
        entries.put("BLOG_LOCALE", blog.language());
        entries.put("BLOG_TIME_ZONE", blog.timeZone());
        entries.put("BLOG_COMMENTS_ALLOWED", Boolean.toString(blog.commentPolicy() != CommentPolicy.NOBODY));
        switch (blog.commentPolicy()) {
            case ANYONE -> entries.put("BLOG_COMMENT_ACCESS", "ANYONE");
            case REGISTERED -> entries.put("BLOG_COMMENT_ACCESS", "BLOGGER");
            case MEMBERS -> entries.put("BLOG_COMMENT_ACCESS", "MEMBERS");
            case NOBODY -> { }
        }
        Moderation moderation = blog.moderationRule();
        switch (moderation.kind()) {
            case NEVER -> entries.put("BLOG_COMMENT_MODERATION", "DISABLED");
            case ALWAYS -> entries.put("BLOG_COMMENT_MODERATION", "ENABLED");
            case OLDER -> {
                entries.put("BLOG_COMMENT_MODERATION", "SOMETIMES");
                entries.put("BLOG_COMMENT_MODERATION_DELAY", Integer.toString(moderation.days()));
            }
        }
        entries.put("BLOG_READ_ACCESS_MODE", blog.isPrivate() ? "PRIVATE" : "PUBLIC");
        entries.put("BLOG_MAX_NUM", Integer.toString(blog.postsPerPage()));
        entries.put("BLOG_MAX_UNIT", "POSTS");
        entries.put("BLOG_SEARCHABLE", Boolean.toString(!blog.hiddenFromEngines()));
        return entries;
    }
}
