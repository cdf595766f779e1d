package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentService;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The anonymous page cache never serves stale content: after each kind of write the very next signed-out request
 * shows it; visitors' own tokens are never shared; private blogs and signed-in pages never enter it.
 */
class PageCacheTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe du cache";
    private static User owner;
    private static Blog blog;

    @BeforeAll
    static void anOpenBlog() {
        owner = carnet.user("owner@pagecache.test", "Owner", PW);
        blog = carnet.blog(owner, "cache-ouvert", "comment-policy", "anyone", "language", "en");
    }

    @BeforeEach
    void restTheCommentLimit() {
        carnet.clock().advance(CommentService.ADDRESS_WINDOW);
    }

    private static String publish(String title, String html) {
        long id = carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, html, "", "", "", ""), PostService.Intent.PUBLISH);
        return "/cache-ouvert" + carnet.services().posts.requireEditable(Viewer.of(owner), blog, id).path();
    }

    private static Response twice(String path) {
        carnet.client().get(path);
        Response second = carnet.client().get(path);
        assertThat(second.header(PageCache.HEADER)).as(path).isEqualTo("hit");
        return second;
    }

    @Test
    void everyKindOfWriteShowsOnTheVeryNextRequest() {
        String post = publish("First version", "<p>Original text.</p>");
        twice("/cache-ouvert/");
        twice(post);

        // A new post.
        publish("Brand new post", "<p>New.</p>");
        assertThat(carnet.client().get("/cache-ouvert/").text()).contains("Brand new post");
        // An edit.
        Post p = carnet.services().reader.atPath(blog, post.substring("/cache-ouvert".length())).orElseThrow().post();
        carnet.services().posts.update(Viewer.of(owner), blog, p.id(), new PostInput(Post.Kind.POST, "Second version",
                BodyFormat.HTML, "<p>Edited text.</p>", "", "", p.slug(), ""), PostService.Intent.PUBLISH);
        twice(post);
        // A comment, by a signed-in reader through the form.
        WebClient reader = carnet.signedIn("reader@pagecache.test", PW);
        Response page = reader.get(post);
        carnet.clock().advance(Duration.ofSeconds(5));
        assertThat(reader.submit(page, "form#comment-form", Map.of("body", "A fresh comment")).status())
                .isEqualTo(303);
        Response after = carnet.client().get(post);
        assertThat(after.text()).contains("A fresh comment").contains("1 comment:").contains("Second version");
        // A settings change.
        twice(post);
        carnet.services().blogs.changeSettings(blog, Map.of("title", "Renamed blog"));
        blog = carnet.services().blogs.require("cache-ouvert");
        assertThat(carnet.client().get(post).doc().selectFirst(".blog-title").text()).isEqualTo("Renamed blog");
        // A display name change.
        twice(post);
        carnet.services().accounts.updateProfile(Viewer.of(owner), "Owner Renamed", "", null);
        assertThat(carnet.client().get(post).text()).contains("Owner Renamed");
        // A deletion.
        twice(post);
        carnet.services().posts.delete(Viewer.of(owner), blog, java.util.List.of(p.id()));
        assertThat(carnet.client().get(post).status()).isEqualTo(404);
    }

    @Test
    void aBlogChangedByAnotherNodeShowsOnTheVeryNextRequest() {
        Blog other = carnet.blog(owner, "cache-ailleurs", "title", "Titre d'ici");
        assertThat(twice("/cache-ailleurs/").doc().selectFirst(".blog-title").text()).isEqualTo("Titre d'ici");
        // Another node (or the CLI) writes the row as BlogStore.update does: this node's memory of the blog and its
        // cached pages must both give way.
        carnet.services().db.jdbi().useHandle(h -> h.createUpdate("UPDATE blog SET title = 'Titre d''ailleurs', "
                + "content_version = content_version + 1, updated_at = updated_at + 1 WHERE id = :id")
                .bind("id", other.id()).execute());
        Response after = carnet.client().get("/cache-ailleurs/");
        assertThat(after.header(PageCache.HEADER)).isEqualTo("miss");
        assertThat(after.doc().selectFirst(".blog-title").text()).isEqualTo("Titre d'ailleurs");
        // A change of the content version alone (a post written elsewhere) is seen too.
        carnet.services().db.jdbi().useHandle(h -> h.createUpdate("UPDATE blog SET title = 'Troisième', "
                + "content_version = content_version + 1 WHERE id = :id").bind("id", other.id()).execute());
        assertThat(carnet.client().get("/cache-ailleurs/").doc().selectFirst(".blog-title").text())
                .isEqualTo("Troisième");
    }

    @Test
    void aScheduledPostAppearsAtItsTimeThoughTheHomePageIsCached() {
        var at = carnet.clock().instant().atZone(ZoneId.of(blog.timeZone())).plusHours(1).withSecond(0).withNano(0);
        carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, "Scheduled one",
                BodyFormat.HTML, "<p>Later.</p>", "", "", "", at.toLocalDateTime().format(
                        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"))), PostService.Intent.PUBLISH);
        assertThat(twice("/cache-ouvert/").text()).doesNotContain("Scheduled one");
        carnet.clock().advance(Duration.ofHours(1).plusMinutes(1));
        try {
            assertThat(carnet.client().get("/cache-ouvert/").text()).contains("Scheduled one");
        } finally {
            carnet.clock().advance(Duration.ofHours(-1).minusMinutes(1));
        }
    }

    @Test
    void eachVisitorGetsTheirOwnTokensFromACachedPage() {
        String post = publish("Open for comments", "<p>Say something.</p>");
        WebClient first = carnet.client();
        first.get(post);
        WebClient second = carnet.client();
        Response cached = second.get(post);
        assertThat(cached.header(PageCache.HEADER)).isEqualTo("hit");
        String token = cached.doc().selectFirst("form#comment-form input[name=_csrf]").attr("value");
        assertThat(token).isEqualTo(second.csrfToken("/account/signin")).isNotEqualTo(first.csrfToken(post));
        assertThat(cached.body()).doesNotContain("\u0000");
        carnet.clock().advance(Duration.ofSeconds(5));
        Response sent = second.submit(cached, "form#comment-form", Map.of("name", "Second", "body", "From cache"));
        assertThat(sent.status()).isEqualTo(303);
        long live = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM comment WHERE body_text = 'From cache' AND status = 'LIVE'")
                .mapTo(Long.class).one());
        assertThat(live).isEqualTo(1);
    }

    @Test
    void privateBlogsAndSignedInPagesNeverEnterTheCache() {
        Blog secret = carnet.blog(owner, "cache-prive", "visibility", "private");
        carnet.services().posts.create(Viewer.of(owner), secret, new PostInput(Post.Kind.POST, "Members only",
                BodyFormat.HTML, "<p>Secret.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        WebClient member = carnet.signedIn("owner@pagecache.test", PW);
        for (int i = 0; i < 2; i++) {
            Response r = member.get("/cache-prive/");
            assertThat(r.text()).contains("Members only");
            assertThat(r.header(PageCache.HEADER)).isNull();
        }
        Response stranger = carnet.client().get("/cache-prive/");
        assertThat(stranger.status()).isEqualTo(303);
        assertThat(stranger.body()).doesNotContain("Members only");
        WebClient signedIn = carnet.signedIn("other@pagecache.test", PW);
        assertThat(signedIn.get("/cache-ouvert/").header(PageCache.HEADER)).isNull();
        assertThat(signedIn.get("/cache-ouvert/").text()).contains("other");
    }
    @Test
    void afterAWriteOneRequestRendersThePageAndTheOthersAskingMeanwhileWaitForIt() throws Exception {
        String post = publish("Many readers at once", "<p>Popular.</p>");
        twice(post);
        // A new post raises the blog's version: the kept page is gone, and eight readers ask for it together.
        publish("Another post", "<p>Raises the version.</p>");
        int readers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < readers; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return carnet.client().get(post);
            }));
        }
        go.countDown();
        int misses = 0;
        for (var f : answers) {
            Response r = org.carnet.testkit.Waits.result(f, "a reader's answer");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).contains("Popular.");
            assertThat(r.doc().select("a.newer").attr("href")).as("the page after the write").contains("another-post");
            misses += "miss".equals(r.header(PageCache.HEADER)) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(misses).as("rendered once, by the first of them").isEqualTo(1);
    }
}
