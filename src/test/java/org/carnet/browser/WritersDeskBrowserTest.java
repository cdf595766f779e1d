package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostDates;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer's desk as its users click it (issue 14): an author on a phone is shown only what they may do; an
 * admin reads a revision's date in the blog's language and its difference, and restoring a live post asks first;
 * the instance screen closes sign-up for real.
 */
@Tier.Browser
class WritersDeskBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PW = "une phrase de passe solide";

    private static User admin;
    private static long adminsPost;
    private static long authorsPost;

    @BeforeAll
    static void aFrenchBlogWithAnAdminAndAnAuthor() {
        admin = carnet.user("redac@desk.test", "Rédactrice", PW);
        User author = carnet.user("plume@desk.test", "Plume", PW);
        carnet.services().accounts.create("root@desk.test", "Racine", PW, true);
        Blog blog = carnet.blog(admin, "bureau", "language", "fr", "title", "Le Bureau");
        carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
        adminsPost = carnet.services().posts.create(Viewer.of(admin), blog, input("Premier jet",
                "<p>Une phrase qui restera.</p>\n<p>Une phrase qui changera.</p>"), PostService.Intent.PUBLISH);
        authorsPost = carnet.services().posts.create(Viewer.of(author), carnet.services().blogs.require("bureau"),
                input("Brouillon de Plume", "<p>À suivre.</p>"), PostService.Intent.SAVE_DRAFT);
    }

    @Test
    void anAuthorOnAPhoneIsShownOnlyWhatTheyMayDo() {
        Page phone = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true)
                .setLocale("fr-FR"));
        signIn(phone, "plume@desk.test");
        phone.navigate("/bureau/admin/posts");
        phone.locator("details.admin-menu > summary").click();
        List<String> offered = phone.locator("nav.admin-nav a").all().stream().map(a -> a.getAttribute("href"))
                .toList();
        org.assertj.core.api.Assertions.assertThat(offered).contains("/bureau/admin/posts", "/bureau/admin/pages")
                .noneMatch(h -> h.endsWith("/admin/settings") || h.endsWith("/admin/members")
                        || h.endsWith("/admin/comments") || h.endsWith("/admin/import") || h.endsWith("/admin/delete"));
        // Their own post can be chosen for a bulk action, the admin's cannot; both titles are there, as cards.
        assertThat(phone.locator("tr[data-post='" + authorsPost + "'] input[type=checkbox]")).isVisible();
        assertThat(phone.locator("tr[data-post='" + adminsPost + "'] input[type=checkbox]")).hasCount(0);
        assertThat(phone.locator("tr[data-post='" + adminsPost + "']").getByText("Premier jet")).isVisible();
        // A page they may not open is refused, in words, not a stack trace.
        com.microsoft.playwright.Response settings = phone.navigate("/bureau/admin/settings");
        org.assertj.core.api.Assertions.assertThat(settings.status()).isEqualTo(403);
    }

    @Test
    void aRevisionShowsItsDateInFrenchAndItsDifferenceAndRestoringALivePostAsksFirst() {
        Blog blog = carnet.services().blogs.require("bureau");
        carnet.clock().advance(Duration.ofMinutes(5));
        carnet.services().posts.update(Viewer.of(admin), blog, adminsPost, input("Premier jet",
                "<p>Une phrase qui restera.</p>\n<p>Une phrase toute neuve.</p>"), PostService.Intent.PUBLISH);
        var revisions = carnet.services().posts.revisions(Viewer.of(admin), blog, adminsPost);
        var first = revisions.stream().min(java.util.Comparator.comparing(r -> r.createdAt())).orElseThrow();
        String shownDate = new PostDates(blog).dateTime(first.createdAt());

        Page page = browser.page(o -> o.setViewportSize(1280, 900).setLocale("fr-FR"));
        signIn(page, "redac@desk.test");
        page.navigate("/bureau/admin/posts/" + adminsPost + "/revisions");
        Locator row = page.locator("tr[data-revision='" + first.id() + "']");
        assertThat(row.locator("time")).hasText(shownDate);
        row.locator("a").first().click();
        assertThat(page.locator("#diff li.removed")).containsText("Une phrase qui changera.");
        assertThat(page.locator("#diff li.added")).containsText("Une phrase toute neuve.");

        page.locator("a#restore-ask").click();
        assertThat(page.locator("#confirm-restore")).isVisible();
        String path = carnet.services().posts.requireEditable(Viewer.of(admin), blog, adminsPost).path();
        // Asking changed nothing yet.
        Page reader = browser.page("fr-FR");
        reader.navigate("/bureau" + path);
        assertThat(reader.locator("article")).containsText("Une phrase toute neuve.");
        page.locator("form#restore button[type=submit]").click();
        reader.navigate("/bureau" + path);
        assertThat(reader.locator("article")).containsText("Une phrase qui changera.");
    }

    @Test
    void theInstanceScreenClosesSignUpForReal() {
        Page root = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true).setLocale("en-GB"));
        signIn(root, "root@desk.test");
        root.locator("header.bar a[href='/admin']").click();
        root.locator("form#signup-setting input[value=closed]").check();
        root.locator("form#signup-setting button[type=submit]").click();
        assertThat(root.locator("p.notice")).isVisible();
        try {
            Page visitor = browser.page("en-GB");
            visitor.navigate("/account/signup");
            assertThat(visitor.locator("form#signup")).hasCount(0);
            assertThat(visitor.locator("main")).containsText("Sign-up is closed");
        } finally {
            carnet.services().instance.set("signup", "open");
        }
    }

    private static PostInput input(String title, String html) {
        return new PostInput(Post.Kind.POST, title, BodyFormat.HTML, html, "", "", "", "");
    }

    private static void signIn(Page page, String email) {
        page.navigate("/account/signin");
        page.locator("form#signin [name=email]").fill(email);
        page.locator("form#signin [name=password]").fill(PW);
        page.locator("form#signin button[type=submit]").click();
        page.waitForURL("**/dashboard");
    }
}
