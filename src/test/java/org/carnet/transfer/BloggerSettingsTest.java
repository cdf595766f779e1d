package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogSettings;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Visibility;
import org.carnet.core.Messages;
import org.carnet.transfer.UnappliedSetting.Reason;
import org.carnet.transfer.UnappliedSetting.Setting;
import org.junit.jupiter.api.Test;

/** Blogger's settings in Carnet's words and back: what the export writes, the import reads the same. */
class BloggerSettingsTest {

    private static final Instant T = Instant.parse("2022-01-01T00:00:00Z");
    private static final Blog DEFAULTS = new Blog(1, "carnet", "Carnet d’Asie", "Notes de voyage", "fr",
            "Europe/Paris", Visibility.PUBLIC, CommentPolicy.REGISTERED, null, 7, "never", false, T, T, 0);

    private static ImportedBlog read(String... namesAndValues) {
        Map<String, String> found = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            found.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return BloggerSettings.read(found, null);
    }

    @Test
    void theValuesOfARealTakeoutBecomeCarnetsSettings() {
        // As in a real settings.csv: comments by users with Google accounts, no moderation (its 14 days unused),
        // a public blog showing 7 posts, kept out of search engines.
        ImportedBlog blog = read("blog_name", "Blog Experience", "blog_locale", "fr",
                "blog_time_zone", "America/Los_Angeles", "blog_comment_access", "BLOGGER",
                "blog_comments_allowed", "true", "blog_comment_moderation", "DISABLED",
                "blog_comment_moderation_delay", "14", "blog_read_access_mode", "PUBLIC", "blog_max_num", "7",
                "blog_max_unit", "POSTS", "blog_searchable", "false", "blog_use_lightbox", "true");

        assertThat(blog.title()).isEqualTo("Blog Experience");
        assertThat(blog.language()).isEqualTo("fr");
        assertThat(blog.timeZone()).isEqualTo("America/Los_Angeles");
        assertThat(blog.settings()).containsOnly(Map.entry("comment-policy", "registered"),
                Map.entry("moderation", "never"), Map.entry("visibility", "public"),
                Map.entry("posts-per-page", "7"), Map.entry("search-engines", "hidden"));
        assertThat(blog.notUnderstood()).isEmpty();
    }

    @Test
    void everySettingCarnetWritesIsReadBackTheSame() {
        List<Map<String, String>> variants = List.of(
                Map.of("comment-policy", "anyone", "moderation", "always", "visibility", "private"),
                Map.of("comment-policy", "registered", "moderation", "never", "search-engines", "hidden"),
                Map.of("comment-policy", "members", "moderation", "older:30", "posts-per-page", "12"),
                Map.of("comment-policy", "nobody", "moderation", "older:1", "posts-per-page", "50"),
                Map.of("time-zone", "Asia/Tashkent", "language", "en", "description", ""));
        for (Map<String, String> changes : variants) {
            Blog blog = BlogSettings.apply(DEFAULTS, changes, T);
            Map<String, String> written = BloggerSettings.of(blog);
            ImportedBlog back = BloggerSettings.read(written, null);

            Map<String, String> read = new HashMap<>(back.settings());
            read.put("title", back.title());
            read.put("description", back.description() == null ? "" : back.description());
            read.put("language", back.language());
            read.put("time-zone", back.timeZone());
            Map<String, String> expected = new HashMap<>(BlogSettings.describe(blog));
            expected.remove("host");   // a blog's own domain never leaves with its export
            assertThat(read).as("%s written as %s", changes, written).isEqualTo(expected);
            assertThat(back.notUnderstood()).isEmpty();
        }
    }

    @Test
    void namesAndValuesAreReadWhateverTheirCaseAndSeparators() {
        ImportedBlog blog = read("BLOG_COMMENT_ACCESS", "blog members", "Blog_Comment_Moderation", "sometimes",
                "blog_comment_moderation_delay", "21", "blog_read_access_mode", "Private-Authors",
                "BLOG_SEARCHABLE", "TRUE", "blog_max_num", "10");

        assertThat(blog.settings()).containsOnly(Map.entry("comment-policy", "members"),
                Map.entry("moderation", "older:21"), Map.entry("visibility", "private"),
                Map.entry("posts-per-page", "10"), Map.entry("search-engines", "visible"));
    }

