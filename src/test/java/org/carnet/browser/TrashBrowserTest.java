package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a phone, an author deletes a post, follows the notice to the trash (a list of cards: each keeps its title, days
 * left and buttons), and restores it with a click: the post is back at its address. The trash page has no serious
 * accessibility violation.
 */
@Tier.Browser
class TrashBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PW = "une phrase de passe solide";
    private static String path;

    @BeforeAll
    static void aBlogWithAPost() {
        User admin = carnet.user("bin@carnet.test", "Bin Admin", PW);
        Blog blog = carnet.blog(admin, "binned", "language", "en");
        long id = carnet.services().posts.create(Viewer.of(admin), blog, new PostInput(Post.Kind.POST,
                "Second thoughts", BodyFormat.HTML, "<p>Text.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        path = "/binned" + carnet.services().posts.requireEditable(Viewer.of(admin), blog, id).path();
    }

    @Test
    void deleteThenRestoreFromTheTrashOnAPhone() {
        Page page = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
        page.navigate("/account/signin");
        page.locator("form#signin [name=email]").fill("bin@carnet.test");
        page.locator("form#signin [name=password]").fill(PW);
        page.locator("form#signin button[type=submit]").click();
        page.waitForURL("**/dashboard");

        page.navigate("/binned/admin/posts");
        page.getByLabel("Select “Second thoughts”").check();
        page.locator("form#bulk button[type=submit]").click();
        page.locator("form#confirm-delete button[type=submit]").click();
        assertThat(page.locator("#deleted")).containsText("It is in the trash for 30 days.");
        page.locator("#deleted a").click();
        page.waitForURL("**/binned/admin/trash");

        var card = page.locator("#trash tr[data-kind=POST]");
        assertThat(card.getByText("Second thoughts")).isVisible();
        assertThat(card.locator("td.days-left")).isVisible();
        assertThat(card.locator("td.days-left")).containsText("30 more days");
        assertThat(card.locator("form.restore button")).isVisible();
        assertThat(card.locator("form.purge button")).isVisible();
        List<String> problems = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze().getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Rule::getId).toList();
        org.assertj.core.api.Assertions.assertThat(problems).as("serious or critical violations").isEmpty();

        card.locator("form.restore button").click();
        assertThat(page.locator("#restored")).hasText("1 item restored, as it was.");
        page.navigate(path);
        assertThat(page.locator("h1.post-title")).hasText("Second thoughts");
    }
}
