package org.carnet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.ArrayList;
import java.util.List;
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
 * axe-core, in Chromium, finds no serious or critical WCAG 2.x A/AA violation on the reader pages and the admin
 * pages, as a reader and as an admin: every rule in light mode, and in dark mode the contrast rule (what the
 * colour scheme changes; the whole run again would double the class's time for nothing new).
 */
@Tier.Browser
class AccessibilityBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PW = "une phrase de passe solide";
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static String postPath;
    private static long postId;

    @BeforeAll
    static void aBlogWithAPostACommentAndMembers() {
        User admin = carnet.services().accounts.create("a11y@carnet.test", "Admin", PW, true);
        User reader = carnet.user("lectrice@carnet.test", "Lectrice", PW);
        Blog blog = carnet.blog(admin, "accessible", "comment-policy", "members", "moderation", "always");
        carnet.services().memberships.setRole(blog, reader.id(), Role.READER);
        postId = carnet.services().posts.create(Viewer.of(admin), blog, new PostInput(Post.Kind.POST,
                "Un article lisible", BodyFormat.MARKDOWN, "Un paragraphe.\n\n## Un intertitre\n\nUn autre.",
                "Voyage, été", "", "", ""), PostService.Intent.PUBLISH);
        Post post = carnet.services().posts.requireEditable(Viewer.of(admin), blog, postId);
        carnet.services().comments.submit(Viewer.of(reader), blog, post, new CommentDraft("Merci !", "", "", null,
                "", null, null, "192.0.2.9"));
        postPath = "/accessible" + post.path();
    }

    @Test
    void readerPagesInLightAndDark() {
        List<String> problems = new ArrayList<>();
        for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
            Page page = browser.page(o -> o.setColorScheme(scheme));
            for (String path : List.of("/", "/accessible/", postPath, "/accessible/search?q=article",
                    "/account/signin", "/nowhere-at-all")) {
                problems.addAll(check(page, path, scheme));
            }
        }
        assertThat(problems).as("serious or critical violations").isEmpty();
    }

    @Test
    void adminPagesInLightAndDark() {
        List<String> problems = new ArrayList<>();
        for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
            Page page = browser.page(o -> o.setColorScheme(scheme));
            page.navigate("/account/signin");
            page.locator("form#signin [name=email]").fill("a11y@carnet.test");
            page.locator("form#signin [name=password]").fill(PW);
            page.locator("form#signin button[type=submit]").click();
            page.waitForURL("**/dashboard");
            for (String path : List.of("/dashboard", "/admin", "/accessible/admin/posts",
                    "/accessible/admin/posts/" + postId + "/edit", "/accessible/admin/posts/" + postId + "/revisions",
                    "/accessible/admin/comments", "/accessible/admin/settings", "/accessible/admin/members",
                    postPath)) {
                problems.addAll(check(page, path, scheme));
            }
        }
        assertThat(problems).as("serious or critical violations").isEmpty();
    }

    /** The serious and critical violations on one page, each as "path: rule (impact) at target". */
    private static List<String> check(Page page, String path, ColorScheme scheme) {
        page.navigate(path);
        AxeBuilder axe = new AxeBuilder(page).withTags(WCAG);
        AxeResults results = (scheme == ColorScheme.DARK ? axe.withRules(List.of("color-contrast")) : axe).analyze();
        List<String> problems = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                rule.getNodes().forEach(node -> problems.add(path + " [" + scheme + "]: " + rule.getId() + " ("
                        + rule.getImpact() + ") at " + node.getTarget() + " — " + node.getFailureSummary()));
            }
        }
        return problems;
    }
}
