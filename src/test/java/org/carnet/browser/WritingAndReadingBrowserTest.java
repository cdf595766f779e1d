package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An author writes in the editor, a signed-out reader reads on the public blog: home (teaser and "read
 * more"), label and archive pages, sidebar counts, the post page; drafts stay private; the blog fits a
 * phone and its first Tab stop is "skip to content".
 */
@Tier.Browser
class WritingAndReadingBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String BLOG = "steppes";
    private static final String ZONE = "Asia/Almaty";
    private static final String PASSWORD = "une phrase de passe solide";
    private static final String AUTHOR_EMAIL = "aigerim@example.org";
    private static final String AUTHOR_NAME = "Aïgerim Nurlanovna";

    private static final String TITLE = "Kazakhstan : les leçons d’une crise";
    private static final String SLUG = "kazakhstan-les-lecons-dune-crise";
    private static final String BODY = """
            ## Ce qui s’est passé

            En janvier, le pays a connu **une crise sans précédent**.

            - des manifestations à Almaty
            - une hausse du prix du gaz
            - l’intervention de l’OTSC

            Voir [l’analyse complète](https://example.org/analyse).

            <!--more-->

            Après la crise, le pouvoir a promis des réformes profondes.
            """;
    private static final String AFTER_BREAK = "le pouvoir a promis des réformes profondes";

    private static final String OLDER_TITLE = "Un printemps à Almaty";

    private static Blog blog;
    private static User author;

    @BeforeAll
    static void aBlogWithAnAuthorAndOneOlderPost() {
        User owner = carnet.user("owner@example.org", "Propriétaire", PASSWORD);
        blog = carnet.blog(owner, BLOG, "title", "Carnet des steppes", "description", "Notes d’Asie centrale",
                "language", "fr", "time-zone", ZONE);
        author = carnet.user(AUTHOR_EMAIL, AUTHOR_NAME, PASSWORD);
        carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
        // An older post (another year, so this month's count is the new post alone) gives the post page a pager.
        carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, OLDER_TITLE,
                BodyFormat.MARKDOWN, "Les abricotiers sont en fleur.", "Asie centrale", "", "",
                "2025-04-12T09:30"), PostService.Intent.PUBLISH);
    }

    @Test
    void anAuthorPublishesAPostAndASignedOutReaderReadsIt() throws IOException {
        // --- 1. The author writes and publishes, in the browser. ---
        Page admin = signInAsAuthor();
        admin.navigate("/" + BLOG + "/admin/posts");
        Locator newPost = admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New post"));
        assertThat(newPost).hasAttribute("href", "/" + BLOG + "/admin/posts/new");
        newPost.click();
        assertThat(admin).hasURL(carnet.baseUrl() + "/" + BLOG + "/admin/posts/new");

        Locator editor = admin.locator("form#editor");
        editor.locator("input#title").fill(TITLE);
        editor.locator("input[name=format][value=markdown]").check();
        editor.locator("textarea#body").fill(BODY);
        editor.locator("input#labels").fill("Asie centrale, Politique");
        editor.locator("textarea#description").fill("Ce que la crise de janvier dit du pays.");
        assertThat(editor.locator("input#slug")).hasValue("");
        assertThat(editor.locator("input#publish-at")).hasValue("");
        editor.locator("button#publish").click();

        assertThat(admin).hasURL(Pattern.compile("^http://localhost:" + carnet.port() + "/" + BLOG
                + "/admin/posts/\\d+/edit\\?saved$"));
        assertThat(admin.locator("p.notice[role=status]")).hasText("Saved.");
        assertThat(admin.locator("input#title")).hasValue(TITLE);
        assertThat(admin.locator("input#slug")).hasValue(SLUG);
        assertThat(admin.locator("input#labels")).hasValue("Asie centrale, Politique");

        // --- 2. A reader with no cookies at all reads it. ---
        ZonedDateTime now = carnet.clock().instant().atZone(ZoneId.of(ZONE));
        String yyyy = String.format("%04d", now.getYear());
        String mm = String.format("%02d", now.getMonthValue());
        String postPath = "/" + BLOG + "/" + yyyy + "/" + mm + "/" + SLUG + ".html";
        Locale fr = Locale.FRENCH;

        Page reader = readerAt(1280, 900);
        assertThat(reader.context().cookies()).isEmpty();
        Response home = reader.navigate("/" + BLOG + "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(reader.locator("html")).hasAttribute("lang", "fr");
        assertThat(reader.locator("header.bar a[href='/dashboard']")).hasCount(0);

        Locator article = postIn(reader, TITLE);
        assertThat(article).hasCount(1);
        assertThat(reader.locator("article.post").first().locator("h2.post-title")).hasText(TITLE); // newest first
        assertThat(article.locator("h2.post-title a")).hasAttribute("href", postPath);
        Locator teaser = article.locator(".post-body");
        assertThat(teaser.locator("h2")).hasText("Ce qui s’est passé");
        assertThat(teaser.locator("strong")).hasText("une crise sans précédent");
        assertThat(teaser.locator("li")).hasCount(3);
        assertThat(teaser).not().containsText(AFTER_BREAK);
        assertThat(article).not().containsText(AFTER_BREAK);
        Locator readMore = article.locator("p.jump a");
        assertThat(readMore).hasText("Lire la suite\u00a0»");
        assertThat(readMore).hasAttribute("href", postPath);
        assertThat(article.locator(".post-footer a[rel=author]")).hasText(AUTHOR_NAME);
        assertThat(article.locator(".post-footer a[rel=author]"))
                .hasAttribute("href", "/" + BLOG + "/author/" + author.id());
        assertThat(article.locator(".post-footer .labels a[rel=tag]"))
                .hasText(new String[] {"Asie centrale", "Politique"});
        assertThat(article.locator(".post-footer .labels a[rel=tag]").first())
                .hasAttribute("href", "/" + BLOG + "/search/label/Asie%20centrale");

        Locator sidebar = reader.locator("aside.sidebar");
        assertThat(sidebar.locator("#blog-archive h2")).hasText("Archives du blog");
        assertThat(archiveCount(reader, "/" + BLOG + "/" + yyyy + "/" + mm + "/")).hasText("(1)");
        assertThat(sidebar.locator("#blog-labels h2")).hasText("Libellés");
        assertThat(labelCount(reader, "Politique")).hasText("(1)");
        assertThat(labelCount(reader, "Asie%20centrale")).hasText("(2)");
        screenshotIsAPng(reader, "home-desktop");

        // The label page, reached from the sidebar.
        sidebar.locator("#blog-labels a[href='/" + BLOG + "/search/label/Politique']").click();
        assertThat(reader).hasURL(carnet.baseUrl() + "/" + BLOG + "/search/label/Politique");
        assertThat(reader.locator("h1.listing-heading")).containsText("Politique");
        assertThat(reader.locator("article.post")).hasCount(1);
        assertThat(postIn(reader, TITLE).locator("h2.post-title a")).hasAttribute("href", postPath);
        assertThat(reader.locator("main")).not().containsText(OLDER_TITLE);

        // The month's archive, reached from the sidebar.
        sidebar.locator("#blog-archive a[href='/" + BLOG + "/" + yyyy + "/" + mm + "/']").click();
        assertThat(reader).hasURL(carnet.baseUrl() + "/" + BLOG + "/" + yyyy + "/" + mm + "/");
        String monthName = now.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, fr);
        assertThat(reader.locator("h1.listing-heading")).containsText(monthName + " " + yyyy);
        assertThat(reader.locator("article.post")).hasCount(1);
        assertThat(postIn(reader, TITLE).locator("h2.post-title a")).hasAttribute("href", postPath);
        assertThat(archiveCount(reader, "/" + BLOG + "/" + yyyy + "/" + mm + "/")).hasText("(1)");

        // The year's archive lists it too.
        reader.navigate("/" + BLOG + "/" + yyyy + "/");
        assertThat(postIn(reader, TITLE)).hasCount(1);

        // From the home page, the reader clicks the title and reads the whole post.
        reader.navigate("/" + BLOG + "/");
        postIn(reader, TITLE).locator("h2.post-title a").click();
        assertThat(reader).hasURL(carnet.baseUrl() + postPath);
        assertThat(reader).hasTitle(Pattern.compile("^Kazakhstan : les leçons d’une crise"));
        Locator post = reader.locator("article.post");
        assertThat(post).hasCount(1);
        assertThat(post.locator("h1.post-title")).hasText(TITLE);
        Locator body = post.locator(".post-body");
        assertThat(body.locator("h2")).hasText("Ce qui s’est passé");
        assertThat(body.locator("strong")).hasText("une crise sans précédent");
        assertThat(body.locator("ul > li")).hasText(new String[] {
                "des manifestations à Almaty", "une hausse du prix du gaz", "l’intervention de l’OTSC"});
        assertThat(body.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("l’analyse complète")))
                .hasAttribute("href", "https://example.org/analyse");
        assertThat(body).containsText(AFTER_BREAK);
        assertThat(post.locator(".post-footer .labels a[rel=tag]")).hasText(new String[] {"Asie centrale", "Politique"});
        assertThat(post.locator(".post-footer a[rel=author]")).hasText(AUTHOR_NAME);
        String longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(fr).format(now);
        assertThat(post.locator(".date time")).hasText(longDate);
        // As displayed: French month names stay lower case ("25 novembre 2026", not "25 Novembre 2026").
        assertThat(post.locator(".date time")).hasText(
                Pattern.compile(now.getDayOfMonth() + " " + monthName + " " + yyyy),
                new LocatorAssertions.HasTextOptions().setUseInnerText(true));
        assertThat(post.locator(".date time")).hasAttribute("datetime", Pattern.compile("^" + yyyy + "-"));
        assertThat(reader.locator("p.jump")).hasCount(0);
        // The older post is the pager's "older" link; there is no newer post.
        Locator pager = reader.locator("nav.post-pager");
        assertThat(pager.locator("a.newer")).hasCount(0);
        assertThat(pager.locator("a.home")).hasAttribute("href", "/" + BLOG + "/");
        assertThat(pager.locator("a.older")).hasAttribute("href", "/" + BLOG + "/2025/04/un-printemps-a-almaty.html");
        assertThat(reader.locator("aside.sidebar #blog-archive")).isVisible();
        // The theme is applied: on a wide screen the sidebar stands to the right of the post.
        assertThat(box(reader, "aside.sidebar").x).isGreaterThanOrEqualTo(
                box(reader, ".main-col").x + box(reader, ".main-col").width);
        screenshotIsAPng(reader, "post-desktop");

        // --- 4. Phone width: no sideways scrolling, home and post. ---
        Page phone = readerAt(390, 844);
        phone.navigate("/" + BLOG + "/");
        assertThat(postIn(phone, TITLE)).isVisible();
        assertNoHorizontalScroll(phone);
        screenshotIsAPng(phone, "home-phone");
        phone.navigate(postPath);
        assertThat(phone.locator("h1.post-title")).hasText(TITLE);
        assertNoHorizontalScroll(phone);
        // On a phone the sidebar comes after the post, not beside it.
        assertThat(box(phone, "aside.sidebar").y).isGreaterThanOrEqualTo(
                box(phone, ".main-col").y + box(phone, ".main-col").height);
        screenshotIsAPng(phone, "post-phone");

        // --- 5. Keyboard: the first Tab stop of the post page is "skip to content". ---
        Page keys = readerAt(1280, 900);
        keys.navigate(postPath);
        keys.keyboard().press("Tab");
        Locator skip = keys.locator("a.skip");
        assertThat(skip).isFocused();
        assertThat(skip).hasText("Aller au contenu");
        assertThat(skip).hasAttribute("href", "#main");
        assertThat(keys.locator("main#main")).hasCount(1);

        // Sizes as served, for the record.
        APIResponse homeHtml = keys.request().get("/" + BLOG + "/");
        APIResponse postHtml = keys.request().get(postPath);
        APIResponse css = keys.request().get("/static/carnet.css");
        assertThat(homeHtml.status()).isEqualTo(200);
        assertThat(postHtml.status()).isEqualTo(200);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.headers().get("content-type")).startsWith("text/css");
        assertThat(css.headers().get("cache-control")).contains("max-age");
        assertThat(keys.request().get("/static/nothing-here.css").status()).isEqualTo(404);
        System.out.printf("[sizes] home %d bytes, post %d bytes, carnet.css %d bytes%n",
                homeHtml.body().length, postHtml.body().length, css.body().length);
    }

    @Test
    void aDraftIsSeenByNoReader() {
        String title = "Brouillon : notes sur Astana";
        String label = "Carnet secret";
        String secret = "un passage qui ne doit pas encore paraître";

        Page admin = signInAsAuthor();
        admin.navigate("/" + BLOG + "/admin/posts/new");
        Locator editor = admin.locator("form#editor");
        editor.locator("input#title").fill(title);
        editor.locator("textarea#body").fill("Voici " + secret + ".");
        editor.locator("input#labels").fill(label);
        editor.locator("button#save-draft").click();
        assertThat(admin).hasURL(Pattern.compile("/admin/posts/\\d+/edit\\?saved$"));
        assertThat(admin.locator("p.notice[role=status]")).hasText("Saved.");
        assertThat(admin.locator("#view-post")).hasCount(0);
        admin.navigate("/" + BLOG + "/admin/posts");
        assertThat(admin.locator("table#posts tr", new Page.LocatorOptions().setHasText(title))).containsText("Draft");

        ZonedDateTime now = carnet.clock().instant().atZone(ZoneId.of(ZONE));
        String month = String.format("/%04d/%02d/", now.getYear(), now.getMonthValue());
        String wouldBe = "/" + BLOG + month + "brouillon-notes-sur-astana.html";

        Page reader = readerAt(1280, 900);
        assertThat(reader.navigate("/" + BLOG + "/").status()).isEqualTo(200);
        assertThat(reader.locator("main")).not().containsText(title);
        assertThat(reader.locator("main")).not().containsText(secret);
        assertThat(reader.locator("#blog-labels")).not().containsText(label);

        Response byLabel = reader.navigate("/" + BLOG + "/search/label/" + label.replace(" ", "%20"));
        assertThat(byLabel.status()).isEqualTo(404);
        assertThat(reader.locator("body")).not().containsText(secret);

        assertThat(reader.navigate("/" + BLOG + month).status()).isEqualTo(200);
        assertThat(reader.locator("main")).not().containsText(title);
        assertThat(reader.locator("article.post", new Page.LocatorOptions().setHasText(title))).hasCount(0);

        assertThat(reader.navigate("/" + BLOG + month.substring(0, 6)).status()).isEqualTo(200);
        assertThat(reader.locator("main")).not().containsText(title);

        reader.navigate("/" + BLOG + "/author/" + author.id());
        assertThat(reader.locator("body")).not().containsText(title);

        Response direct = reader.navigate(wouldBe);
        assertThat(direct.status()).isEqualTo(404);
        assertThat(reader.locator("body")).not().containsText(secret);
    }

    // --- helpers ---

    /** The author, signed in through the sign-in form in this test's main page. */
    private static Page signInAsAuthor() {
        Page page = browser.page();
        page.navigate("/account/signin");
        Locator form = page.locator("form#signin");
        form.locator("[name=email]").fill(AUTHOR_EMAIL);
        form.locator("[name=password]").fill(PASSWORD);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(carnet.baseUrl() + "/dashboard");
        assertThat(page.locator("header.bar")).containsText(AUTHOR_NAME);
        return page;
    }

    /** A signed-out reader in a new context (no cookies) with a French browser, at the given viewport. */
    private static Page readerAt(int width, int height) {
        return browser.page(o -> o.setViewportSize(width, height).setDeviceScaleFactor(1).setLocale("fr-FR"));
    }

    private static Locator postIn(Page page, String title) {
        return page.locator("article.post").filter(new Locator.FilterOptions()
                .setHas(page.locator("h2.post-title", new Page.LocatorOptions().setHasText(title))));
    }

    private static Locator archiveCount(Page page, String href) {
        return page.locator("aside.sidebar #blog-archive li:has(> a[href='" + href + "']) > .count");
    }

    private static Locator labelCount(Page page, String encodedLabel) {
        return page.locator("aside.sidebar #blog-labels li:has(> a[href='/" + BLOG + "/search/label/"
                + encodedLabel + "']) > .count");
    }

    private static BoundingBox box(Page page, String selector) {
        BoundingBox box = page.locator(selector).boundingBox();
        assertThat(box).as("%s is laid out", selector).isNotNull();
        return box;
    }

    private static void assertNoHorizontalScroll(Page page) {
        Object fits = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
        Object widths = page.evaluate("() => document.documentElement.scrollWidth + ' > ' + window.innerWidth");
        assertThat(fits).as("page scrolls sideways at phone width: %s", widths).isEqualTo(true);
    }

    private static void screenshotIsAPng(Page page, String name) throws IOException {
        Path shot = browser.screenshot(page, name);
        assertThat(shot).exists().isRegularFile();
        assertThat(Files.size(shot)).isGreaterThan(1000);
        assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
    }
}
