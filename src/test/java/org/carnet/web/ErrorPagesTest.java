package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error pages in both languages, JSON errors for JSON clients, and nothing internal ever shown. */
class ErrorPagesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Test
    void notFoundIsAPageInTheVisitorsLanguage() {
        Response en = carnet.client().language("en-GB,en;q=0.8").get("/account/nowhere");
        assertThat(en.status()).isEqualTo(404);
        assertThat(en.doc().selectFirst("h1").text()).isEqualTo("Page not found");
        assertThat(en.doc().selectFirst("html").attr("lang")).isEqualTo("en");
        Response fr = carnet.client().language("fr-CA,fr;q=0.9,en;q=0.5").get("/account/nowhere");
        assertThat(fr.status()).isEqualTo(404);
        assertThat(fr.doc().selectFirst("h1").text()).isEqualTo("Page introuvable");
        assertThat(fr.doc().selectFirst("html").attr("lang")).isEqualTo("fr");
        Response unknownBlog = carnet.client().get("/no-such-blog/");
        assertThat(unknownBlog.status()).isEqualTo(404);
        assertThat(unknownBlog.text()).contains("There is no blog named “no-such-blog”.");
    }

    @Test
    void jsonClientsGetJsonErrors() {
        Response r = carnet.client().get("/account/nowhere", "Accept", "application/json");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.body()).contains("\"code\":404").contains("\"message\":\"There is no page at this address.\"")
                .contains("\"requestId\":\"" + r.header("X-Request-Id") + "\"");
    }

    @Test
    void wrongMethodIs405() {
        Response r = carnet.client().get("/account/signout");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.doc().selectFirst("h1").text()).isEqualTo("Method not allowed");
    }

    @Test
    void overLargeBodiesAre413AndChangeNothing() {
        byte[] body = ("email=big%40example.org&name=Big&password=aaaaaaaaaaaa&password2=aaaaaaaaaaaa&about="
                + "x".repeat(4_200_000)).getBytes(StandardCharsets.US_ASCII);
        Response r = carnet.client().postBytes("/account/signup", body, "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text()).contains("What you sent is too large.");
        assertThat(carnet.services().accounts.byEmail("big@example.org")).isEmpty();
    }

    @Test
    void anonymousMultipartPostsAreRefusedBeforeTheBodyIsRead() {
        Response r = carnet.client().postBytes("/account/signup", ("--b\r\nContent-Disposition: form-data; "
                + "name=\"email\"\r\n\r\nx@example.org\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII),
                "multipart/form-data; boundary=b");
        assertThat(r.status()).isEqualTo(403);
        assertThat(carnet.services().accounts.byEmail("x@example.org")).isEmpty();
    }

    @Test
    void failuresShowARequestIdButNoInternals() {
        Response page = carnet.client().get("/test/boom");
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.doc().selectFirst("h1").text()).isEqualTo("Something went wrong");
        String requestId = page.header("X-Request-Id");
        assertThat(requestId).matches("[0-9a-f]{12}");
        assertThat(page.text()).contains("Request " + requestId);
        assertThat(page.body()).doesNotContain(CarnetExtension.SECRET_IN_FAILURE).doesNotContain("Exception")
                .doesNotContain("at org.carnet").doesNotContain("SELECT");
        Response json = carnet.client().get("/test/boom", "Accept", "application/json");
        assertThat(json.status()).isEqualTo(500);
        assertThat(json.body()).doesNotContain("SELECT").doesNotContain("Exception").contains("\"code\":500");
    }

    @Test
    void forbiddenIsExplainedInBothLanguages() {
        Response en = carnet.client().language("en").post("/account/profile", Map.of("name", "x"));
        assertThat(en.status()).isEqualTo(403);
        assertThat(en.doc().selectFirst("h1").text()).isEqualTo("Not allowed");
        Response fr = carnet.client().language("fr").post("/account/profile", Map.of("name", "x"));
        assertThat(fr.status()).isEqualTo(403);
        assertThat(fr.doc().selectFirst("h1").text()).isEqualTo("Accès refusé");
        assertThat(fr.text()).contains("Ce formulaire a expiré");
    }

    @Test
    void healthzChecksTheDatabase() {
        Response r = carnet.client().get("/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"ok\"").contains("\"database\":\"sqlite\"");
    }

    @Test
    void everyPageCarriesSecurityHeaders() {
        Response r = carnet.client().get("/account/signin");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(r.header("Content-Type")).startsWith("text/html").containsIgnoringCase("charset=utf-8");
    }
}
