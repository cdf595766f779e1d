package org.carnet.account;

import org.carnet.core.User;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign up, sign in, sign out, profile and password, through real HTTP with cookies and CSRF tokens. */
class AccountFlowTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PASSWORD = "une phrase de passe solide";

    @Test
    void signUpSignsInAndLandsOnTheDashboard() {
        WebClient browser = carnet.client();
        Response r = browser.submit("/account/signup", "form#signup", Map.of(
                "email", "Alice@Example.org", "name", "Alice", "password", PASSWORD, "password2", PASSWORD));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/dashboard");
        Response dashboard = browser.follow(r);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.text()).contains("Alice").contains("Dashboard");
        assertThat(carnet.services().accounts.byEmail("alice@example.org")).isPresent();
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        carnet.user("cookie@example.org", "Cookie", PASSWORD);
        Response r = carnet.client().signIn("cookie@example.org", PASSWORD);
        String setCookie = r.headers().get("Set-Cookie").stream()
                .filter(c -> c.startsWith("carnet_session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void wrongPasswordIsRefusedWithAClearMessageInTheVisitorsLanguage() {
        carnet.user("bob@example.org", "Bob", PASSWORD);
        Response en = carnet.client().signIn("bob@example.org", "not the password at all");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.text()).contains("Wrong email address or password.");
        Response fr = carnet.client().language("fr-FR,fr;q=0.9").signIn("bob@example.org", "pas le bon mot de passe");
        assertThat(fr.text()).contains("Adresse e-mail ou mot de passe incorrect.");
        assertThat(fr.doc().selectFirst("html").attr("lang")).isEqualTo("fr");
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        carnet.user("carol@example.org", "Carol", PASSWORD);
        WebClient browser = carnet.client();
        browser.signIn("carol@example.org", PASSWORD);
        assertThat(browser.get("/dashboard").status()).isEqualTo(200);
        Response out = browser.submit("/dashboard", "form[action=/account/signout]", Map.of());
        assertThat(out.status()).isEqualTo(303);
        Response after = browser.get("/dashboard");
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.location()).startsWith("/account/signin?next=%2Fdashboard");
    }

    @Test
    void signInIsRateLimitedPerAccount() {
        carnet.user("dave@example.org", "Dave", PASSWORD);
        for (int i = 0; i < AccountService.MAX_FAILURES_PER_ACCOUNT; i++) {
            assertThat(carnet.client().signIn("dave@example.org", "wrong password " + i).status()).isEqualTo(400);
        }
        Response blocked = carnet.client().signIn("dave@example.org", PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.text()).contains("Too many failed sign-in attempts").contains("minutes");
        carnet.clock().advance(AccountService.FAILURE_WINDOW.plusSeconds(1));
        assertThat(carnet.client().signIn("dave@example.org", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void guessesLockOutTheGuesserNotTheOwnersBrowser() {
        carnet.user("gwen.device@example.org", "Gwen", PASSWORD);
        WebClient owners = carnet.client();
        assertThat(owners.signIn("gwen.device@example.org", PASSWORD).status()).isEqualTo(303);
        assertThat(owners.cookieHeader()).contains("carnet_device=");
        assertThat(owners.post("/account/signout", java.util.Map.of("_csrf", owners.csrfToken("/dashboard")))
                .status()).isEqualTo(303);
        // Someone at the same address guesses until refused.
        for (int i = 0; i < AccountService.MAX_FAILURES_PER_ACCOUNT; i++) {
            assertThat(carnet.client().signIn("gwen.device@example.org", "a guess " + i).status()).isEqualTo(400);
        }
        assertThat(carnet.client().signIn("gwen.device@example.org", PASSWORD).status()).isEqualTo(429);
        // The owner's browser, which signed in before, still gets in with the right password.
        assertThat(owners.signIn("gwen.device@example.org", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void badSignUpsAreRefusedAndCreateNothing() {
        carnet.user("taken@example.org", "Taken", PASSWORD);
        record Case(String email, String password, String message) { }
        for (Case c : new Case[] {
                new Case("taken@example.org", PASSWORD, "An account already uses this email address."),
                new Case("weak@example.org", "short", "at least 10 characters"),
                new Case("weak2@example.org", "password123", "too easy to guess"),
                new Case("long@example.org", "x".repeat(300) + "abcdef", "at most 256 characters"),
                new Case("not-an-email", PASSWORD, "valid email address")}) {
            Response r = carnet.client().submit("/account/signup", "form#signup", Map.of(
                    "email", c.email(), "name", "Someone", "password", c.password(), "password2", c.password()));
            assertThat(r.status()).as(c.email()).isIn(400, 409);
            assertThat(r.text()).as(c.email()).contains(c.message());
            assertThat(r.doc().selectFirst("input[name=email]").attr("value")).isEqualTo(c.email());
        }
        assertThat(carnet.services().accounts.byEmail("weak@example.org")).isEmpty();
        assertThat(carnet.services().accounts.byEmail("weak2@example.org")).isEmpty();
        assertThat(carnet.services().accounts.byEmail("long@example.org")).isEmpty();
    }

    @Test
    void signUpCanBeClosedForTheInstance() {
        carnet.services().instance.set("signup", "closed");
        try {
            WebClient browser = carnet.client();
            assertThat(browser.get("/account/signup").text()).contains("Sign-up is closed");
            String token = browser.csrfToken("/account/signin");
            Response r = browser.post("/account/signup", Map.of("_csrf", token, "email", "closed@example.org",
                    "name", "Closed", "password", PASSWORD, "password2", PASSWORD));
            assertThat(r.status()).isEqualTo(403);
            assertThat(carnet.services().accounts.byEmail("closed@example.org")).isEmpty();
        } finally {
            carnet.services().instance.set("signup", "open");
        }
    }

    @Test
    void postWithoutCsrfTokenIsRefusedAndChangesNothing() {
        carnet.user("erin@example.org", "Erin", PASSWORD);
        WebClient browser = carnet.client();
        browser.signIn("erin@example.org", PASSWORD);
        Response forged = browser.post("/account/profile", Map.of("name", "Hacked", "about", "", "language", ""));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("This form has expired or did not come from this site");
        Response wrongToken = browser.post("/account/profile", Map.of("_csrf", "forged-token", "name", "Hacked"));
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(carnet.services().accounts.byEmail("erin@example.org").orElseThrow().displayName())
                .isEqualTo("Erin");
        Response anonymousForged = carnet.client().post("/account/signup", Map.of("email", "x@example.org",
                "name", "X", "password", PASSWORD, "password2", PASSWORD));
        assertThat(anonymousForged.status()).isEqualTo(403);
        assertThat(carnet.services().accounts.byEmail("x@example.org")).isEmpty();
    }

    @Test
    void profileAndLanguageChoiceAreSaved() {
        carnet.user("frank@example.org", "Frank", PASSWORD);
        WebClient browser = carnet.client();
        browser.signIn("frank@example.org", PASSWORD);
        Response r = browser.submit("/account/profile", "form#profile",
                Map.of("name", "Frank Dupont", "about", "J’écris sur <b>tout</b>.", "language", "fr"));
        assertThat(r.status()).isEqualTo(303);
        Response page = browser.follow(r);
        assertThat(page.doc().selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(page.text()).contains("Enregistré.");
        assertThat(page.body()).contains("J’écris sur &lt;b&gt;tout&lt;/b&gt;.");
        User saved = carnet.services().accounts.byEmail("frank@example.org").orElseThrow();
        assertThat(saved.displayName()).isEqualTo("Frank Dupont");
        assertThat(saved.language()).isEqualTo("fr");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        carnet.user("gina@example.org", "Gina", PASSWORD);
        WebClient laptop = carnet.client();
        WebClient phone = carnet.client();
        laptop.signIn("gina@example.org", PASSWORD);
        phone.signIn("gina@example.org", PASSWORD);
        String next = "un tout nouveau mot de passe";
        Response wrong = laptop.submit("/account/password", "form#password-form",
                Map.of("current", "not my password", "password", next, "password2", next));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).contains("The current password is wrong.");
        Response ok = laptop.submit("/account/password", "form#password-form",
                Map.of("current", PASSWORD, "password", next, "password2", next));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(laptop.get("/dashboard").status()).isEqualTo(200);
        assertThat(phone.get("/dashboard").status()).isEqualTo(303);
        assertThat(carnet.client().signIn("gina@example.org", PASSWORD).status()).isEqualTo(400);
        assertThat(carnet.client().signIn("gina@example.org", next).status()).isEqualTo(303);
    }

    @Test
    void signInNeverRedirectsToAnotherSite() {
        assertThat(AccountRoutes.safeNext("https://evil.example/")).isEqualTo("/dashboard");
        assertThat(AccountRoutes.safeNext("//evil.example/")).isEqualTo("/dashboard");
        assertThat(AccountRoutes.safeNext("/\\evil.example")).isEqualTo("/dashboard");
        assertThat(AccountRoutes.safeNext("/bienvenue/")).isEqualTo("/bienvenue/");
    }
}
