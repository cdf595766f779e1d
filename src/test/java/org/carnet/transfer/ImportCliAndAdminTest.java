package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carnet.blog.Role;
import org.carnet.cli.Terminal;
import org.carnet.core.Messages;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Importing and exporting from the command line (beside a running server) and from a blog's admin. */
class ImportCliAndAdminTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe de l’import";
    private static User admin;

    @BeforeAll
    static void anInstanceAdmin() {
        admin = carnet.services().accounts.create("root@cli.test", "Root", PW, true);
    }


    @Test
    void theCliImportsABloggerFileOnceAndTheRunningServerShowsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("blog-01-20-2022.xml");
        Files.writeString(file, BloggerClassicTest.carnetDAsie().xml(), StandardCharsets.UTF_8);
        var first = carnet.cli("import", "blogger", file.toString(), "--blog", "asie", "--create");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Imported into asie: 2 posts, 1 pages, 1 drafts, 3 comments");
        assertThat(first.err()).contains("entries read");
        Response page = carnet.client().get("/asie/2022/01/samarcande-la-ville-bleue.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().selectFirst("h1.post-title").text()).isEqualTo("Samarcande, la ville bleue");
        assertThat(carnet.client().get("/asie/").doc().selectFirst(".blog-title").text()).isEqualTo("Carnet d’Asie");
        // The server's search index learns of the CLI's import from the change log, before answering.
        assertThat(carnet.client().get("/asie/search?q=samarcande").doc().select("ol.search-results a").text())
                .contains("Samarcande, la ville bleue");

        var before = Rows.snapshot(carnet.services().db.jdbi(), "post", "comment", "post_label");
        var again = carnet.cli("import", "blogger", file.toString(), "--blog", "asie");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("0 posts, 0 pages, 0 drafts, 0 comments").contains("already there");
        assertThat(Rows.snapshot(carnet.services().db.jdbi(), "post", "comment", "post_label")).isEqualTo(before);

        // A setting the file gives that Carnet cannot apply is named on the CLI, in the terminal's language.
        Path odd = dir.resolve("blog-odd.xml");
        Files.writeString(odd, new BloggerFixture.Classic("Carnet bizarre")
                .setting("BLOG_COMMENT_ACCESS", "FRIENDS_OF_FRIENDS").setting("BLOG_MAX_NUM", "5")
                .setting("BLOG_MAX_UNIT", "DAYS").post(BloggerClassicTest.samarcande()).xml(), StandardCharsets.UTF_8);
        var named = carnet.cli("import", "blogger", odd.toString(), "--blog", "bizarre", "--create");
        assertThat(named.code()).as(named.err()).isZero();
        Messages m = Messages.of(Terminal.language());
        assertThat(named.out().lines()).contains(m.t("import.settings.notApplied"),
                "  - " + new UnappliedSetting(UnappliedSetting.Setting.COMMENT_POLICY, "FRIENDS_OF_FRIENDS",
                        UnappliedSetting.Reason.UNKNOWN_VALUE).describe(m),
                "  - " + new UnappliedSetting(UnappliedSetting.Setting.POSTS_PER_PAGE, "5",
                        UnappliedSetting.Reason.POSTS_BY_DAYS).describe(m));
        assertThat(named.out()).doesNotContain("COMMENT_POLICY").doesNotContain("UNKNOWN_VALUE");
        assertThat(first.out()).as("nothing to name").doesNotContain(m.t("import.settings.notApplied"));

        Path out = dir.resolve("export.xml");
        var export = carnet.cli("export", "blogger", "--blog", "asie", "--out", out.toString());
        assertThat(export.code()).as(export.err()).isZero();
        String xml = Files.readString(out);
        assertThat(xml).contains("Carnet d’Asie").contains("kind#post").contains("kind#comment");
    }

    @Test
    void hostileOrForeignFilesAreRefusedByTheCliAndChangeNothing(@TempDir Path dir) throws Exception {
        carnet.blog(admin, "intacte");
        var before = Rows.snapshot(carnet.services().db.jdbi());
        Path bomb = dir.resolve("bomb.xml");
        Files.writeString(bomb, "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>"
                + "<feed xmlns='http://www.w3.org/2005/Atom'><title>&lol2;</title></feed>");
        Path cut = dir.resolve("cut.xml");
        String whole = BloggerClassicTest.carnetDAsie().xml();
        Files.writeString(cut, whole.substring(0, whole.length() * 2 / 3));
        Path rss = dir.resolve("rss.xml");
        Files.writeString(rss, "<rss version='2.0'><channel><title>x</title></channel></rss>");
        for (Path f : new Path[] {bomb, cut, rss}) {
            var r = carnet.cli("import", "blogger", f.toString(), "--blog", "intacte");
            assertThat(r.code()).as(f.toString()).isNotZero();
            // Refused at the entry where it went wrong, or as a whole (a DTD before any entry: no "entry 0").
            assertThat(r.err()).as(f.toString()).containsAnyOf("Import refused at entry", "This file could not be imported")
                    .doesNotContain("entry 0").contains("Nothing was changed.").doesNotContain("Exception");
        }
        var wrongFormat = carnet.cli("import", "wordpress", whole.isEmpty() ? "" : writeTo(dir, whole), "--blog",
                "intacte");
        assertThat(wrongFormat.code()).isNotZero();
        assertThat(wrongFormat.err()).contains("it is not a WordPress export");
        assertThat(Rows.snapshot(carnet.services().db.jdbi())).isEqualTo(before);
    }

    private static String writeTo(Path dir, String content) throws Exception {
        Path f = dir.resolve("blogger-as-wordpress.xml");
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void aWordPressExportKeepsItsOldAddressesAsRedirects(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wordpress.xml");
        Files.writeString(file, WxrReaderTest.FRENCH_BLOG, StandardCharsets.UTF_8);
        var r = carnet.cli("import", "wordpress", file.toString(), "--blog", "presse", "--create");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported into presse");
        var posts = carnet.services().reader.home(carnet.services().blogs.require("presse"), null, 50).entries();
        assertThat(posts).isNotEmpty();
        long redirects = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM post_redirect r JOIN blog b ON b.id = r.blog_id WHERE b.name = 'presse'")
                .mapTo(Long.class).one());
        assertThat(redirects).isPositive();
        String old = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT r.path FROM post_redirect r JOIN blog b ON b.id = r.blog_id WHERE b.name = 'presse' "
                        + "AND r.path NOT LIKE '%?%' ORDER BY r.path LIMIT 1").mapTo(String.class).one());
        Response moved = carnet.client().get("/presse" + old);
        assertThat(moved.status()).isEqualTo(301);
        assertThat(carnet.client().get(moved.location()).status()).isEqualTo(200);
    }

    @Test
    void aFileOfTheWrongKindIsRefusedInWordsWithAWayBackToTheForm() throws Exception {
        carnet.blog(admin, "mauvais-fichier", "language", "fr");
        WebClient root = carnet.signedIn("root@cli.test", PW).language("fr");
        // A Blogger backup sent as a WordPress export.
        Response status = uploadAndWaitForTheEnd(root, "mauvais-fichier", "wordpress");
        assertThat(status.doc().selectFirst("#import-error")).as("the refusal, within 30 s: %s", status.text())
                .isNotNull();
        // Wholly in French, the reason too (it was given in English), also once read back from the database by
        // a node that did not run the import (the stored reason is put in words when shown).
        assertThat(status.doc().selectFirst("#import-error").text())
                .isEqualTo("Ce fichier n’a pas pu être importé : ce n’est pas un export WordPress (WXR 1.x). "
                        + "Rien n’a été modifié.");
        // The status page may answer from the node's memory a moment before the job's row is finished.
        String json = org.carnet.testkit.Waits.until(() -> carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT j.error_args FROM import_job j JOIN blog b ON b.id = j.blog_id WHERE b.name = 'mauvais-fichier'")
                .mapTo(String.class).findOne().orElse(null)), "the refused import's row");
        Object[] stored = ImportJobStore.args(json);
        assertThat(org.carnet.core.Messages.of("fr").t("import.refused.file", stored))
                .isEqualTo("Ce fichier n’a pas pu être importé\u00a0: ce n’est pas un export WordPress (WXR 1.x). "
                        + "Rien n’a été modifié.");
        assertThat(status.doc().selectFirst("a#import-again").attr("href")).isEqualTo("/mauvais-fichier/admin/import");
    }

    @Test
    void anAdminUploadsAnExportSeesTheSummaryAndDownloadsTheBlog() {
        carnet.blog(admin, "televerse", "language", "fr");
        WebClient root = carnet.signedIn("root@cli.test", PW);
        Response status = uploadAndWaitForTheEnd(root, "televerse", "blogger");
        assertThat(status.doc().selectFirst("#import-summary")).as("the import's end, within 30 s: %s",
                status.text()).isNotNull();
        assertThat(status.doc().selectFirst("#import-summary").text())
                .contains("Imported: 2 posts, 1 page, 1 draft and 3 comments.");
        // The blog existed: it keeps its own title and description, and the page says so, in words.
        assertThat(status.doc().select("#import-settings-not-applied li").eachText()).containsExactly(
                "Title: the blog keeps its own setting (an export’s settings apply only to a blog the import "
                        + "creates).",
                "Description: the blog keeps its own setting (an export’s settings apply only to a blog the import "
                        + "creates).");
        assertThat(carnet.services().blogs.require("televerse").title()).isEqualTo("Blog televerse");
        Response download = root.get("/televerse/admin/export");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).contains("televerse-blogger.xml");
        assertThat(download.body()).contains("Samarcande");

        User reader = carnet.user("reader@cli.test", "Reader", PW);
        // Read again: an import larger than the blog it goes into gives the blog a new row (ImportStore.adopt).
        carnet.services().memberships.setRole(carnet.services().blogs.require("televerse"), reader.id(), Role.READER);
        WebClient lecteur = carnet.signedIn("reader@cli.test", PW);
        assertThat(lecteur.get("/televerse/admin/import").status()).isEqualTo(403);
        assertThat(lecteur.get("/televerse/admin/export").status()).isEqualTo(403);
    }

    /**
     * Uploads the Carnet d'Asie export as format through blog's import form, and asks for its status page again
     * (the import runs beside the request) until it shows the end, a summary or a refusal, for 30 s at most.
     */
    private static Response uploadAndWaitForTheEnd(WebClient client, String blog, String format) {
        Response form = client.get("/" + blog + "/admin/import");
        assertThat(form.status()).isEqualTo(200);
        String token = form.doc().selectFirst("form#import input[name=_csrf]").attr("value");
        Response started = client.postMultipart("/" + blog + "/admin/import", java.util.Map.of("_csrf", token,
                "format", format), "file", "blog.xml",
                BloggerClassicTest.carnetDAsie().xml().getBytes(StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.text()).isEqualTo(303);
        Response status = client.get(started.location());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (status.doc().selectFirst("#import-summary") == null && status.doc().selectFirst("#import-error") == null
                && System.nanoTime() < deadline) {
            sleep(50);
            status = client.get(started.location());
        }
        return status;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
