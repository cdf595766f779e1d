package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Takeout zip read in place: feed.atom streamed from the zip, settings.csv for the blog's settings. */
class TakeoutZipTest {

    static final String FOLDER = "Takeout/Blogger/Blogs/Carnet d’Asie/";

    /** Quotes, a comma and a line break inside a quoted value, CRLF line ends, as a spreadsheet writes them. */
    static final String SETTINGS = "blog_publishing_mode,blog_name,blog_description,blog_locale,blog_subdomain,"
            + "blog_time_zone,blog_comment_message\r\n"
            + "BLOGSPOT,Carnet d’Asie,\"Notes de voyage, de Tachkent à Hanoï.\nLe \"\"carnet\"\" de Claire.\",fr_FR,"
            + "carnetdasie,Europe/Paris,\"Merci, à bientôt\"\r\n";

    /**
     * Every column of a real Takeout settings.csv, in Blogger's order, with this blog's values: who may comment,
     * moderation, readers, posts per page, search engines and the search description among many others.
     */
    static final String FULL_SETTINGS = "blog_publishing_mode,blog_admin_permission,blog_author_permission,"
            + "blog_reader_permission,blog_by_post_archiving,blog_name,blog_description,blog_send_email,"
            + "blog_adult_content,blog_analytics_account_number,blog_archive_date_format,blog_date_format,"
            + "blog_time_stamp_format,blog_archive_frequency,blog_locale,blog_time_zone,blog_read_access_mode,"
            + "blog_use_lightbox,blog_per_post_feed,blog_post_feed,blog_convert_line_breaks,blog_ideas_panel_opt_out,"
            + "blog_feed_redirect_url,blog_subdomain,blog_float_alignment,blog_searchable,blog_email_post_links,"
            + "blog_max_num,blog_max_unit,blog_show_url,blog_quick_editing,blog_comment_access,blog_comment_captcha,"
            + "blog_comment_email,blog_comment_feed,blog_comment_form_location,blog_comment_moderation,"
            + "blog_comment_moderation_delay,blog_comment_moderation_email,blog_comment_profile_images,"
            + "blog_comments_allowed,blog_comments_time_stamp_format,blog_default_comments_mode,blog_comment_message,"
            + "blog_custom_ads_txt,blog_custom_ads_txt_enabled,blog_custom_page_not_found,blog_custom_robots_txt,"
            + "blog_custom_robots_txt_enabled,blog_meta_description,blog_meta_description_enabled\r\n"
            + "BLOGSPOT,,,,true,Carnet d’Asie,Notes de voyage,,false,,,26,27,MONTHLY,fr_FR,Asia/Tashkent,PUBLIC,"
            + "true,,,,,,carnetdasie,true,false,false,12,POSTS,false,true,ANYONE,false,,,FULL_PAGE,SOMETIMES,30,,"
            + "true,true,29,DEFAULT_HAVE_COMMENTS,,,false,,,false,Carnet de voyage en Asie centrale,true\r\n";

    @TempDir
    Path dir;

