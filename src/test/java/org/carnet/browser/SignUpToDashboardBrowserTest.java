package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reader's first visit, clicked through in a real browser: sign up, sign out, sign in, create a blog. */
@Tier.Browser
class SignUpToDashboardBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PASSWORD = "une phrase de passe solide";

    @Test
    void aReaderSignsUpSignsBackInAndCreatesABlog() throws Exception {
        Page page = browser.page();

        page.navigate("/account/signup");
        Locator signUp = page.locator("form#signup");
        signUp.locator("[name=email]").fill("Helene@Example.org");
        signUp.locator("[name=name]").fill("Hélène");
        signUp.locator("[name=password]").fill(PASSWORD);
        signUp.locator("[name=password2]").fill(PASSWORD);
        signUp.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create my account")).click();

        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");
        assertThat(page.locator("h1")).hasText("Dashboard");
        assertThat(page.locator("#no-blogs")).isVisible();
        Locator topBar = page.locator("header.bar");
        assertThat(topBar).containsText("Hélène");

        topBar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/");
        assertThat(topBar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out"))).hasCount(0);
        assertThat(page.context().cookies()).noneMatch(c -> c.name.equals("carnet_session") && !c.value.isEmpty());

        topBar.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/account/signin");
        Locator signIn = page.locator("form#signin");
        signIn.locator("[name=email]").fill("helene@example.org");
        signIn.locator("[name=password]").fill(PASSWORD);
        signIn.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");
        assertThat(topBar).containsText("Hélène");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a blog")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard/new");
        Locator newBlog = page.locator("form#new-blog");
        newBlog.locator("[name=name]").fill("carnet-de-route");
        newBlog.locator("[name=title]").fill("Carnet de route");
        newBlog.locator("[name=description]").fill("Notes d’une voyageuse");
        newBlog.locator("select[name=language]").selectOption("fr");
        newBlog.locator("select[name=time-zone]").selectOption("America/Montreal");
        newBlog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create the blog")).click();

        assertThat(page).hasURL(carnet.baseUrl() + "/carnet-de-route/");
        assertThat(page.locator(".blog-title")).hasText("Carnet de route");
        assertThat(page.locator(".blog-description")).hasText("Notes d’une voyageuse");
        assertThat(page.locator("html")).hasAttribute("lang", "fr");
        Blog created = carnet.services().blogs.require("carnet-de-route");
        assertThat(created.language()).isEqualTo("fr");
        assertThat(created.timeZone()).isEqualTo("America/Montreal");

        // A French blog's pages are in French, top bar included: follow the dashboard link by its address.
        topBar.locator("a[href='/dashboard']").click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");
        Locator row = page.locator("table#my-blogs tr[data-blog=carnet-de-route]");
        assertThat(row).hasCount(1);
        assertThat(row.locator("td").nth(0)).containsText("Carnet de route");
        assertThat(row.locator("td").nth(1)).hasText("Administrator");
        assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Carnet de route")))
                .hasAttribute("href", "/carnet-de-route/");

        Path shot = browser.screenshot(page, "dashboard");
        assertThat(shot).exists().isRegularFile();
        assertThat(Files.size(shot)).isPositive();
        assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aFrenchBrowserGetsTheSignInPageInFrench() {
        Page page = browser.page(o -> o.setLocale("fr-FR").setExtraHTTPHeaders(Map.of("Accept-Language", "fr")));

        page.navigate("/account/signin");

        assertThat(page.locator("html")).hasAttribute("lang", "fr");
        assertThat(page.locator("h1")).hasText("Connexion");
        assertThat(page).hasTitle(Pattern.compile("Connexion"));
        assertThat(page.locator("form#signin button[type=submit]")).hasText("Se connecter");
    }
}