    @Test
    void commentsNotAllowedMeanNobodyWhoeverMayComment() {
        assertThat(read("blog_comments_allowed", "false", "blog_comment_access", "ANYONE").settings())
                .containsOnly(Map.entry("comment-policy", "nobody"));
        assertThat(read("blog_comment_access", "REGISTERED_USERS").settings())
                .containsOnly(Map.entry("comment-policy", "registered"));
        assertThat(read("blog_comment_moderation", "SOMETIMES").settings())
                .as("without a delay, Blogger's default of 14 days").containsOnly(Map.entry("moderation", "older:14"));
    }

    @Test
    void aValueCarnetDoesNotKnowIsNamedAndNotGuessed() {
        ImportedBlog blog = read("blog_comment_access", "FRIENDS_OF_FRIENDS", "blog_comment_moderation", "SOMETIMES",
                "blog_comment_moderation_delay", "9999", "blog_read_access_mode", "UNLISTED",
                "blog_searchable", "maybe", "blog_max_num", "3", "blog_max_unit", "WEEKS", "blog_locale", "de_DE");

        assertThat(blog.settings()).isEmpty();
        assertThat(blog.language()).isNull();
        assertThat(blog.notUnderstood()).containsExactlyInAnyOrder(
                new UnappliedSetting(Setting.LANGUAGE, "de_DE", Reason.UNKNOWN_VALUE),
                new UnappliedSetting(Setting.COMMENT_POLICY, "FRIENDS_OF_FRIENDS", Reason.UNKNOWN_VALUE),
                new UnappliedSetting(Setting.MODERATION, "9999", Reason.UNKNOWN_VALUE),
                new UnappliedSetting(Setting.VISIBILITY, "UNLISTED", Reason.UNKNOWN_VALUE),
                new UnappliedSetting(Setting.SEARCH_ENGINES, "maybe", Reason.UNKNOWN_VALUE),
                new UnappliedSetting(Setting.POSTS_PER_PAGE, "3 WEEKS", Reason.UNKNOWN_VALUE));
    }

    @Test
    void postsOfTheLastDaysHaveNoEquivalentAndAreNamedSo() {
        ImportedBlog blog = read("blog_max_num", "7", "blog_max_unit", "DAYS");

        assertThat(blog.settings()).isEmpty();
        UnappliedSetting days = new UnappliedSetting(Setting.POSTS_PER_PAGE, "7", Reason.POSTS_BY_DAYS);
        assertThat(blog.notUnderstood()).containsExactly(days);
        assertThat(days.describe(Messages.of("en"))).isEqualTo("Posts per page: Blogger showed the posts of the "
                + "last 7 days; Carnet counts posts per page, so this setting was left unchanged.");
        assertThat(days.describe(Messages.of("fr"))).isEqualTo("Articles par page\u00A0: Blogger montrait les "
                + "articles des 7 derniers jours\u00A0; Carnet compte en articles par page, ce réglage n’a pas été "
                + "modifié.");
    }

    @Test
    void theSearchDescriptionStandsInForAMissingDescriptionAndIsNamedBesideAnother() {
        assertThat(read("blog_meta_description", "Voyages en Asie centrale").description())
                .isEqualTo("Voyages en Asie centrale");
        assertThat(read("blog_meta_description", "Voyages", "blog_meta_description_enabled", "false").description())
                .isNull();

        ImportedBlog both = read("blog_description", "Notes de voyage", "blog_meta_description", "Voyages en Asie",
                "blog_meta_description_enabled", "true");
        assertThat(both.description()).isEqualTo("Notes de voyage");
        assertThat(both.notUnderstood()).containsExactly(
                new UnappliedSetting(Setting.SEARCH_DESCRIPTION, "Voyages en Asie", Reason.ONE_DESCRIPTION));
        assertThat(read("blog_description", "Notes", "blog_meta_description", "Notes").notUnderstood()).isEmpty();
    }

    @Test
    void onlyTheSettingsItReadsAreKept() {
        assertThat(BloggerSettings.reads("BLOG_COMMENT_ACCESS")).isTrue();
        assertThat(BloggerSettings.reads("blog_custom_robots_txt")).isFalse();
        assertThat(BloggerSettings.reads(null)).isFalse();
    }
}
