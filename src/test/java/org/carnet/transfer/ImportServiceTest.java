package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
