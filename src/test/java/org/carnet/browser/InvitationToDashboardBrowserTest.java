package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.carnet.core.User;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 14, clicked through: someone invited who has no account yet creates one and joins the blog. */
@Tier.Browser
class InvitationToDashboardBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PASSWORD = "une phrase de passe solide";

    @Test
    void anInviteeWithoutAnAccountSignsUpAndJoins() {
        User admin = carnet.user("admin@invitation.test", "Admin", PASSWORD);
        carnet.blog(admin, "atelier");
        Page page = browser.page();

        page.navigate("/account/signin");
        Locator signIn = page.locator("form#signin");
        signIn.locator("[name=email]").fill("admin@invitation.test");
        signIn.locator("[name=password]").fill(PASSWORD);
        signIn.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in")).click();
        page.navigate("/atelier/admin/members");
        page.locator("form#invite select[name=role]").selectOption("author");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an invitation link")).click();
        String link = page.locator("#invitation-link").inputValue();
        Locator topBar = page.locator("header.bar");
        topBar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/");

        page.navigate(link);
        assertThat(page.locator("#invitation-notice"))
                .containsText("You are accepting an invitation to join “Blog atelier” as Author.");
        page.locator("#signup-link").click();
        assertThat(page.locator("#invitation-notice"))
                .containsText("You are accepting an invitation to join “Blog atelier” as Author.");
        Locator signUp = page.locator("form#signup");
        signUp.locator("[name=email]").fill("invitee@invitation.test");
        signUp.locator("[name=name]").fill("Invitée");
        signUp.locator("[name=password]").fill(PASSWORD);
        signUp.locator("[name=password2]").fill(PASSWORD);
        signUp.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create my account")).click();

        assertThat(page).hasURL(link);
        assertThat(page.locator("main")).containsText("You are invited to join “Blog atelier” as Author.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept the invitation")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/atelier/");

        topBar.locator("a[href='/dashboard']").click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");
        Locator row = page.locator("table#my-blogs tr[data-blog=atelier]");
        assertThat(row).hasCount(1);
        assertThat(row.locator("td").nth(1)).hasText("Author");
    }
}
