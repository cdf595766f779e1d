package org.carnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carnet.blog.Role;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same server on a real PostgreSQL: sign-up to blog, private reading, membership, CSRF. */
@Tier.Postgres
class PostgresFlowTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    private static final String PW = "phrase de passe postgres";

    @Test
    void theWholeFoundationWorksOnPostgres() {
        assertThat(carnet.client().get("/healthz").body()).contains("\"database\":\"postgresql\"");

        WebClient owner = carnet.client();
        Response signUp = owner.submit("/account/signup", "form#signup", Map.of(
                "email", "pg@example.org", "name", "Pg", "password", PW, "password2", PW));
        assertThat(signUp.status()).isEqualTo(303);
        Response created = owner.submit("/dashboard/new", "form#new-blog", Map.of("name", "elephant",
                "title", "L’éléphant", "language", "fr"));
        assertThat(created.location()).isEqualTo("/elephant/");
        assertThat(owner.follow(created).doc().selectFirst(".blog-title").text()).isEqualTo("L’éléphant");

        Response privateNow = owner.submit("/elephant/admin/settings", "form#settings",
                Map.of("visibility", "private"));
        assertThat(privateNow.status()).isEqualTo(303);
        assertThat(carnet.client().get("/elephant/").status()).isEqualTo(303);

        Response invite = owner.submit("/elephant/admin/members", "form#invite", Map.of("role", "reader"));
        String link = invite.doc().selectFirst("#invitation-link").attr("value").substring(carnet.baseUrl().length());
        carnet.user("guest@example.org", "Guest", PW);
        WebClient guest = carnet.client();
        guest.signIn("guest@example.org", PW);
        assertThat(guest.get("/elephant/").status()).isEqualTo(403);
        assertThat(guest.submit(link, "form#accept", Map.of()).status()).isEqualTo(303);
        assertThat(guest.get("/elephant/").status()).isEqualTo(200);
        assertThat(carnet.services().access.roleOf(
                org.carnet.core.Viewer.of(carnet.services().accounts.byEmail("guest@example.org").orElseThrow()),
                carnet.services().blogs.find("elephant").orElseThrow())).contains(Role.READER);

        Response forged = guest.post("/elephant/admin/settings", Map.of("title", "Pwned"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(carnet.services().blogs.find("elephant").orElseThrow().title()).isEqualTo("L’éléphant");
    }

    @Test
    void postsCommentsImportExportFeedsAndSearchWorkOnPostgres() {
        org.carnet.core.User owner = carnet.user("pg-owner@example.org", "Propriétaire", PW);
        carnet.services().imports.importInto("importe", true, owner.id(),
                org.carnet.transfer.ImportServiceTestAccess.sample(), org.carnet.transfer.ImportProgress.NONE);
        Response post = carnet.client().get("/importe/2022/01/kazakhstan-les-lecons-dune-crise.html");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.doc().selectFirst(".comment-count").text()).isEqualTo("3 commentaires:");
        assertThat(post.doc().select(".replies .comment-body").eachText()).hasSize(2);

        Response search = carnet.client().get("/importe/search?q=lecons");
        assertThat(search.doc().select(".search-hit .post-title").eachText())
                .contains("Kazakhstan : les leçons d’une crise");
        Response feed = carnet.client().get("/importe/feeds/posts/default");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.body()).contains("Kazakhstan : les leçons d’une crise").doesNotContain("Brouillon");

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new org.carnet.transfer.BloggerExport(carnet.services().db.jdbi(), new org.carnet.transfer.ExportStore())
                .write(carnet.services().blogs.require("importe"), "https://pg.example", out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("kind#comment")
                .contains("Asie centrale");
        assertThat(carnet.client().get("/importe/sitemap.xml").body()).contains("kazakhstan-les-lecons-dune-crise");
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        org.carnet.core.User a = carnet.user("a@race.test", "A", PW);
        org.carnet.core.User b = carnet.user("b@race.test", "B", PW);
        org.carnet.blog.Blog blog = carnet.blog(a, "course");
        carnet.services().memberships.setRole(blog, b.id(), Role.ADMIN);
        for (int round = 0; round < 5; round++) {
            var start = new java.util.concurrent.CountDownLatch(1);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var first = pool.submit(() -> {
                start.await();
                carnet.services().memberships.changeRole(org.carnet.core.Viewer.of(a), blog, b.id(), Role.AUTHOR);
                return null;
            });
            var second = pool.submit(() -> {
                start.await();
                carnet.services().memberships.changeRole(org.carnet.core.Viewer.of(b), blog, a.id(), Role.AUTHOR);
                return null;
            });
            start.countDown();
            int refused = 0;
            for (var f : java.util.List.of(first, second)) {
                try {
                    org.carnet.testkit.Waits.result(f, "an admin's change of role");
                } catch (java.util.concurrent.ExecutionException e) {
                    refused++;
                }
            }
            pool.shutdown();
            long admins = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM blog_member WHERE blog_id = :b AND role = 'ADMIN'").bind("b", blog.id())
                    .mapTo(Long.class).one());
            assertThat(admins).as("round " + round).isEqualTo(1);
            assertThat(refused).as("round " + round).isEqualTo(1);
            // Both admins again for the next round.
            carnet.services().memberships.setRole(blog, a.id(), Role.ADMIN);
            carnet.services().memberships.setRole(blog, b.id(), Role.ADMIN);
        }
    }
}
