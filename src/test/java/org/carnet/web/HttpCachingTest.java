package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
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
}