    Path zip(Map<String, byte[]> files) throws IOException {
        Path zip = dir.resolve("takeout-20220301T100000Z-001.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    Map<String, byte[]> takeout() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Takeout/archive_browser.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        files.put("Takeout/Blogger/Albums/Carnet d’Asie/IMG_0123.jpg", new byte[] {(byte) 0xff, (byte) 0xd8});
        files.put("Takeout/Blogger/Albums/Carnet d’Asie/IMG_0123.jpg.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("Takeout/Blogger/Profile/profile.csv", "name\nClaire\n".getBytes(StandardCharsets.UTF_8));
        files.put(FOLDER + "theme-layouts.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        files.put(FOLDER + "settings.csv", SETTINGS.getBytes(StandardCharsets.UTF_8));
        files.put(FOLDER + "feed.atom", BloggerTakeoutTest.carnetDAsie().xml().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void readsTheFeedFromTheZipAndTheSettingsFromSettingsCsv() throws IOException {
        Path zip = zip(takeout());
        RecordingSink fromZip = new RecordingSink();
        RecordingSink fromFeed = BloggerTakeoutTest.read(BloggerTakeoutTest.carnetDAsie().xml());

        TakeoutZip.read(zip, fromZip);

        // Same entries as the feed read on its own; only the blog's settings are richer.
        assertThat(fromZip.events.subList(0, fromZip.events.size() - 1))
                .containsExactlyElementsOf(fromFeed.events.subList(0, fromFeed.events.size() - 1));
        assertThat(fromZip.all(ImportedBlog.class)).containsExactly(new ImportedBlog("Carnet d’Asie",
                "Notes de voyage, de Tachkent à Hanoï.\nLe \"carnet\" de Claire.", "fr", "Europe/Paris",
                "https://carnetdasie.blogspot.com/"));
    }

    @Test
    void everySettingOfSettingsCsvComesAcrossInCarnetsWords() throws IOException {
        Map<String, byte[]> files = takeout();
        files.put(FOLDER + "settings.csv", FULL_SETTINGS.getBytes(StandardCharsets.UTF_8));
        RecordingSink sink = new RecordingSink();

        TakeoutZip.read(zip(files), sink);

        assertThat(sink.all(ImportedBlog.class)).containsExactly(new ImportedBlog("Carnet d’Asie", "Notes de voyage",
                "fr", "Asia/Tashkent", "https://carnetdasie.blogspot.com/", Map.of("comment-policy", "anyone",
                        "moderation", "older:30", "visibility", "public", "posts-per-page", "12",
                        "search-engines", "hidden"),
                List.of(new UnappliedSetting(UnappliedSetting.Setting.SEARCH_DESCRIPTION,
                        "Carnet de voyage en Asie centrale", UnappliedSetting.Reason.ONE_DESCRIPTION))));
    }

    @Test
    void withoutSettingsCsvTheBlogIsNamedAfterTheFeedTitle() throws IOException {
        Map<String, byte[]> files = takeout();
        files.remove(FOLDER + "settings.csv");
        RecordingSink sink = new RecordingSink();

        TakeoutZip.read(zip(files), sink);

        assertThat(sink.all(ImportedBlog.class)).containsExactly(new ImportedBlog("Carnet d’Asie", null, null, null, null));
    }

    @Test
    void aZipWithSeveralBlogsIsRefusedWithTheirNamesUnlessOneIsChosen() throws IOException {
        Map<String, byte[]> files = takeout();
        files.put("Takeout/Blogger/Blogs/Recettes/feed.atom",
                new BloggerFixture.Takeout("Recettes").xml().getBytes(StandardCharsets.UTF_8));
        Path zip = zip(files);

        assertThatThrownBy(() -> TakeoutZip.read(zip, new RecordingSink()))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isZero())
                .hasMessage("this zip holds 2 blogs; say which one to import: Carnet d’Asie, Recettes");
        assertThat(TakeoutZip.blogNames(zip)).containsExactly("Carnet d’Asie", "Recettes");

        RecordingSink sink = new RecordingSink();
        TakeoutZip.read(zip, "Recettes", sink);
        assertThat(sink.events).containsExactly(new ImportedBlog("Recettes", null, null, null, null));

        assertThatThrownBy(() -> TakeoutZip.read(zip, "Cuisine", new RecordingSink()))
                .hasMessage("this zip has no blog named “Cuisine”; it has: Carnet d’Asie, Recettes");
    }

    @Test
    void aZipRemadeByHandWithoutTheTakeoutFoldersStillReads() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Carnet d’Asie/settings.csv", SETTINGS.getBytes(StandardCharsets.UTF_8));
        files.put("Carnet d’Asie/feed.atom", BloggerTakeoutTest.carnetDAsie().xml().getBytes(StandardCharsets.UTF_8));
        RecordingSink sink = new RecordingSink();

        TakeoutZip.read(zip(files), sink);

        assertThat(sink.all(ImportedBlog.class).get(0).language()).isEqualTo("fr");
        assertThat(sink.all(ImportedPost.class)).hasSize(5);
    }

    @Test
    void aZipWithoutFeedIsRefused() throws IOException {
        Map<String, byte[]> files = takeout();
        files.remove(FOLDER + "feed.atom");
        Path zip = zip(files);

        assertThatThrownBy(() -> TakeoutZip.read(zip, new RecordingSink()))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("no Blogger blog").hasMessageContaining("feed.atom");
        assertThatThrownBy(() -> BloggerExportReader.detectFile(zip)).hasMessageContaining("no Blogger blog");
    }

    @Test
    void aFeedBeyondTheUncompressedLimitIsRefusedAsAZipBomb() throws IOException {
        // A megabyte of spaces compresses to a kilobyte; the limit is lowered so that the test stays small.
        Map<String, byte[]> files = takeout();
        String feed = BloggerTakeoutTest.carnetDAsie().xml();
        files.put(FOLDER + "feed.atom", feed.replace("</feed>", " ".repeat(1024 * 1024) + "</feed>")
                .getBytes(StandardCharsets.UTF_8));
        Path zip = zip(files);
        assertThat(Files.size(zip)).isLessThan(64 * 1024);

        assertThatThrownBy(() -> TakeoutZip.read(zip, null, new RecordingSink(), 512 * 1024))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("feed.atom is larger than 512 KB once uncompressed");
    }

    @Test
    void aDamagedZipIsRefused() throws IOException {
        Path zip = dir.resolve("broken.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8});
        }

        assertThatThrownBy(() -> TakeoutZip.read(zip, new RecordingSink()))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("zip");
    }

    @Test
    void detectsEachKindOfFile() throws IOException {
        Path zip = zip(takeout());
        Path feed = Files.writeString(dir.resolve("feed.atom"), BloggerTakeoutTest.carnetDAsie().xml());
        Path classic = Files.writeString(dir.resolve("blog-03-01-2022.xml"), BloggerClassicTest.carnetDAsie().xml());
        Path other = Files.writeString(dir.resolve("notes.txt"), "Carnet d’Asie");

        assertThat(BloggerExportReader.detectFile(zip)).isEqualTo(BloggerExportReader.Format.TAKEOUT_ZIP);
        assertThat(BloggerExportReader.detectFile(feed)).isEqualTo(BloggerExportReader.Format.TAKEOUT_FEED);
        assertThat(BloggerExportReader.detectFile(classic)).isEqualTo(BloggerExportReader.Format.CLASSIC);
        assertThatThrownBy(() -> BloggerExportReader.detectFile(other)).hasMessageStartingWith("it is not a Blogger export");
    }

    @Test
    void readFileReadsWhicheverKindItIsGiven() throws IOException {
        RecordingSink fromZip = new RecordingSink();
        RecordingSink fromClassic = new RecordingSink();

        BloggerExportReader.readFile(zip(takeout()), fromZip);
        BloggerExportReader.readFile(Files.writeString(dir.resolve("blog.xml"), BloggerClassicTest.carnetDAsie().xml()),
                fromClassic);

        assertThat(fromZip.all(ImportedPost.class)).hasSize(5);
        assertThat(fromClassic.events).containsExactlyElementsOf(BloggerClassicTest.EXPECTED);
    }

    @Test
    void csvHandlesQuotesCommasAndLineBreaks() {
        assertThat(TakeoutZip.Csv.parse("\uFEFFa,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\n"))
                .containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\r\nlines"));
        assertThat(TakeoutZip.Csv.parse("a,,\r\n,,z")).containsExactly(List.of("a", "", ""), List.of("", "", "z"));
        assertThatThrownBy(() -> TakeoutZip.Csv.parse("a\n\"never closed"))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("settings.csv");
    }

    @Test
    void settingsCsvGivesWhatItHasAndNullForTheRest() {
        assertThat(TakeoutZip.settings("blog_name,blog_locale,blog_publishing_mode,blog_subdomain\n"
                + "Travel notes,en_US,CUSTOM_DOMAIN,travelnotes\n"))
                .isEqualTo(new ImportedBlog("Travel notes", null, "en", null, null));
        // A language Carnet does not speak is not guessed: it is named, for the import's summary.
        assertThat(TakeoutZip.settings("blog_name,blog_locale\nReisen,de\n"))
                .isEqualTo(new ImportedBlog("Reisen", null, null, null, null, java.util.Map.of(), List.of(
                        new UnappliedSetting(UnappliedSetting.Setting.LANGUAGE, "de",
                                UnappliedSetting.Reason.UNKNOWN_VALUE))));
        assertThat(TakeoutZip.settings("blog_name\n")).isNull();
    }
}
