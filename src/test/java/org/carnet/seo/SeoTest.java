package org.carnet.seo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What search engines and link previews get: robots.txt, sitemaps, canonical, descriptions, Open Graph, JSON-LD. */
class SeoTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static User owner;

    @BeforeAll
    static void blogs() {
        owner = carnet.user("seo@seo.test", "Léa Écrit", "mot de passe des moteurs");
        Blog open = carnet.blog(owner, "visible", "language", "fr");
        carnet.blog(owner, "cache", "search-engines", "hidden");
        carnet.blog(owner, "prive", "visibility", "private");
        publish(open, "Kazakhstan : les leçons d’une crise", "<p>Le pays a connu <b>une crise</b>.</p>"
                + "<img src=\"https://images.example/steppe.jpg\" alt=\"\"><p>Suite &lt;/script&gt;.</p>", "", "");
        publish(open, "Avec description", "<p>Texte.</p>", "Ce que dit la description", "");
        carnet.services().posts.create(Viewer.of(owner), open, new PostInput(Post.Kind.POST, "Brouillon caché",
                BodyFormat.HTML, "<p>Non.</p>", "", "", "", ""), PostService.Intent.SAVE_DRAFT);
    }

    private static void publish(Blog blog, String title, String html, String description, String at) {
        carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, title, BodyFormat.HTML,
                html, "", description, "", at), PostService.Intent.PUBLISH);
    }

    private static String pathOf(String title) {
        return carnet.services().reader.home(carnet.services().blogs.require("visible"), null, 50).entries().stream()
                .filter(e -> e.post().title().equals(title)).findFirst().orElseThrow().post().path();
    }

    @Test
    void robotsKeepEnginesOutOfAdminSearchHiddenAndPrivateBlogs() {
        Response robots = carnet.client().get("/robots.txt");
        assertThat(robots.status()).isEqualTo(200);
        assertThat(robots.body()).contains("Disallow: /account/").contains("Disallow: /visible/admin/")
                .contains("Disallow: /visible/search").contains("Disallow: /cache/").doesNotContain("prive")
                .doesNotContain("Disallow: /visible/\n").contains("Sitemap: http://localhost:" + carnet.port()
                        + "/sitemap.xml");
        // A private blog's robots.txt says what a missing blog's says: nothing about its existence.
        assertThat(carnet.client().get("/prive/robots.txt").body())
                .isEqualTo(carnet.client().get("/nulle-part/robots.txt").body()).isEqualTo("User-agent: *\nDisallow: /\n");
    }

    @Test
    void sitemapsListVisiblePostsOnly() {
        Document index = org.jsoup.Jsoup.parse(carnet.client().get("/sitemap.xml").body(), "",
                org.jsoup.parser.Parser.xmlParser());
        assertThat(index.select("sitemap loc").eachText()).anyMatch(u -> u.endsWith("/visible/sitemap.xml"))
                .noneMatch(u -> u.contains("/cache/") || u.contains("/prive/"));
        Response sitemap = carnet.client().get("/visible/sitemap.xml");
        Document d = org.jsoup.Jsoup.parse(sitemap.body(), "", org.jsoup.parser.Parser.xmlParser());
        assertThat(d.select("url loc").eachText()).anyMatch(u -> u.endsWith(pathOf("Avec description")))
                .noneMatch(u -> u.contains("brouillon"));
        assertThat(d.select("url lastmod")).hasSize(2);
        assertThat(carnet.client().get("/cache/sitemap.xml").status()).isEqualTo(404);
    }

    @Test
    void aPostPageTellsEnginesAndPreviewsWhatItIs() throws Exception {
        String path = pathOf("Kazakhstan : les leçons d’une crise");
        Response page = carnet.client().get("/visible" + path);
        Document d = page.doc();
        String canonical = "http://localhost:" + carnet.port() + "/visible" + path;
        assertThat(d.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(canonical);
        assertThat(d.selectFirst("meta[name=description]").attr("content"))
                .startsWith("Le pays a connu une crise.");
        assertThat(d.selectFirst("meta[property=og:title]").attr("content"))
                .isEqualTo("Kazakhstan : les leçons d’une crise");
        assertThat(d.selectFirst("meta[property=og:type]").attr("content")).isEqualTo("article");
        assertThat(d.selectFirst("meta[property=og:image]").attr("content"))
                .isEqualTo("https://images.example/steppe.jpg");
        assertThat(d.selectFirst("meta[name=twitter:card]").attr("content")).isEqualTo("summary_large_image");
        assertThat(d.select("meta[name=robots]")).isEmpty();
        String json = d.selectFirst("script[type=application/ld+json]").data();
        assertThat(json).doesNotContain("</script");
        JsonNode ld = new ObjectMapper().readTree(json);
        assertThat(ld.get("@type").asText()).isEqualTo("BlogPosting");
        assertThat(ld.get("headline").asText()).isEqualTo("Kazakhstan : les leçons d’une crise");
        assertThat(ld.get("author").get("name").asText()).isEqualTo("Léa Écrit");
        assertThat(ld.get("inLanguage").asText()).isEqualTo("fr");
        assertThat(ld.get("url").asText()).isEqualTo(canonical);
        assertThat(d.selectFirst("html").attr("lang")).isEqualTo("fr");

        Document described = carnet.client().get("/visible" + pathOf("Avec description")).doc();
        assertThat(described.selectFirst("meta[name=description]").attr("content"))
                .isEqualTo("Ce que dit la description");
        assertThat(described.selectFirst("meta[name=twitter:card]").attr("content")).isEqualTo("summary");
    }

    @Test
    void hiddenBlogsAskEnginesNotToIndex() {
        assertThat(carnet.client().get("/cache/").doc().selectFirst("meta[name=robots]").attr("content"))
                .isEqualTo("noindex, nofollow");
        assertThat(carnet.client().get("/visible/").doc().selectFirst("link[rel=canonical]").attr("href"))
                .isEqualTo("http://localhost:" + carnet.port() + "/visible/");
    }
}
