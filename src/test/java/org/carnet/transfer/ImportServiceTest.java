package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogSettings;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Visibility;
import org.carnet.core.Messages;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The import rules on a neutral export (the readers of each format are tested on their own). */
class ImportServiceTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static User owner;

    @BeforeAll
    static void anOwner() {
        owner = carnet.user("owner@import.test", "Owner", "mot de passe des imports");
    }

    private static final ExportFile SAMPLE = ImportServiceTestData.SAMPLE;

    private static ImportedPost post(String n, String title, String html, String path, boolean draft,
                                     String... labels) {
        return ImportServiceTestData.post(n, title, html, path, draft, labels);
    }

    @Test
    void anExportBecomesABlogThatKeepsEveryUrl() {
        ImportSummary s = carnet.services().imports.importInto("carnet-asie", true, owner.id(), SAMPLE,
                ImportProgress.NONE);
        assertThat(s.posts()).isEqualTo(3);
        assertThat(s.pages()).isEqualTo(1);
        assertThat(s.drafts()).isEqualTo(1);
        assertThat(s.comments()).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.redirects()).isEqualTo(1);
        Blog blog = carnet.services().blogs.require("carnet-asie");
        assertThat(blog.title()).isEqualTo("Carnet d’Asie");
        assertThat(blog.language()).isEqualTo("fr");
        assertThat(blog.timeZone()).isEqualTo("Asia/Almaty");

        Response post = carnet.client().get("/carnet-asie/2022/01/kazakhstan-les-lecons-dune-crise.html");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.doc().selectFirst(".post-body a").attr("href")).isEqualTo("/carnet-asie/2021/12/avant.html");
        assertThat(post.doc().selectFirst(".post-body").text()).contains("et <durera>.").contains("La suite.");
        assertThat(post.body()).doesNotContain("alert(1)");
        assertThat(post.doc().select(".post-footer .labels a").eachText()).containsExactly("Asie centrale", "l’Ouzbékistan");
        assertThat(post.doc().selectFirst(".author").text()).isEqualTo("Publié par Jeanne");
        assertThat(post.doc().selectFirst(".comment-count").text()).isEqualTo("3 commentaires:");
        // Replies, even to a reply and even listed before their parents, join the first comment's thread.
        assertThat(post.doc().select(".comment-list > li")).hasSize(1);
        assertThat(post.doc().select(".replies .comment-body").eachText())
                .containsExactly("Réponse", "Réponse à la réponse");
        assertThat(post.doc().select(".comment-list > li > article .comment-body").html()).contains("<br");
        assertThat(post.doc().select(".comment-author").eachText()).containsOnly("Anonyme");

        Response home = carnet.client().get("/carnet-asie/");
        assertThat(home.text()).contains("Voir avant et <durera>.").doesNotContain("La suite.")
                .doesNotContain("Brouillon");
        assertThat(carnet.client().get("/carnet-asie/2021/12/avant.html").status()).isEqualTo(200);
        assertThat(carnet.client().get("/carnet-asie/p/a-propos.html").status()).isEqualTo(200);
        Response old = carnet.client().get("/carnet-asie/2022/01/10/ancien-lien/");
        assertThat(old.status()).isEqualTo(301);
        assertThat(old.location()).isEqualTo("/carnet-asie/2022/01/ancien-lien-wordpress.html");
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() {
        carnet.services().imports.importInto("deux-fois", true, owner.id(), SAMPLE, ImportProgress.NONE);
        var before = Rows.snapshot(carnet.services().db.jdbi(), "post", "comment", "post_label", "post_redirect");
        ImportSummary again = carnet.services().imports.importInto("deux-fois", false, null, SAMPLE,
                ImportProgress.NONE);
        assertThat(again.posts() + again.pages() + again.drafts() + again.comments()).isZero();
        assertThat(again.alreadyThere()).isEqualTo(5 + 3);
        assertThat(Rows.snapshot(carnet.services().db.jdbi(), "post", "comment", "post_label", "post_redirect"))
                .isEqualTo(before);
    }

    @Test
    void aFileThatFailsHalfWayLeavesTheBlogAsItWas() {
        carnet.blog(owner, "intact");
        var before = Rows.snapshot(carnet.services().db.jdbi(), "blog", "post", "comment", "post_label");
        ExportFile broken = sink -> {
            SAMPLE.readInto(sink);
            throw new ImportFormatException(9, "unexpected end of file");
        };
        assertThatThrownBy(() -> carnet.services().imports.importInto("intact", false, null, broken,
                ImportProgress.NONE)).isInstanceOf(ImportFormatException.class).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> carnet.services().imports.importInto("nouveau", true, owner.id(), broken,
                ImportProgress.NONE)).isInstanceOf(ImportFormatException.class);
        assertThat(Rows.snapshot(carnet.services().db.jdbi(), "blog", "post", "comment", "post_label"))
                .isEqualTo(before);
        assertThat(carnet.services().blogs.find("nouveau")).isEmpty();
    }

    @Test
    void aPathAlreadyTakenByAnotherPostRefusesTheWholeFile() {
        carnet.services().imports.importInto("occupe", true, owner.id(), sink -> sink.post(post("1", "Autre",
                "<p>Déjà là.</p>", "/2022/01/kazakhstan-les-lecons-dune-crise.html", false)), ImportProgress.NONE);
        var before = Rows.snapshot(carnet.services().db.jdbi(), "post", "comment");
        assertThatThrownBy(() -> carnet.services().imports.importInto("occupe", false, null, SAMPLE,
                ImportProgress.NONE)).isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("/2022/01/kazakhstan-les-lecons-dune-crise.html");
        assertThat(Rows.snapshot(carnet.services().db.jdbi(), "post", "comment")).isEqualTo(before);
    }

    // ---------------------------------------------------------------- the blog's settings

    private static Path takeoutZip(Path dir, String settingsCsv) throws IOException {
        Path zip = dir.resolve("takeout-20220301T100000Z-001.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.UTF_8)) {
            out.putNextEntry(new ZipEntry(TakeoutZipTest.FOLDER + "settings.csv"));
            out.write(settingsCsv.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(TakeoutZipTest.FOLDER + "feed.atom"));
            out.write(BloggerTakeoutTest.carnetDAsie().xml().getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    private static ExportFile classic(Path dir, BloggerFixture.Classic export) throws IOException {
        return ExportFile.open("blogger", Files.writeString(dir.resolve("blog-03-01-2022.xml"), export.xml()));
    }

    @Test
    void aTakeoutZipsSettingsCsvSetsEverySettingOfTheBlogItCreates(@TempDir Path dir) throws IOException {
        ImportSummary s = carnet.services().imports.importInto("asie-takeout", true, owner.id(),
                ExportFile.open("blogger", takeoutZip(dir, TakeoutZipTest.FULL_SETTINGS)), ImportProgress.NONE);

        Blog blog = carnet.services().blogs.require("asie-takeout");
        assertThat(blog.title()).isEqualTo("Carnet d’Asie");
        assertThat(blog.description()).isEqualTo("Notes de voyage");
        assertThat(blog.language()).isEqualTo("fr");
        assertThat(blog.timeZone()).isEqualTo("Asia/Tashkent");
        assertThat(blog.commentPolicy()).isEqualTo(CommentPolicy.ANYONE);
        assertThat(blog.moderation()).isEqualTo("older:30");
        assertThat(blog.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(blog.postsPerPage()).isEqualTo(12);
        assertThat(blog.hiddenFromEngines()).isTrue();
        // Its search description has no place beside its description: named, in words.
        assertThat(s.settingsNotApplied()).extracting(u -> u.describe(Messages.of("en"))).containsExactly(
                "Search description: Carnet has one description, the blog’s, which search engines read too; the "
                        + "export’s separate one for search engines was not taken.");
        // What readers see follows: engines are asked to stay away.
        assertThat(carnet.client().get("/asie-takeout/").doc().select("meta[name=robots]").attr("content"))
                .isEqualTo("noindex, nofollow");
    }

    @Test
    void aClassicExportsSettingsEntriesSetEverySettingOfTheBlogItCreates(@TempDir Path dir) throws IOException {
        BloggerFixture.Classic export = BloggerClassicTest.carnetDAsie()
                .setting("BLOG_COMMENT_ACCESS", "MEMBERS")
                .setting("BLOG_COMMENT_MODERATION", "ENABLED")
                .setting("BLOG_READ_ACCESS_MODE", "PRIVATE")
                .setting("BLOG_MAX_NUM", "3")
                .setting("BLOG_MAX_UNIT", "POSTS")
                .setting("BLOG_SEARCHABLE", "false");

        ImportSummary s = carnet.services().imports.importInto("asie-classique", true, owner.id(),
                classic(dir, export), ImportProgress.NONE);

        Blog blog = carnet.services().blogs.require("asie-classique");
        assertThat(blog.title()).isEqualTo("Carnet d’Asie");
        assertThat(blog.description()).isEqualTo("Notes de voyage, de Tachkent à Hanoï");
        assertThat(blog.timeZone()).isEqualTo("Europe/Paris");
        assertThat(blog.commentPolicy()).isEqualTo(CommentPolicy.MEMBERS);
        assertThat(blog.moderation()).isEqualTo("always");
        assertThat(blog.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(blog.postsPerPage()).isEqualTo(3);
        assertThat(blog.hiddenFromEngines()).isTrue();
        assertThat(s.settingsNotApplied()).isEmpty();
        // A private blog: an anonymous reader is sent to sign in.
        assertThat(carnet.client().get("/asie-classique/").status()).isEqualTo(303);
    }

    @Test
    void aValueCarnetCannotApplyKeepsTheDefaultAndIsNamedInTheSummary(@TempDir Path dir) throws IOException {
        BloggerFixture.Classic export = new BloggerFixture.Classic("Carnet d’Asie")
                .setting("BLOG_TIME_ZONE", "Mars/Olympus_Mons")
                .setting("BLOG_COMMENT_ACCESS", "FRIENDS_OF_FRIENDS")
                .setting("BLOG_MAX_NUM", "80")
                .setting("BLOG_MAX_UNIT", "POSTS")
                .setting("BLOG_READ_ACCESS_MODE", "PRIVATE")
                .post(BloggerClassicTest.samarcande());

        ImportSummary s = carnet.services().imports.importInto("asie-inconnu", true, owner.id(),
                classic(dir, export), ImportProgress.NONE);

        Blog blog = carnet.services().blogs.require("asie-inconnu");
        assertThat(s.posts()).as("the file is imported all the same").isEqualTo(1);
        assertThat(blog.visibility()).as("a value it knows is applied").isEqualTo(Visibility.PRIVATE);
        assertThat(blog.timeZone()).isEqualTo("Europe/Paris");
        assertThat(blog.commentPolicy()).isEqualTo(CommentPolicy.REGISTERED);
        assertThat(blog.postsPerPage()).isEqualTo(7);
        assertThat(s.settingsNotApplied()).containsExactlyInAnyOrder(
                new UnappliedSetting(UnappliedSetting.Setting.TIME_ZONE, "Mars/Olympus_Mons",
                        UnappliedSetting.Reason.UNKNOWN_VALUE),
                new UnappliedSetting(UnappliedSetting.Setting.COMMENT_POLICY, "FRIENDS_OF_FRIENDS",
                        UnappliedSetting.Reason.UNKNOWN_VALUE),
                new UnappliedSetting(UnappliedSetting.Setting.POSTS_PER_PAGE, "80",
                        UnappliedSetting.Reason.UNKNOWN_VALUE));
        assertThat(s.settingsNotApplied()).extracting(u -> u.describe(Messages.of("fr"))).contains(
                "Qui peut commenter\u00A0: Carnet ne peut pas appliquer la valeur «\u00A0FRIENDS_OF_FRIENDS\u00A0» "
                        + "de l’export\u00A0; ce réglage n’a pas été modifié.");
    }

    @Test
    void anImportIntoABlogThatExistedKeepsItsSettingsAndNamesTheExportsOthers(@TempDir Path dir) throws IOException {
        carnet.blog(owner, "existant", "time-zone", "Europe/Paris", "comment-policy", "anyone");
        Blog before = carnet.services().blogs.require("existant");
        BloggerFixture.Classic export = BloggerClassicTest.carnetDAsie()
                .setting("BLOG_COMMENT_ACCESS", "ANYONE")
                .setting("BLOG_READ_ACCESS_MODE", "PRIVATE")
                .setting("BLOG_MAX_NUM", "5")
                .setting("BLOG_MAX_UNIT", "DAYS");

        ImportSummary s = carnet.services().imports.importInto("existant", false, null, classic(dir, export),
                ImportProgress.NONE);

        Blog after = carnet.services().blogs.require("existant");
        assertThat(BlogSettings.describe(after)).isEqualTo(BlogSettings.describe(before));
        // The same time zone and comment policy go unmentioned; what differs is named, and what has no equivalent.
        assertThat(s.settingsNotApplied()).containsExactlyInAnyOrder(
                new UnappliedSetting(UnappliedSetting.Setting.TITLE, null, UnappliedSetting.Reason.BLOG_KEEPS_ITS_OWN),
                new UnappliedSetting(UnappliedSetting.Setting.DESCRIPTION, null,
                        UnappliedSetting.Reason.BLOG_KEEPS_ITS_OWN),
                new UnappliedSetting(UnappliedSetting.Setting.VISIBILITY, null,
                        UnappliedSetting.Reason.BLOG_KEEPS_ITS_OWN),
                new UnappliedSetting(UnappliedSetting.Setting.POSTS_PER_PAGE, "5",
                        UnappliedSetting.Reason.POSTS_BY_DAYS));
        assertThat(s.settingsNotApplied()).extracting(u -> u.describe(Messages.of("en")))
                .contains("Title: the blog keeps its own setting (an export’s settings apply only to a blog the "
                        + "import creates).");
    }

    @Test
    void progressIsReported() {
        int[] last = new int[3];
        carnet.services().imports.importInto("progres", true, owner.id(), SAMPLE, (e, p, c) -> {
            last[0] = e;
            last[1] = p;
            last[2] = c;
        });
        assertThat(last).containsExactly(9, 5, 3);
    }
}
