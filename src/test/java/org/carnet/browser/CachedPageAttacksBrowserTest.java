package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attacks on what signed-out readers get, reproduced in a real browser: a page cache poisoned through the CSRF
 * cookie, and a post title that tries to swallow the page through its JSON-LD block. Nothing runs, the page is
 * whole, and the Content-Security-Policy would stop a script even if one got through.
 */
@Tier.Browser
class CachedPageAttacksBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PASSWORD = "une phrase de passe solide";
    private static User owner;
    private static Blog blog;

    @BeforeAll
    static void anOpenBlog() {
        owner = carnet.user("attacks-owner@example.org", "Owner", PASSWORD);
        blog = carnet.blog(owner, "attaques", "language", "en", "comment-policy", "anyone", "moderation", "never");
    }

    private static String publish(String title) {
        long id = carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, "<p>The body of the post.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        return "/attaques" + carnet.services().posts.requireEditable(Viewer.of(owner), blog, id).path();
    }

    @Test
    void aPoisonedCacheMissRunsNothingForTheNextReader() {
        String path = publish("A page to poison");
        String name = "Jean Dupont de la Fontaine des Bois Vertsx autofocus onfocus=window.__xss=1 x";
        WebClient attacker = carnet.client();
        WebClient.Response form = attacker.get(path);
        carnet.clock().advance(Duration.ofSeconds(5));
        assertThat(attacker.submit(form, "form#comment-form", Map.of("name", name, "url", "http://a.example/",
                "body", "Nice post")).status()).isEqualTo(303);
        WebClient.Response miss = carnet.client().get(path, "Cookie",
                "carnet_csrf=>Jean Dupont de la Fontaine des Bois Vertsx");
        assertThat(miss.header("X-Carnet-Cache")).isEqualTo("miss");

        Page reader = browser.page();
        List<String> dialogs = new CopyOnWriteArrayList<>();
        reader.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        Response hit = reader.navigate(path);
        assertThat(hit.headerValue("x-carnet-cache")).isEqualTo("hit");
        assertThat(hit.headerValue("content-security-policy")).contains("script-src 'none'")
                .contains("object-src 'none'").contains("base-uri 'none'");
        Locator author = reader.locator("article.comment .comment-author a");
        assertThat(author).hasText(name);
        author.focus();
        reader.keyboard().press("Tab");
        assertThat(author.evaluate("a => a.getAttributeNames().sort().join(' ')")).isEqualTo("href rel");
        assertThat(reader.evaluate("() => window.__xss === undefined")).isEqualTo(true);
        assertThat(dialogs).isEmpty();
        // The reader's form carries a token the server issued them, and it works.
        carnet.clock().advance(Duration.ofSeconds(5));
        reader.locator("#comment-name").fill("Reader");
        reader.locator("textarea#comment-body").fill("Sent from a cached page");
        reader.locator("form#comment-form button[type=submit]").click();
        assertThat(reader.locator("article.comment")).hasCount(2);
    }

    @Test
    void aTitleThatOpensACommentInTheJsonLdDoesNotSwallowThePage() {
        String title = "Title <!--<script> trick </script> & \u2028 more";
        String path = publish(title);
        Page reader = browser.page();
        reader.navigate(path);
        assertThat(reader.locator("h1.post-title")).isVisible();
        assertThat(reader.locator("h1.post-title")).containsText("Title <!--<script> trick");
        assertThat(reader.locator(".post-body")).containsText("The body of the post.");
        assertThat(reader.locator("section#comments")).isVisible();
        Object headline = reader.evaluate("() => JSON.parse(document.querySelector("
                + "'script[type=\"application/ld+json\"]').textContent).headline");
        assertThat(headline).isEqualTo(title);
        String raw = carnet.client().get(path).body();
        String json = raw.substring(raw.indexOf("application/ld+json\">") + 21, raw.indexOf("</script>", raw.indexOf(
                "application/ld+json")));
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
    }
}
