package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What lets browsers keep what they have: a fingerprinted theme kept for a year, ETags and 304s on pages. */
class HttpCachingTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Test
    void theThemeIsFingerprintedAndImmutable() {
        carnet.blog(carnet.user("css@cache.test", "Css", "mot de passe du cache"), "theme");
        String css = carnet.client().get("/theme/").doc().selectFirst("link[rel=stylesheet]").attr("href");
        assertThat(css).matches("/static/carnet\\.css\\?v=[0-9a-f]{12}");
        Response r = carnet.client().get(css);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(carnet.client().get("/static/carnet.css").header("Cache-Control")).doesNotContain("immutable");
    }

    @Test
    void pagesAnswer304WhenTheBrowserHasThemAndNotOnceTheyChange() {
        var owner = carnet.user("etag@cache.test", "Etag", "mot de passe du cache");
        var blog = carnet.blog(owner, "etiquette");
        WebClient reader = carnet.client();
        Response first = reader.get("/etiquette/");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(reader.get("/etiquette/", "If-None-Match", etag).status()).isEqualTo(304);
        carnet.services().blogs.changeSettings(blog, java.util.Map.of("title", "Nouveau titre"));
        Response changed = reader.get("/etiquette/", "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.doc().selectFirst(".blog-title").text()).isEqualTo("Nouveau titre");
    }

    private static String publish(org.carnet.core.User owner, org.carnet.blog.Blog blog, String title, String html) {
        long id = carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, html, "", "", "", ""), PostService.Intent.PUBLISH);
        return "/" + blog.name() + carnet.services().posts.requireEditable(Viewer.of(owner), blog, id).path();
    }

    @Test
    void aCachedPageAnswers304ToItsETagAndAChangedPageGetsANewOne() {
        var owner = carnet.user("hit@cache.test", "Hit", "mot de passe du cache");
        var blog = carnet.blog(owner, "etiquette-cache");
        String post = publish(owner, blog, "Premier titre", "<p>Texte d'origine.</p>");
        WebClient reader = carnet.client();
        Response miss = reader.get(post);
        Response hit = reader.get(post);
        assertThat(hit.header(PageCache.HEADER)).isEqualTo("hit");
        String etag = hit.header("ETag");
        assertThat(etag).matches("\"[^\"]+\"").isEqualTo(miss.header("ETag"));
        assertThat(hit.header("Content-Length")).isEqualTo(
                Integer.toString(hit.body().getBytes(StandardCharsets.UTF_8).length));

        for (String condition : new String[] {etag, "W/" + etag, "\"autre\", " + etag, "*"}) {
            Response notModified = reader.get(post, "If-None-Match", condition);
            assertThat(notModified.status()).as(condition).isEqualTo(304);
            assertThat(notModified.header(PageCache.HEADER)).isEqualTo("hit");
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            assertThat(notModified.body()).isEmpty();
        }
        assertThat(reader.get(post, "If-None-Match", "\"autre\"").status()).isEqualTo(200);

        Post p = carnet.services().reader.atPath(blog, post.substring(("/" + blog.name()).length())).orElseThrow()
                .post();
        carnet.services().posts.update(Viewer.of(owner), blog, p.id(), new PostInput(Post.Kind.POST,
                "Second titre", BodyFormat.HTML, "<p>Texte revu.</p>", "", "", p.slug(), ""),
                PostService.Intent.PUBLISH);
        Response changed = reader.get(post, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text()).contains("Second titre").contains("Texte revu.").doesNotContain("Premier titre");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        Response changedHit = reader.get(post, "If-None-Match", etag);
        assertThat(changedHit.header(PageCache.HEADER)).isEqualTo("hit");
        assertThat(changedHit.status()).isEqualTo(200);
        assertThat(changedHit.text()).contains("Texte revu.");
        assertThat(reader.get(post, "If-None-Match", changed.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void aCachedPageWithAFormHasAnETagOfItsVisitorsOwn() {
        var owner = carnet.user("form@cache.test", "Form", "mot de passe du cache");
        var blog = carnet.blog(owner, "etiquette-forme", "comment-policy", "anyone");
        String post = publish(owner, blog, "Ouvert", "<p>Dites quelque chose.</p>");
        WebClient first = carnet.client();
        WebClient second = carnet.client();
        String firstTag = first.get(post).header("ETag");
        Response secondPage = second.get(post);
        assertThat(secondPage.header(PageCache.HEADER)).isEqualTo("hit");
        String secondTag = secondPage.header("ETag");
        assertThat(secondTag).isNotEqualTo(firstTag);
        // Each visitor's copy holds their own CSRF token: theirs is confirmed, another's is sent again.
        assertThat(second.get(post, "If-None-Match", secondTag).status()).isEqualTo(304);
        assertThat(first.get(post, "If-None-Match", firstTag).status()).isEqualTo(304);
        Response other = second.get(post, "If-None-Match", firstTag);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.doc().selectFirst("form#comment-form input[name=_csrf]").attr("value"))
                .isEqualTo(second.csrfToken("/account/signin"));
        // A visitor without the cookie gets a fresh token, hence the page, whatever tag they send.
        assertThat(carnet.client().get(post, "If-None-Match", secondTag).status()).isEqualTo(200);
        // The comment form's signed time is accepted for a day: a copy is confirmed for a few hours only.
        carnet.clock().advance(PageCache.TIMER_PERIOD);
        try {
            assertThat(second.get(post, "If-None-Match", secondTag).status()).isEqualTo(200);
        } finally {
            carnet.clock().advance(PageCache.TIMER_PERIOD.negated());
        }
    }

    @Test
    void aCachedPageIsSentGzippedToBrowsersThatAskAndTheSameOnceUnzipped() throws Exception {
        var owner = carnet.user("gzip@cache.test", "Gzip", "mot de passe du cache");
        var blog = carnet.blog(owner, "etiquette-gzip");
        String post = publish(owner, blog, "Compressé", "<p>" + "Un texte assez long pour être compressé. "
                .repeat(100) + "</p>");
        carnet.client().get(post);
        Response plain = carnet.client().get(post);
        assertThat(plain.header(PageCache.HEADER)).isEqualTo("hit");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> gz = http.send(HttpRequest.newBuilder(URI.create(carnet.baseUrl() + post))
                .header("Accept-Encoding", "gzip, deflate, br").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(gz.headers().firstValue(PageCache.HEADER)).hasValue("hit");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        assertThat(gz.headers().firstValue("ETag")).hasValue(plain.header("ETag"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain.body());
        assertThat(gz.body().length).isLessThan(unzipped.length / 2);
    }
}
