package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The comment block under a post, in a real browser: the reference page (a French blog whose comments are
 * for members only), a member's comment held for moderation then published by the admin from the queue,
 * and hostile comments that must render inert.
 */
@Tier.Browser
class CommentsBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PASSWORD = "une phrase de passe solide";
    private static final String MEMBERS_NOTE =
            "Remarque\u00a0: Seul un membre de ce blog est autorisé à enregistrer un commentaire.";

    // --- 1. The page everything is measured against ---

    @Test
    void theReferencePageShowsNoCommentsAndTheMembersOnlyNote() throws IOException {
        User owner = carnet.user("ref-owner@example.org", "Propriétaire", PASSWORD);
        Blog blog = carnet.blog(owner, "reference", "title", "Le blog de référence", "language", "fr",
                "comment-policy", "members", "moderation", "always");
        String path = publish(owner, blog, "Un article à commenter", "<p>Le corps de l’article.</p>");
        carnet.user("stranger@example.org", "Inconnu", PASSWORD);

        Page visitor = browser.page("fr-FR");
        assertThat(visitor.context().cookies()).isEmpty();
        Response r = visitor.navigate(path);
        assertThat(r.status()).isEqualTo(200);
        assertReferenceBlock(visitor);
        assertThat(visitor.locator("#comment-name")).hasCount(0);
        assertThat(visitor.locator("textarea#comment-body")).hasCount(0);
        screenshotIsAPng(visitor, "comments-signed-out");

        // A signed-in reader who is not a member of the blog is no better off.
        Page stranger = browser.page("fr-FR");
        signIn(stranger, "stranger@example.org");
        stranger.navigate(path);
        assertThat(stranger.locator("header.bar")).containsText("Inconnu");
        assertReferenceBlock(stranger);
    }

    // --- 2. A member's comment, held for moderation, published by the admin ---

    @Test
    void aMembersCommentWaitsForTheAdminThenEveryoneSeesIt() throws IOException {
        User owner = carnet.user("mod-owner@example.org", "Odile Admin", PASSWORD);
        Blog blog = carnet.blog(owner, "moderee", "title", "Un blog modéré", "language", "fr",
                "comment-policy", "members", "moderation", "always");
        String path = publish(owner, blog, "Un article modéré", "<p>Commentez, on modère.</p>");
        User member = carnet.user("lea@example.org", "Léa Lectrice", PASSWORD);
        carnet.services().memberships.setRole(blog, member.id(), Role.READER);

        // The member signs in through the sign-in page and comments on two lines.
        Page lea = browser.page("fr-FR");
        signIn(lea, "lea@example.org");
        lea.navigate(path);
        Locator form = lea.locator("form#comment-form");
        assertThat(form).isVisible();
        assertThat(lea.locator("p.comment-policy-note")).hasCount(0);
        // Signed in: no name or web site to give, the comment is signed with the account's name.
        assertThat(form.locator("#comment-name")).hasCount(0);
        assertThat(form.locator("#comment-url")).hasCount(0);
        assertThat(form.locator("input[name=t]")).hasCount(1);
        // The honeypot is out of sight and out of the tab order.
        assertThat(form.locator(".hp")).hasAttribute("aria-hidden", "true");
        assertThat(form.locator("input[name=website]")).hasAttribute("tabindex", "-1");
        var honeypot = form.locator("input[name=website]").boundingBox();
        assertThat(honeypot == null || honeypot.x + honeypot.width <= 0).as("honeypot off screen").isTrue();
        form.locator("textarea#comment-body").fill("Première ligne du commentaire\nEt la deuxième ligne");
        carnet.clock().advance(Duration.ofSeconds(5));
        form.locator("button[type=submit]").click();

        long id = commentIdFromUrl(lea, path);
        Locator mine = lea.locator("article.comment#c" + id);
        assertThat(mine).isVisible();
        assertThat(mine).hasClass(Pattern.compile("\\bpending\\b"));
        assertThat(mine.locator(".comment-author")).hasText("Léa Lectrice");
        assertThat(mine.locator(".pending-badge")).hasText("En attente de modération");
        assertThat(mine.locator(".comment-body br")).hasCount(1);
        // Only live comments are counted, even for their author.
        assertThat(lea.locator("h2.comment-count")).hasText("Aucun commentaire:");
        screenshotIsAPng(lea, "comments-pending");

        // Nobody else sees it yet.
        Page visitor = browser.page("fr-FR");
        visitor.navigate(path);
        assertThat(visitor.locator("h2.comment-count")).hasText("Aucun commentaire:");
        assertThat(visitor.locator("article.comment")).hasCount(0);
        assertThat(visitor.locator("#c" + id)).hasCount(0);
        assertThat(visitor.locator("#comments")).not().containsText("Première ligne du commentaire");
        assertThat(visitor.locator("p.comment-policy-note")).hasText(MEMBERS_NOTE);

        // The admin sees it waiting on the dashboard and publishes it from the queue.
        Page admin = browser.page();
        signIn(admin, "mod-owner@example.org");
        Locator waiting = admin.locator("table#my-blogs tr[data-blog=moderee] a.waiting");
        assertThat(waiting).hasText("1 comment waiting");
        assertThat(waiting).hasAttribute("href", "/moderee/admin/comments");
        waiting.click();
        assertThat(admin).hasURL(carnet.baseUrl() + "/moderee/admin/comments");
        Locator row = admin.locator("table#queue tbody tr");
        assertThat(row).hasCount(1);
        assertThat(row).hasAttribute("data-comment", String.valueOf(id));
        assertThat(row).containsText("Léa Lectrice");
        assertThat(row).containsText("Première ligne du commentaire");
        assertThat(row.locator("td.on-post a")).hasText("Un article modéré");
        screenshotIsAPng(admin, "moderation-queue");
        row.locator("input[name=id]").check();
        admin.locator("#approve").click();
        assertThat(admin).hasURL(Pattern.compile("/moderee/admin/comments\\?status=pending&done=1$"));
        assertThat(admin.locator("p.notice[role=status]")).hasText("1 comment updated.");
        assertThat(admin.locator("#queue-empty")).isVisible();
        assertThat(admin.locator("table#queue")).hasCount(0);
        admin.navigate("/dashboard");
        assertThat(admin.locator("table#my-blogs tr[data-blog=moderee] a.waiting")).hasText("No comments waiting");

        // Now a signed-out reader sees it, line break kept, and the count says so.
        Page reader = browser.page("fr-FR");
        reader.navigate(path);
        assertThat(reader.locator("h2.comment-count")).hasText("1 commentaire:");
        Locator published = reader.locator("article.comment#c" + id);
        assertThat(reader.locator("article.comment")).hasCount(1);
        assertThat(published.locator(".comment-author")).hasText("Léa Lectrice");
        assertThat(published.locator(".pending-badge")).hasCount(0);
        assertThat(published).not().hasClass(Pattern.compile("\\bpending\\b"));
        Locator body = published.locator(".comment-body");
        assertThat(body.locator("br")).hasCount(1);
        assertThat(body).hasText(Pattern.compile("^Première ligne du commentaire\\n+Et la deuxième ligne$"),
                new LocatorAssertions.HasTextOptions().setUseInnerText(true));
        assertThat(reader.locator("p.comment-policy-note")).hasText(MEMBERS_NOTE);
        screenshotIsAPng(reader, "comments-approved");

        // The author no longer sees the badge either.
        lea.navigate(path);
        assertThat(lea.locator("#c" + id + " .pending-badge")).hasCount(0);
        assertThat(lea.locator("h2.comment-count")).hasText("1 commentaire:");
    }

    // --- 3. Hostile comments render inert ---

    /**
     * A hostile comment, the harmless text of it a reader must still see, and whether the text typed after it
     * survives too (not after an unclosed iframe: as in HTML, its content runs to the end and is dropped).
     */
    private record Hostile(String payload, String survives, boolean keepsTail) {
        Hostile(String payload, String survives) {
            this(payload, survives, true);
        }
    }

    private static final List<Hostile> HOSTILE = List.of(
            new Hostile("<script>alert(1)</script>", ""),
            new Hostile("<script>window.__xss = 'script'</script>", ""),
            new Hostile("<img src=x onerror=alert(1)>", ""),
            new Hostile("<img src=x onerror=\"window.__xss = 'img'\">", ""),
            new Hostile("<svg onload=alert(1)>", ""),
            new Hostile("<svg><script>window.__xss = 'svg'</script></svg>", ""),
            new Hostile("<a href=\"javascript:alert(1)\">plain js link</a>", "plain js link"),
            new Hostile("<a href=\"  JaVaScRiPt:alert(1)\">mixed case link</a>", "mixed case link"),
            new Hostile("<a href=\"&#106;avascript:alert(1)\">encoded link</a>", "encoded link"),
            new Hostile("<a href=javascript&colon;alert(1)>colon link</a>", "colon link"),
            new Hostile("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data link</a>",
                    "data link"),
            new Hostile("<b onmouseover=alert(1)>hover me</b>", "hover me"),
            new Hostile("<i onclick=alert(1) style=\"position:fixed;inset:0\">click me</i>", "click me"),
            new Hostile("<a href=\"https://example.org/safe\" onclick=\"alert(1)\" target=\"_blank\" "
                    + "style=\"position:fixed;inset:0\">a real link</a>", "a real link"),
            new Hostile("<iframe src=javascript:alert(1)>", "", false),
            new Hostile("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>", ""),
            new Hostile("\"><script>alert(1)</script>", "\">"),
            new Hostile("'><img src=x onerror=alert(1)>", "'>"),
            new Hostile("<details open ontoggle=alert(1)>details text</details>", "details text"),
            new Hostile("<body onload=alert(1)>", ""),
            new Hostile("<style>@import 'javascript:alert(1)';</style>", ""),
            new Hostile("<style>*{display:none}</style>", ""),
            new Hostile("<math><mtext><script>alert(1)</script>", ""),
            new Hostile("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", ""),
            new Hostile("<input autofocus onfocus=alert(1)>", ""),
            new Hostile("<form action=\"javascript:alert(1)\"><button>go button</button></form>", "go button"),
            new Hostile("<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">", ""),
            new Hostile("<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">svg link</text></a></svg>",
                    "svg link"),
            new Hostile("<marquee onstart=alert(1)>marquee text</marquee>", "marquee text"),
            new Hostile("<div style=\"background:url(javascript:alert(1))\">styled text</div>", "styled text"),
            new Hostile("<template><img src=x onerror=alert(1)></template>", ""),
            new Hostile("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", ""),
            new Hostile("<base href=\"javascript:alert(1)//\">", ""),
            new Hostile("<scr<script>ipt>alert(1)</scr</script>ipt>", ""));

    /** Names are shown as text, whatever they look like. */
    private static final List<String> HOSTILE_NAMES = List.of(
            "<img src=x onerror=alert('name')>",
            "\"><svg onload=alert(1)>");

    @Test
    void hostileCommentsRenderInert() throws IOException {
        User owner = carnet.user("open-owner@example.org", "Open Owner", PASSWORD);
        Blog blog = carnet.blog(owner, "open-house", "title", "Open house", "language", "en",
                "comment-policy", "anyone", "moderation", "never");
        String path = publish(owner, blog, "Say anything", "<p>Comments are open to everyone.</p>");

        List<String> dialogs = new CopyOnWriteArrayList<>();
        Page poster = browser.page();
        poster.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });

        // A web site that is not http(s) is refused with a message, and nothing is stored.
        poster.navigate(path);
        Locator form = poster.locator("form#comment-form");
        form.locator("#comment-name").fill("Mallory");
        form.locator("#comment-url").fill("javascript:alert(1)");
        form.locator("textarea#comment-body").fill("look at my site");
        carnet.clock().advance(Duration.ofSeconds(5));
        form.locator("button[type=submit]").click();
        assertThat(form.locator("p.error[role=alert]"))
                .hasText("The web site must be an http:// or https:// address.");
        assertThat(poster.locator("article.comment")).hasCount(0);
        assertThat(poster.locator("h2.comment-count")).hasText("No comments:");

        // Every hostile comment is accepted as text (nothing in it makes it spam) and published at once.
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            if (i > 0 && i % 9 == 0) {
                carnet.clock().advance(Duration.ofMinutes(11)); // the per-address limit: 10 per 10 minutes
            }
            String name = i < HOSTILE_NAMES.size() ? HOSTILE_NAMES.get(i) : "Mallory " + i;
            poster.navigate(path);
            form.locator("#comment-name").fill(name);
            form.locator("textarea#comment-body").fill(marker(i) + " " + HOSTILE.get(i).payload() + " end" + i);
            carnet.clock().advance(Duration.ofSeconds(5));
            form.locator("button[type=submit]").click();
            ids.add(commentIdFromUrl(poster, path));
            names.add(name);
        }
        assertThat(dialogs).as("dialogs while posting").isEmpty();

        // A signed-out reader (a browser of their own: no cookie of the poster's) opens the post and pokes at every
        // comment.
        Page reader = browser.page("en-US");
        reader.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        // The only real link leads outside; answer it here rather than on the Internet.
        reader.context().route("https://example.org/**", route -> route.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions().setStatus(200).setContentType("text/html")
                        .setBody("<!doctype html><title>outside</title><p>outside</p>")));
        // The reader gets the page from the cache, after a miss whose CSRF cookie was chosen to equal 43 characters of
        // the page (see PageCachePoisoningTest): the page is the same.
        String uncached = carnet.client().get(path, "Cookie", "carnet_visitor=none").body();
        // 43 characters across the end of the real link's start tag: swapped for a token, they would leave it open.
        int at = uncached.indexOf(">a real link</a>") - 20;
        assertThat(at).isPositive();
        var poisoned = carnet.client().get(path, "Cookie", "carnet_csrf=" + uncached.substring(at, at + 43));
        assertThat(poisoned.header("X-Carnet-Cache")).isEqualTo("miss");
        assertThat(reader.navigate(path).headerValue("x-carnet-cache")).isEqualTo("hit");
        assertThat(reader.locator("h2.comment-count")).hasText(HOSTILE.size() + " comments:");
        assertThat(reader.locator("article.comment")).hasCount(HOSTILE.size());
        for (int i = 0; i < HOSTILE.size(); i++) {
            Locator comment = reader.locator("article.comment#c" + ids.get(i));
            assertThat(comment.locator(".comment-author")).hasText(names.get(i),
                    new LocatorAssertions.HasTextOptions().setUseInnerText(true));
            Locator body = comment.locator(".comment-body");
            assertThat(body).containsText(marker(i));
            if (HOSTILE.get(i).keepsTail()) {
                assertThat(body).containsText("end" + i);
            }
            if (!HOSTILE.get(i).survives().isEmpty()) {
                assertThat(body).containsText(HOSTILE.get(i).survives());
            }
            assertThat(body).not().containsText("alert(");
        }
        Locator bold = reader.locator("#c" + ids.get(indexOf("hover me")) + " .comment-body b");
        assertThat(bold).hasText("hover me");
        Locator realLink = reader.locator("#c" + ids.get(indexOf("a real link")) + " .comment-body a");
        assertThat(realLink).hasText("a real link");
        assertThat(realLink).hasAttribute("href", "https://example.org/safe");
        // rel says nofollow and ugc, in whichever order the sanitizer writes them.
        assertThat(realLink.evaluate("a => [...a.relList].sort().join(' ')")).isEqualTo("nofollow ugc");
        assertThat(realLink).not().hasAttribute("target", "_blank");
        assertThat(realLink).not().hasAttribute("style", Pattern.compile(".*"));
        screenshotIsAPng(reader, "comments-hostile");

        // Hover and click everything the comments rendered.
        Locator touchable = reader.locator("#comments .comment-body *:not(br), #comments .comment-author");
        int n = touchable.count();
        assertThat(n).isGreaterThan(HOSTILE.size());
        for (int i = 0; i < n; i++) {
            Locator el = touchable.nth(i);
            if (!el.isVisible()) {
                continue;
            }
            el.hover();
            if (!"A".equals(el.evaluate("e => e.tagName"))) {
                el.click();
            }
        }
        Locator links = reader.locator("#comments .comment-body a");
        for (int i = 0; i < links.count(); i++) {
            links.nth(i).click();
            reader.waitForURL(url -> !url.startsWith(carnet.baseUrl() + path));
            reader.goBack();
            assertThat(reader.locator("h2.comment-count")).hasText(HOSTILE.size() + " comments:");
        }
        reader.keyboard().press("Tab"); // focus alone must run nothing either
        assertInert(reader);
        assertThat(dialogs).as("dialogs while reading").isEmpty();

        // The admin's list of published comments shows the same bodies: inert there too.
        Page admin = browser.page();
        admin.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        signIn(admin, "open-owner@example.org");
        admin.navigate("/open-house/admin/comments?status=live");
        assertThat(admin.locator("table#queue tbody tr")).hasCount(HOSTILE.size());
        assertThat(admin.locator("table#queue script, table#queue img, table#queue iframe, table#queue svg"))
                .hasCount(0);
        assertThat(attributesNamedOn(admin, "table#queue")).isEmpty();
        assertThat(admin.evaluate("() => window.__xss === undefined")).isEqualTo(true);
        assertThat(dialogs).as("dialogs in the moderation queue").isEmpty();
    }

    // --- helpers ---

    private static void assertReferenceBlock(Page page) {
        assertThat(page.locator("html")).hasAttribute("lang", "fr");
        Locator comments = page.locator("section#comments");
        assertThat(comments.locator("h2.comment-count")).hasText("Aucun commentaire:");
        assertThat(comments.locator("article.comment")).hasCount(0);
        assertThat(comments.locator("h3#post-a-comment")).hasText("Enregistrer un commentaire");
        assertThat(comments.locator("p.comment-policy-note")).hasText(MEMBERS_NOTE);
        assertThat(page.locator("form#comment-form")).hasCount(0);
        // As the reader sees it, in this order and nothing else.
        String seen = comments.innerText();
        List<String> lines = Arrays.stream(seen.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(lines).containsExactly("Aucun commentaire:", "Enregistrer un commentaire", MEMBERS_NOTE);
    }

    private static void assertInert(Page page) {
        assertThat(page.locator("#comments script")).hasCount(0);
        for (String tag : List.of("iframe", "img", "svg", "math", "style", "object", "embed", "details", "input",
                "form", "button", "template", "meta", "base", "marquee", "noscript", "div", "p")) {
            assertThat(page.locator("#comments .comment-body " + tag + ", #comments .comment-author " + tag))
                    .hasCount(0);
        }
        assertThat(attributesNamedOn(page, "#comments")).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) page.evaluate("() => [...new Set([...document.querySelectorAll("
                + "'#comments .comment-body *')].map(e => e.localName))].sort()");
        assertThat(tags).isSubsetOf("a", "b", "br", "i");
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) page.evaluate("() => [...document.querySelectorAll('#comments *')]"
                + ".flatMap(e => [...e.attributes]).filter(a => ['href', 'src', 'action', 'formaction', 'data', "
                + "'xlink:href', 'srcdoc', 'style'].includes(a.name)).map(a => a.name + '=' + a.value)");
        assertThat(urls).noneMatch(u -> u.toLowerCase().replaceAll("\\s", "").contains("javascript:"));
        assertThat(urls).noneMatch(u -> u.toLowerCase().contains("data:"));
        assertThat(urls).noneMatch(u -> u.startsWith("style=") || u.startsWith("srcdoc="));
        @SuppressWarnings("unchecked")
        List<String> protocols = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'#comments .comment-body a')].map(a => a.protocol)");
        assertThat(protocols).isNotEmpty().allMatch(p -> p.equals("https:") || p.equals("http:")
                || p.equals("mailto:"));
        assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    }

    @SuppressWarnings("unchecked")
    private static List<String> attributesNamedOn(Page page, String root) {
        return (List<String>) page.evaluate("root => [...document.querySelectorAll(root + ' *')]"
                + ".flatMap(e => [...e.attributes].map(a => e.localName + ' ' + a.name))"
                + ".filter(s => / on/.test(s))", root);
    }

    private static int indexOf(String survives) {
        for (int i = 0; i < HOSTILE.size(); i++) {
            if (HOSTILE.get(i).survives().equals(survives)) {
                return i;
            }
        }
        throw new IllegalArgumentException(survives);
    }

    private static String marker(int i) {
        return "hostile-" + i + ":";
    }

    /** Publishes a post now and returns its public path, e.g. "/blog/2026/05/title.html". */
    private static String publish(User author, Blog blog, String title, String html) {
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, html, "", "", "", ""), PostService.Intent.PUBLISH);
        var entries = carnet.services().reader.home(blog, null, 10).entries();
        assertThat(entries).hasSize(1);
        return "/" + blog.name() + entries.get(0).post().path();
    }

    /** Signs in through the sign-in page, whatever its language. */
    private static void signIn(Page page, String email) {
        page.navigate("/account/signin");
        Locator form = page.locator("form#signin");
        form.locator("[name=email]").fill(email);
        form.locator("[name=password]").fill(PASSWORD);
        form.locator("button[type=submit]").click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");
    }

    /** After publishing a comment: back on the post, at the new comment's anchor; returns its id. */
    private static long commentIdFromUrl(Page page, String path) {
        Pattern back = Pattern.compile("^" + jsQuote(carnet.baseUrl() + path) + "#c(\\d+)$");
        assertThat(page).hasURL(back);
        Matcher m = back.matcher(page.url());
        assertThat(m.matches()).isTrue();
        long id = Long.parseLong(m.group(1));
        assertThat(page.locator("article.comment#c" + id)).hasCount(1);
        return id;
    }

    /** Escapes a literal for a regex that JavaScript reads too (Playwright's hasURL): no \\Q...\\E there. */
    private static String jsQuote(String literal) {
        return literal.replaceAll("[\\\\^$.|?*+()\\[\\]{}/-]", "\\\\$0");
    }

    private static void screenshotIsAPng(Page page, String name) throws IOException {
        Path shot = browser.screenshot(page, name);
        assertThat(shot).exists().isRegularFile();
        assertThat(Files.size(shot)).isGreaterThan(1000);
        assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
    }
}
