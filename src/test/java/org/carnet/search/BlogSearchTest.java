package org.carnet.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /search?q= on a blog: French analysis, visibility rules, edits searchable at once, bad queries harmless. */
class BlogSearchTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe de la recherche";
    private static User author;
    private static Blog blog;

    @BeforeAll
    static void aFrenchBlog() {
        author = carnet.user("author@search.test", "Autrice", PW);
        blog = carnet.blog(author, "recherche", "language", "fr");
        publish(blog, "Kazakhstan : les leçons d’une crise", "<p>Des manifestants réclament des réformes.</p>",
                "Politique");
        publish(blog, "Chronique d’un hiver", "<p>L’insurrection de janvier a surpris les leçons du passé.</p>", "");
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, "Brouillon des leçons",
                BodyFormat.HTML, "<p>leçons secrètes</p>", "", "", "", ""), PostService.Intent.SAVE_DRAFT);
    }

    private static long publish(Blog b, String title, String html, String labels) {
        return carnet.services().posts.create(Viewer.of(author), b, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, html, labels, "", "", ""), PostService.Intent.PUBLISH);
    }

    private static java.util.List<String> titles(Response r) {
        return r.doc().select(".search-hit .post-title").eachText();
    }

    @Test
    void frenchAnalysisFindsWhatAReaderMeans() {
        assertThat(titles(carnet.client().get("/recherche/search?q=lecons")))
                .containsExactly("Kazakhstan : les leçons d’une crise", "Chronique d’un hiver");
        Response manifestant = carnet.client().get("/recherche/search?q=manifestant");
        assertThat(titles(manifestant)).containsExactly("Kazakhstan : les leçons d’une crise");
        assertThat(manifestant.doc().select(".snippet mark").eachText()).containsExactly("manifestants");
        assertThat(titles(carnet.client().get("/recherche/search?q=insurrection")))
                .containsExactly("Chronique d’un hiver");
        Response phrase = carnet.client().get("/recherche/search?q=%22le%C3%A7ons+d%E2%80%99une+crise%22");
        assertThat(titles(phrase)).containsExactly("Kazakhstan : les leçons d’une crise");
        assertThat(titles(carnet.client().get("/recherche/search?q=le%C3%A7ons&label=Politique")))
                .containsExactly("Kazakhstan : les leçons d’une crise");
    }

    @Test
    void draftsAreNeverFoundAndBadQueriesAreHarmless() {
        assertThat(carnet.client().get("/recherche/search?q=secr%C3%A8tes").doc().select("#no-results")).hasSize(1);
        for (String q : new String[] {"%22unbalanced", "(((", "AND", "*", "title:", "a~", "%5B", "!%3F"}) {
            Response r = carnet.client().get("/recherche/search?q=" + q);
            assertThat(r.status()).as(q).isEqualTo(200);
        }
        Response echoed = carnet.client().get("/recherche/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(echoed.doc().selectFirst("#no-results").text()).contains("<script>alert(1)</script>");
    }

    @Test
    void anEditIsSearchableRightAfterItIsSaved() {
        WebClient autrice = carnet.signedIn("author@search.test", PW);
        long id = publish(blog, "Steppes", "<p>Rien de particulier.</p>", "");
        assertThat(titles(carnet.client().get("/recherche/search?q=yourte"))).isEmpty();
        Response saved = autrice.submit("/recherche/admin/posts/" + id + "/edit", "form#editor",
                Map.of("body", "<p>Une nuit dans une yourte.</p>", "format", "html", "action", "publish"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(titles(carnet.client().get("/recherche/search?q=yourte"))).containsExactly("Steppes");
        autrice.submit("/recherche/admin/posts/" + id + "/edit", "form#editor", Map.of("action", "draft"));
        assertThat(titles(carnet.client().get("/recherche/search?q=yourte"))).isEmpty();
    }

    @Test
    void aPrivateBlogIsSearchedByItsMembersOnly() {
        Blog secret = carnet.blog(author, "secrete", "language", "fr", "visibility", "private");
        publish(secret, "Carnet intime", "<p>Souvenirs de Boukhara.</p>", "");
        assertThat(carnet.client().get("/secrete/search?q=boukhara").status()).isEqualTo(303);
        WebClient stranger = carnet.signedIn("stranger@search.test", PW);
        assertThat(stranger.get("/secrete/search?q=boukhara").status()).isEqualTo(403);
        WebClient member = carnet.signedIn("author@search.test", PW);
        assertThat(titles(member.get("/secrete/search?q=boukhara"))).containsExactly("Carnet intime");
        // Another blog's search never returns this blog's posts.
        assertThat(titles(carnet.client().get("/recherche/search?q=boukhara"))).isEmpty();
    }

    @Test
    void reindexRebuildsAnIndexFromTheDatabase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = org.carnet.Carnet.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(
                new java.io.StringWriter(), true), "reindex", "--db", carnet.jdbcUrl(), "--data", data.toString());
        assertThat(code).isZero();
        assertThat(out.toString()).matches("(?s)Search index rebuilt: [0-9]+ posts\\.\\s*");
        assertThat(java.nio.file.Files.exists(data.resolve("index"))).isTrue();
    }

    @Test
    void theAdminPostsListFindsPublishedTextsAndDraftTitles() {
        WebClient autrice = carnet.signedIn("author@search.test", PW);
        java.util.List<String> found = autrice.get("/recherche/admin/posts?q=manifestants").doc()
                .select("#posts tbody tr td:nth-child(2) > a:first-child").eachText();
        assertThat(found).containsExactly("Kazakhstan : les leçons d’une crise");
        assertThat(autrice.get("/recherche/admin/posts?q=brouillon").doc()
                .select("#posts tbody tr td:nth-child(2) > a:first-child").eachText())
                .containsExactly("Brouillon des leçons");
    }
}
