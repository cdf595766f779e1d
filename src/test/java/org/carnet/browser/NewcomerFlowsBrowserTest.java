package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.LocalSmtp;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a newcomer hit (issue 14), clicked in a real browser on a French blog: a comment sent faster than anyone
 * writes is told it awaits review, and its admin reads why in French; deleting from the moderation queue asks
 * first and keeps the comment in the trash; the only admin is told why they cannot leave; a file of the wrong
 * kind is refused in French with a way back to the form; a forgotten password is reset from a mailed link.
 */
@Tier.Browser
class NewcomerFlowsBrowserTest {

    /** Chosen before both extensions start: the server must know where GreenMail listens. */
    private static final int SMTP_PORT = LocalSmtp.freePort();

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqliteWithMail(SMTP_PORT);

    @RegisterExtension
    static final GreenMailExtension smtp = LocalSmtp.at(SMTP_PORT);

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PW = "une phrase de passe solide";
    private static final Pattern RESET_LINK = Pattern.compile("http://localhost:\\d+(/account/reset\\?token=[A-Za-z0-9_-]+)");

    private static String postPath;

    @BeforeAll
    static void aFrenchBlogOpenToEveryone() {
        User admin = carnet.user("seule@nouveau.test", "Seule Admin", PW);
        Blog blog = carnet.blog(admin, "nouveau", "language", "fr", "title", "Premiers pas",
                "comment-policy", "anyone", "moderation", "never");
        carnet.services().posts.create(Viewer.of(admin), blog, new PostInput(Post.Kind.POST, "Bienvenue",
                BodyFormat.HTML, "<p>Dites bonjour.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        postPath = "/nouveau" + carnet.services().reader.home(blog, null, 10).entries().get(0).post().path();
    }

    @Test
    void aTooFastCommentAwaitsReviewAndItsAdminReadsWhyThenDeletingAsksFirstAndKeepsItInTheTrash() {
        Page visitor = browser.page("fr-FR");
        visitor.navigate(postPath);
        Locator form = visitor.locator("form#comment-form");
        form.locator("#comment-name").fill("Pressé");
        form.locator("textarea#comment-body").fill("Bonjour, très vite");
        // The server's clock does not move: sent "at once", faster than anyone writes.
        form.locator("button[type=submit]").click();
        Locator mine = visitor.locator("article.comment", new Page.LocatorOptions().setHasText("Bonjour, très vite"));
        assertThat(mine).isVisible();
        assertThat(mine.locator(".pending-badge")).hasText("En attente de modération");
        Page other = browser.page("fr-FR");
        other.navigate(postPath);
        assertThat(other.locator("#comments")).not().containsText("Bonjour, très vite");

        Page admin = signedIn("seule@nouveau.test", 1280);
        admin.navigate("/nouveau/admin/comments?status=spam");
        Locator row = admin.locator("tr[data-comment]", new Page.LocatorOptions().setHasText("Bonjour, très vite"));
        assertThat(row.locator(".badge")).hasText("Envoyé plus vite qu’une personne n’écrit");
        assertThat(admin.locator("main")).not().containsText("too-fast");

        row.locator("input[type=checkbox]").check();
        admin.locator("button#delete-comments").click();
        assertThat(admin.locator("#to-delete")).containsText("Bonjour, très vite");
        assertThat(admin.locator("tr[data-comment]")).hasCount(0);
        admin.locator("form#confirm-delete button[type=submit]").click();
        assertThat(admin.locator("#queue-empty")).isVisible();
        admin.locator("nav.admin-nav a[href$='/admin/trash']").click();
        assertThat(admin.locator("#trash tr[data-kind=COMMENT]")).containsText("Bonjour, très vite");
    }

    @Test
    void theOnlyAdminIsToldWhyTheyCannotLeave() {
        Page admin = signedIn("seule@nouveau.test", 390);
        admin.navigate("/nouveau/admin/members");
        assertThat(admin.locator("#only-admin")).isVisible();
        assertThat(admin.locator("form#leave")).hasCount(0);
    }

    @Test
    void aFileOfTheWrongKindIsRefusedInFrenchWithAWayBack() {
        Page admin = signedIn("seule@nouveau.test", 1280);
        admin.navigate("/nouveau/admin/import");
        admin.locator("form#import input[name=format][value=wordpress]").check();
        admin.locator("form#import input#file").setInputFiles(new FilePayload("notes.xml", "text/xml",
                "<?xml version=\"1.0\"?><notes><note>rien</note></notes>".getBytes(StandardCharsets.UTF_8)));
        admin.locator("form#import button[type=submit]").click();
        Locator error = admin.locator("#import-error");
        error.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertThat(error).hasText("Ce fichier n’a pas pu être importé\u00a0: ce n’est pas un export WordPress "
                + "(WXR 1.x). Rien n’a été modifié.");
        admin.locator("a#import-again").click();
        assertThat(admin.locator("form#import")).isVisible();
    }

    @Test
    void aForgottenPasswordIsResetFromAMailedLink() throws Exception {
        carnet.user("oublie@nouveau.test", "Oublieuse", "ancienne phrase de passe");
        Page visitor = browser.page("fr-FR");
        visitor.navigate("/account/signin");
        visitor.locator("a#forgot-link").click();
        visitor.locator("form#forgot #email").fill("oublie@nouveau.test");
        visitor.locator("form#forgot button[type=submit]").click();
        assertThat(visitor.locator("#reset-sent")).isVisible();

        String body = mailTo("oublie@nouveau.test");
        Matcher link = RESET_LINK.matcher(body);
        org.assertj.core.api.Assertions.assertThat(link.find()).as(body).isTrue();
        visitor.navigate(link.group(1));
        visitor.locator("form#reset #password").fill("nouvelle phrase de passe");
        visitor.locator("form#reset #password2").fill("nouvelle phrase de passe");
        visitor.locator("form#reset button[type=submit]").click();
        assertThat(visitor.locator("#reset-done")).containsText("oublie@nouveau.test");
        visitor.locator("a#signin-link").click();
        visitor.locator("form#signin [name=email]").fill("oublie@nouveau.test");
        visitor.locator("form#signin [name=password]").fill("nouvelle phrase de passe");
        visitor.locator("form#signin button[type=submit]").click();
        visitor.waitForURL("**/dashboard");
    }

    /** The body of the first mail to address, waiting for it at most 20 seconds (others may be mailed too). */
    private static String mailTo(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (var m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    return m.getContent().toString();
                }
            }
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail to " + address + " within 20 s");
    }

    private static Page signedIn(String email, int width) {
        Page page = browser.page(o -> o.setViewportSize(width, 900).setLocale("fr-FR"));
        page.navigate("/account/signin");
        page.locator("form#signin [name=email]").fill(email);
        page.locator("form#signin [name=password]").fill(PW);
        page.locator("form#signin button[type=submit]").click();
        page.waitForURL("**/dashboard");
        return page;
    }

}
