package org.carnet.transfer;

import org.carnet.core.Messages;

/**
 * A setting of an export that the blog did not take, and why: the import's summary names each one (the status page,
 * the CLI), so that the owner knows what to set by hand. Kept in the import's record as JSON.
 *
 * @param value the value as the export wrote it (null when the reason needs none)
 */
public record UnappliedSetting(Setting setting, String value, Reason reason) {

    /** The blog settings an export can carry, each with the label the settings page gives it. */
    public enum Setting {
        TITLE("blog.field.title"),
        DESCRIPTION("blog.field.description"),
        /** Blogger's meta description, for search engines: Carnet's one description serves both. */
        SEARCH_DESCRIPTION("import.setting.searchDescription"),
        LANGUAGE("blog.field.language"),
        TIME_ZONE("blog.field.timeZone"),
        VISIBILITY("blog.field.visibility"),
        COMMENT_POLICY("blog.field.commentPolicy"),
        MODERATION("blog.field.moderation"),
        POSTS_PER_PAGE("blog.field.postsPerPage"),
        SEARCH_ENGINES("blog.field.searchEngines");

        private final String label;

        Setting(String label) {
            this.label = label;
        }

        /** The setting of the export whose Carnet key (BlogSettings.KEYS) is key, or null for none. */
        static Setting ofKey(String key) {
            return switch (key) {
                case "title" -> TITLE;
                case "description" -> DESCRIPTION;
                case "language" -> LANGUAGE;
                case "time-zone" -> TIME_ZONE;
                case "visibility" -> VISIBILITY;
                case "comment-policy" -> COMMENT_POLICY;
                case "moderation" -> MODERATION;
                case "posts-per-page" -> POSTS_PER_PAGE;
                case "search-engines" -> SEARCH_ENGINES;
                default -> null;
            };
        }
    }

    public enum Reason {
        /** Carnet cannot apply the export's value (a spelling it does not know, or a value it refuses). */
        UNKNOWN_VALUE,
        /** Blogger's home page showed the posts of the last N days; Carnet counts posts per page. */
        POSTS_BY_DAYS,
        /** The export has a search description besides the blog's own; Carnet has one description for both. */
        ONE_DESCRIPTION,
        /** The import went into a blog that already existed: it keeps its own settings. */
        BLOG_KEEPS_ITS_OWN
    }

    /** One sentence for the owner, in their language: the setting by its label, never by an internal name. */
    public String describe(Messages m) {
        String name = m.t(setting.label);
        return switch (reason) {
            case UNKNOWN_VALUE -> m.t("import.setting.unknownValue", name, value);
            case POSTS_BY_DAYS -> m.t("import.setting.postsByDays", name, value);
            case ONE_DESCRIPTION -> m.t("import.setting.oneDescription", name);
            case BLOG_KEEPS_ITS_OWN -> m.t("import.setting.blogKeepsItsOwn", name);
        };
    }
}
