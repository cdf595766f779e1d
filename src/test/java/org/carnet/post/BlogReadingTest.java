package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading a blog: paging, archives and their counts, labels, neighbours, authors, "read more". */
class BlogReadingTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static Blog blog;
    private static User author;

    /** Seven posts over three months of 2021-2022 (Paris time), one draft and one page. */
    @BeforeAll
    static void aBlogWithPostsOverSeveralMonths() {
        author = carnet.user("author@read.test", "Jeanne Autrice", "mot de passe de lecture");
        blog = carnet.blog(author, "lire", "language", "fr", "time-zone", "Europe/Paris", "posts-per-page", "3");
        write("Décembre un", "2021-12-05T10:00", "Politique", "<p>Un.</p>");
        write("Décembre deux", "2021-12-31T23:30", "Politique, Économie", "<p>Deux.</p>");
        write("Janvier un", "2022-01-01T00:30", "Économie", "<p>Trois.</p>");
        write("Janvier deux", "2022-01-10T09:00", "", "<p>Avant la coupure.</p><!--more--><p>Après la coupure.</p>");
        write("Janvier trois", "2022-01-20T09:00", "Politique", "<p>Cinq.</p>");
        write("Février un", "2022-02-01T09:00", "", "<p>Six.</p>");
        write("Février deux", "2022-02-02T09:00", "Politique", "<p>Sept.</p>");
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, "Brouillon",
                BodyFormat.HTML, "<p>Non.</p>", "Politique", "", "", "2022-01-15T09:00"),
                PostService.Intent.SAVE_DRAFT);
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.PAGE, "Contact",
                BodyFormat.HTML, "<p>Écrivez-moi.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
    }

    private static void write(String title, String at, String labels, String html) {
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, html, labels, "", "", at), PostService.Intent.PUBLISH);
    }

    private static List<String> titles(Document d) {
        return d.select("h2.post-title").eachText();
    }

    @Test
    void theHomePagePagesBackwardsAndForwardsWithBloggersLinks() {
        WebClient reader = carnet.client();
        Response home = reader.get("/lire/");
        assertThat(titles(home.doc())).containsExactly("Février deux", "Février un", "Janvier trois");
        assertThat(home.doc().select(".pager .newer")).isEmpty();
        String older = home.doc().selectFirst(".pager a.older").attr("href");
        assertThat(older).isEqualTo("/lire/search?updated-max=2022-01-20T09%3A00%3A00%2B01%3A00&max-results=3");
        assertThat(home.doc().selectFirst(".pager a.older").text()).isEqualTo("Articles plus anciens");

        Response page2 = reader.get(older);
        assertThat(titles(page2.doc())).containsExactly("Janvier deux", "Janvier un", "Décembre deux");
        Response page3 = reader.get(page2.doc().selectFirst(".pager a.older").attr("href"));
        assertThat(titles(page3.doc())).containsExactly("Décembre un");
        assertThat(page3.doc().select(".pager a.older")).isEmpty();

        Response back = reader.get(page3.doc().selectFirst(".pager a.newer").attr("href"));
        assertThat(titles(back.doc())).containsExactly("Janvier deux", "Janvier un", "Décembre deux");
        assertThat(back.doc().selectFirst(".pager a.newer").text()).isEqualTo("Articles plus récents");
        assertThat(back.doc().selectFirst(".pager a.newer").attr("href")).isEqualTo("/lire/");
    }

    @Test
    void theArchiveCountsVisiblePostsByMonthInTheBlogsTimeZone() {
        Document home = carnet.client().get("/lire/").doc();
        List<String> archive = home.select("#blog-archive details > summary").eachText();
        assertThat(archive).containsExactly("2022 (5)", "2021 (2)");
        assertThat(home.select("#blog-archive details").first().hasAttr("open")).isTrue();
        assertThat(home.select("#blog-archive details").last().hasAttr("open")).isFalse();
        // 2021-12-31T23:30 Paris is still December there, 2022-01-01T00:30 Paris is January.
        assertThat(home.select("#blog-archive li li:not(.whole-year)").eachText())
                .containsExactly("février (2)", "janvier (3)", "décembre (2)");
        // The toggle holds no link (a link in a summary is two controls in one); the year's page is inside.
        assertThat(home.select("#blog-archive summary a")).isEmpty();
        assertThat(home.select("#blog-archive li.whole-year a").eachAttr("href"))
                .containsExactly("/lire/2022/", "/lire/2021/");

        Response january = carnet.client().get("/lire/2022/01/");
        assertThat(january.status()).isEqualTo(200);
        assertThat(titles(january.doc())).containsExactly("Janvier trois", "Janvier deux", "Janvier un");
        assertThat(january.doc().selectFirst("h1.listing-heading").text()).isEqualTo("Archives : janvier 2022");
        assertThat(titles(carnet.client().get("/lire/2021/").doc())).containsExactly("Décembre deux", "Décembre un");
        assertThat(carnet.client().get("/lire/2020/").text()).contains("Aucun article sur cette période.");
        assertThat(carnet.client().get("/lire/2022/13/").status()).isEqualTo(404);
    }

    @Test
    void labelPagesAndCountsOnlyCountVisiblePosts() {
        Document home = carnet.client().get("/lire/").doc();
        assertThat(home.select("#blog-labels li").eachText()).containsExactly("Économie (2)", "Politique (4)");
        Response politique = carnet.client().get("/lire/search/label/Politique");
        assertThat(titles(politique.doc())).containsExactly("Février deux", "Janvier trois", "Décembre deux");
        assertThat(politique.doc().selectFirst(".pager a.older").attr("href"))
                .startsWith("/lire/search/label/Politique?updated-max=");
        Response economie = carnet.client().get("/lire/search/label/%C3%89conomie");
        assertThat(titles(economie.doc())).containsExactly("Janvier un", "Décembre deux");
        Response unknown = carnet.client().get("/lire/search/label/Inconnu");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("Aucun article n’a le libellé « Inconnu ».");
    }

    @Test
    void aPostShowsItsNeighboursAndTheHomeShowsOnlyItsTeaser() {
        Response home = carnet.client().get("/lire/search?updated-max=2022-01-20T09%3A00%2B01%3A00&max-results=3");
        assertThat(home.text()).contains("Avant la coupure.").doesNotContain("Après la coupure.");
        assertThat(home.doc().selectFirst(".jump a").text()).isEqualTo("Lire la suite »");
        Response post = carnet.client().get("/lire/2022/01/janvier-deux.html");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.text()).contains("Avant la coupure.").contains("Après la coupure.");
        assertThat(post.doc().selectFirst(".date").text()).isEqualTo("lundi 10 janvier 2022");
        assertThat(post.doc().selectFirst(".pager a.newer").attr("href")).isEqualTo("/lire/2022/01/janvier-trois.html");
        assertThat(post.doc().selectFirst(".pager a.older").attr("href")).isEqualTo("/lire/2022/01/janvier-un.html");
        // The draft dated 2022-01-15 sits between them in time, but is nobody's neighbour.
        assertThat(post.body()).doesNotContain("brouillon");
    }

    @Test
    void anAuthorPageListsTheirVisiblePosts() {
        Response page = carnet.client().get("/lire/author/" + author.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().selectFirst("h1").text()).isEqualTo("Jeanne Autrice");
        assertThat(page.doc().select(".post-list li a").eachText()).hasSize(7).doesNotContain("Brouillon");
        assertThat(carnet.client().get("/lire/author/999999").status()).isEqualTo(404);
    }

    @Test
    void badListingParametersAreRefusedCleanly() {
        Response r = carnet.client().get("/lire/search?updated-max=hier");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("updated-max doit être une date");
        assertThat(carnet.client().get("/lire/search?updated-max=2022-01-01T00:00:00Z&max-results=beaucoup").status())
                .isEqualTo(400);
        assertThat(carnet.client().get("/lire/2022/01/nothing-here.html").status()).isEqualTo(404);
        assertThat(carnet.client().get("/lire/p/nothing.html").status()).isEqualTo(404);
        assertThat(carnet.client().get("/lire/2022/01/janvier-deux.txt").status()).isEqualTo(404);
        assertThat(carnet.client().get("/lire/search?updated-max=%2B999999999-01-01T00:00:00Z").status())
                .isEqualTo(400);
        // Someone with no post, membership or comment here has no profile on this blog.
        long stranger = carnet.user("nobody@read.test", "Personne", "mot de passe de personne").id();
        assertThat(carnet.client().get("/lire/author/" + stranger).status()).isEqualTo(404);
    }

    @Test
    void pagesAreNotPostsButAreReachable() {
        assertThat(carnet.client().get("/lire/p/contact.html").text()).contains("Écrivez-moi.");
        List<String> all = new ArrayList<>(titles(carnet.client().get("/lire/").doc()));
        assertThat(all).doesNotContain("Contact");
    }
}
