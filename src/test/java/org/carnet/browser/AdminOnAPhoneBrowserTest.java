package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.comment.CommentDraft;
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
 * On a phone (390 px), nothing an admin needs to act is hidden: the posts list keeps its titles, the moderation
 * queue its comments and their authors, the dashboard the role (a rule hid every table's second column); and in dark
 * mode a button's text stays readable on the accent colour.
 */
@Tier.Browser
class AdminOnAPhoneBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PW = "une phrase de passe solide";

    @BeforeAll
    static void aBlogWithAPostAndAWaitingComment() {
        User admin = carnet.user("phone@carnet.test", "Admin Mobile", PW);
        User reader = carnet.user("reader@phone.test", "Lecteur Mobile", PW);
        Blog blog = carnet.blog(admin, "mobile", "language", "en", "comment-policy", "members", "moderation", "always");
        carnet.services().memberships.setRole(blog, reader.id(), Role.READER);
        long id = carnet.services().posts.create(Viewer.of(admin), blog, new PostInput(Post.Kind.POST,
                "Written on the train", BodyFormat.HTML, "<p>Text.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        Blog now = carnet.services().blogs.require("mobile");
        carnet.services().comments.submit(Viewer.of(reader), now, carnet.services().posts.requireEditable(
                Viewer.of(admin), now, id), new CommentDraft("Seen from my phone", "", "", null, "", null, null,
                "192.0.2.3"));
    }

    @Test
    void everyTableKeepsWhatIsNeededToAct() {
        Page page = signedInOnAPhone(ColorScheme.LIGHT);
        page.navigate("/mobile/admin/posts");
        assertThat(page.locator("#posts").getByText("Written on the train")).isVisible();
        page.navigate("/mobile/admin/comments");
        assertThat(page.getByText("Seen from my phone")).isVisible();
        assertThat(page.locator("main").getByText("Lecteur Mobile").first()).isVisible();
        // Who sent it, for the admin to judge: the account's email and the address it came from.
        assertThat(page.locator("tr[data-comment] .sender a.email")).hasText("reader@phone.test");
        assertThat(page.locator("tr[data-comment] .sender .address")).hasText("192.0.2.3");
        page.navigate("/dashboard");
        assertThat(page.locator("tr[data-blog=mobile]").getByText("Administrator", new com.microsoft.playwright.Locator
                .GetByTextOptions().setExact(true))).isVisible();
    }

    @Test
    void theBlogsNavigationFoldsIntoAMenuOnAPhoneAndStaysOpenOnADesk() {
        Page phone = signedInOnAPhone(ColorScheme.LIGHT);
        phone.navigate("/mobile/admin/posts");
        com.microsoft.playwright.Locator settings = phone.locator("nav.admin-nav a[href$='/admin/settings']");
        assertThat(settings).isHidden();
        phone.locator("details.admin-menu > summary").click();
        assertThat(settings).isVisible();
        settings.click();
        phone.waitForURL("**/mobile/admin/settings");
        assertThat(phone.locator("nav.admin-nav a[aria-current=page]")).hasAttribute("href", "/mobile/admin/settings");

        Page desk = browser.page(o -> o.setViewportSize(1280, 900));
        signIn(desk);
        desk.navigate("/mobile/admin/comments");
        assertThat(desk.locator("details.admin-menu > summary")).isHidden();
        assertThat(desk.locator("nav.admin-nav a[href$='/admin/members']")).isVisible();
        assertThat(desk.locator("nav.admin-nav a[aria-current=page]")).hasAttribute("href", "/mobile/admin/comments");
        // One interface type family on every admin page, the moderated comment's text included.
        Object fonts = desk.locator("main").evaluate("m => [getComputedStyle(m).fontFamily, "
                + "getComputedStyle(m.querySelector('.comment-body')).fontFamily, "
                + "getComputedStyle(m.querySelector('h1')).fontFamily]");
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) fonts).doesNotContainNull()
                .allSatisfy(f -> org.assertj.core.api.Assertions.assertThat(f.toString()).startsWith("system-ui"));
    }

    @Test
    void buttonsAreReadableInDarkMode() {
        Page page = signedInOnAPhone(ColorScheme.DARK);
        page.navigate("/mobile/admin/posts");
        Object colors = page.locator("a.button").first().evaluate(
                "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]");
        // Dark text on the light accent (it was white on it: 2.1:1).
        org.assertj.core.api.Assertions.assertThat(colors.toString()).contains("rgb(23, 24, 26)")
                .contains("rgb(240, 160, 112)");
    }

    private static Page signedInOnAPhone(ColorScheme scheme) {
        Page page = browser.page(o -> o.setViewportSize(390, 844).setColorScheme(scheme).setIsMobile(true)
                .setHasTouch(true));
        signIn(page);
        return page;
    }

    private static void signIn(Page page) {
        page.navigate("/account/signin");
        page.locator("form#signin [name=email]").fill("phone@carnet.test");
        page.locator("form#signin [name=password]").fill(PW);
        page.locator("form#signin button[type=submit]").click();
        page.waitForURL("**/dashboard");
    }
}
