package org.carnet.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.carnet.transfer.ExportFile;
import org.carnet.transfer.ImportProgress;
import org.carnet.web.Pages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every old address of an imported blog answers with a 301 to where its page lives now: each of WordPress's
 * permalink settings as its export records them, its feed, category, tag and author pages, Blogger's variants
 * of its own addresses; under /{blog}/ and on a blog's own host name.
 */
class OldAddressesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @TempDir
    static Path dir;

    private static final String HOST = "ancien.example.test";

    /** One item of a WordPress export: its link is what the import keeps as the old address. */
    private static String item(int id, String type, String title, String link, String... categories) {
        StringBuilder cats = new StringBuilder();
        for (String c : categories) {
            String[] domainNiceName = c.split(":", 3);
            cats.append("<category domain=\"").append(domainNiceName[0]).append("\" nicename=\"")
                    .append(domainNiceName[1]).append("\"><![CDATA[").append(domainNiceName[2])
                    .append("]]></category>\n");
        }
        return """
                <item>
                  <title><![CDATA[%s]]></title>
                  <link>https://wp.example%s</link>
                  <dc:creator><![CDATA[marie]]></dc:creator>
                  <content:encoded><![CDATA[<p>Texte de %s.</p>]]></content:encoded>
                  <wp:post_id>%d</wp:post_id>
                  <wp:post_date_gmt><![CDATA[2023-07-14 10:00:00]]></wp:post_date_gmt>
                  <wp:status><![CDATA[publish]]></wp:status>
                  <wp:post_type><![CDATA[%s]]></wp:post_type>
                  %s
                </item>
                """.formatted(title, link, title, id, type, cats);
    }

    private static final String WXR = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <rss version="2.0"
            	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
            	xmlns:content="http://purl.org/rss/1.0/modules/content/"
            	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
            	xmlns:dc="http://purl.org/dc/elements/1.1/"
            	xmlns:wp="http://wordpress.org/export/1.2/"
            >
            <channel>
            <title>Ancien blog</title>
            <link>https://wp.example</link>
            <language>fr-FR</language>
            <wp:wxr_version>1.2</wp:wxr_version>
            <wp:base_site_url>https://wp.example</wp:base_site_url>
            <wp:base_blog_url>https://wp.example</wp:base_blog_url>
            """
            + item(11, "post", "Simple", "/?p=11")
            + item(12, "page", "Page simple", "/?page_id=12")
            + item(13, "post", "Jour et nom", "/2023/07/14/jour-et-nom/")
            + item(14, "post", "Mois et nom", "/2023/07/mois-et-nom/", "post_tag:ete:Été")
            + item(15, "post", "Numerique", "/archives/123")
            + item(16, "post", "Nom seul", "/nom-seul/")
            + item(17, "post", "Avec categorie", "/voyages/avec-categorie/", "category:voyages:Voyages")
            + item(18, "page", "À propos", "/a-propos/")
            + item(19, "page", "Enfant", "/parent/enfant/")
            // WordPress writes a link's accents as lowercase escapes; some exports leave them as they are.
            + item(20, "post", "Été chaud", "/2023/07/%c3%a9t%c3%a9-chaud/")
            + item(21, "post", "Hiver froid", "/2023/07/hivér-froid/")
            + "</channel>\n</rss>\n";

    private static User owner;

    @BeforeAll
    static void twoBlogsImportedFromTheSameWordPress() throws IOException {
        owner = carnet.user("owner@old.test", "Marie Lefèvre", "mot de passe des anciennes adresses");
        Path file = dir.resolve("wordpress.xml");
        Files.writeString(file, WXR, StandardCharsets.UTF_8);
        ExportFile export = ExportFile.open("wordpress", file);
        carnet.services().imports.importInto("ancien", true, owner.id(), export, ImportProgress.NONE);
        carnet.blog(owner, "domaine", "host", HOST);
        carnet.services().imports.importInto("domaine", false, null, export, ImportProgress.NONE);
        // The owner writes a post of their own: their author page exists.
        Blog ancien = carnet.services().blogs.require("ancien");
        carnet.services().posts.create(Viewer.of(owner), ancien, new PostInput(Post.Kind.POST, "Nouveau",
                BodyFormat.HTML, "<p>Écrit ici.</p>", "", "", "", "2023-08-01T10:00"), PostService.Intent.PUBLISH);
    }

    /** Where the imported post of this title lives now in this blog. */
    private static String pathOf(String blog, String title) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT p.path FROM post p JOIN blog b ON b.id = p.blog_id
                        WHERE b.name = :blog AND p.title = :title""")
                .bind("blog", blog).bind("title", title).mapTo(String.class).one());
    }

    private static void movedTo(Response r, String location) {
        assertThat(r.status()).as(r.uri()).isEqualTo(301);
        assertThat(r.location()).as(r.uri()).isEqualTo(location);
    }

    private static final String[][] PERMALINKS = {
            {"/?p=11", "Simple"},
            {"?p=11", "Simple"},
            {"/?page_id=12", "Page simple"},
            {"/?p=11&utm_source=lettre", "Simple"},
            {"/2023/07/14/jour-et-nom/", "Jour et nom"},
            {"/2023/07/mois-et-nom/", "Mois et nom"},
            {"/2023/07/mois-et-nom", "Mois et nom"},
            {"/archives/123", "Numerique"},
            {"/nom-seul/", "Nom seul"},
            {"/voyages/avec-categorie/", "Avec categorie"},
            {"/a-propos/", "À propos"},
            {"/parent/enfant/", "Enfant"},
            {"/2023/07/%c3%a9t%c3%a9-chaud/", "Été chaud"},
            {"/2023/07/%C3%A9t%C3%A9-chaud/", "Été chaud"},   // as a browser sends it
            {"/2023/07/hiv%C3%A9r-froid/", "Hiver froid"},
    };

    @Test
    void everyWordPressPermalinkLeadsToItsPostUnderTheBlogsName() {
        WebClient reader = carnet.client();
        for (String[] permalink : PERMALINKS) {
            movedTo(reader.get("/ancien" + permalink[0]), "/ancien" + pathOf("ancien", permalink[1]));
        }
        // The post it leads to is there, and its page is not an old address.
        String now = pathOf("ancien", "Mois et nom");
        assertThat(now).startsWith("/2023/07/").endsWith(".html");
        assertThat(reader.get("/ancien" + now).status()).isEqualTo(200);
        // What was never an address of the blog is still not found, whatever its shape.
        for (String missing : new String[] {"/nulle-part/", "/2023/07/nulle-part/", "/a/b/", "/2023/07/14/rien/",
                "/?p=999", "/category/inconnue/", "/author/personne/", "/2023/13/"}) {
            assertThat(reader.get("/ancien" + missing).status()).as(missing).isEqualTo(404);
        }
    }

    @Test
    void everyWordPressPermalinkLeadsToItsPostOnTheBlogsHost() {
        WebClient reader = carnet.client();
        for (String[] permalink : PERMALINKS) {
            String path = permalink[0].startsWith("?") ? "/" + permalink[0] : permalink[0];
            movedTo(reader.get(path, "Host", HOST), pathOf("domaine", permalink[1]));
        }
        assertThat(reader.get("/nulle-part/", "Host", HOST).status()).isEqualTo(404);
    }

    @Test
    void wordPressFeedsCategoriesTagsAndAuthorsLeadToCarnetsOwn() {
        WebClient reader = carnet.client();
        movedTo(reader.get("/ancien/feed/"), "/ancien/feeds/posts/default");
        movedTo(reader.get("/ancien/feed"), "/ancien/feeds/posts/default");
        movedTo(reader.get("/ancien/feed/rss2/"), "/ancien/feeds/posts/default?alt=rss");
        movedTo(reader.get("/ancien/comments/feed/"), "/ancien/feeds/comments/default");
        movedTo(reader.get("/ancien/category/voyages/"), "/ancien/search/label/Voyages");
        movedTo(reader.get("/ancien/tag/ete/"), "/ancien/search/label/" + Pages.encodePath("Été"));
        movedTo(reader.get("/ancien/author/marie-lefevre/"), "/ancien/author/" + owner.id());
        movedTo(reader.get("/ancien/?s=montr%C3%A9al"), "/ancien/search?q=montr%C3%A9al");
        movedTo(reader.get("/feed/", "Host", HOST), "/feeds/posts/default");
        movedTo(reader.get("/category/voyages/", "Host", HOST), "/search/label/Voyages");
    }

    @Test
    void bloggersVariantsOfItsAddressesLeadToThePageItself() {
        WebClient reader = carnet.client();
        String post = pathOf("ancien", "Nouveau");
        movedTo(reader.get("/ancien" + post + "?m=1"), "/ancien" + post);
        movedTo(reader.get("/ancien/?m=1"), "/ancien/");
        movedTo(reader.get("/ancien/search/label/Voyages?m=0"), "/ancien/search/label/Voyages");
        movedTo(reader.get("/ancien/search?q=texte&m=1"), "/ancien/search?q=texte");
        movedTo(reader.get("/ancien" + post + "?showComment=1690000000000"), "/ancien" + post);
        movedTo(reader.get("/ancien/2023_07_01_archive.html"), "/ancien/2023/07/");
        movedTo(reader.get("/ancien/2023/07/14/"), "/ancien/2023/07/");   // WordPress's daily archive too
        movedTo(reader.get("/ancien/2023_07_01_archive.html?m=1"), "/ancien/2023_07_01_archive.html");
        String imported = pathOf("domaine", "Jour et nom");
        movedTo(reader.get(imported + "?m=1", "Host", HOST), imported);
        movedTo(reader.get("/2023_07_01_archive.html", "Host", HOST), "/2023/07/");
        // The pages themselves are still there.
        assertThat(reader.get("/ancien" + post).status()).isEqualTo(200);
        assertThat(reader.get("/ancien/2023/07/").status()).isEqualTo(200);
    }

    @Test
    void aBlogWithItsOwnHostNameSendsItsReadersThere() {
        WebClient reader = carnet.client();
        String post = pathOf("domaine", "Jour et nom");
        // Same path, same query, same port as the instance was reached on (the test's server has one).
        String there = "http://" + HOST + ":" + carnet.port();
        movedTo(reader.get("/domaine" + post), there + post);
        movedTo(reader.get("/domaine/"), there + "/");
        movedTo(reader.get("/domaine/search?q=texte"), there + "/search?q=texte");
        movedTo(reader.get("/domaine/2023/07/mois-et-nom/"), there + "/2023/07/mois-et-nom/");
        assertThat(reader.get(post, "Host", HOST).status()).isEqualTo(200);
    }

    @Test
    void theFaviconComesFromTheJarAndIsCached() {
        Response icon = carnet.client().get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).startsWith("image/");
        assertThat(icon.header("Cache-Control")).contains("public");
        assertThat(carnet.client().get("/favicon.ico", "Host", HOST).status()).isEqualTo(200);
        assertThat(carnet.client().get("/static/favicon.svg").status()).isEqualTo(200);
        assertThat(carnet.client().get("/ancien/").doc().select("link[rel=icon]").attr("href"))
                .isEqualTo("/static/favicon.svg");
    }
}
