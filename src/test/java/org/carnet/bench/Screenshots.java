package org.carnet.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carnet.app.CarnetServer;
import org.carnet.app.Config;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.store.Database;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.TestDatabases;

/**
 * Screenshots for a person to look at (bench/screenshots.sh): a post page as a signed-out reader (a cache hit), a
 * reader, an author and an admin; the sign-in page; the "busy" page (another connection holds SQLite's write
 * lock during a sign-in); an interrupted import's status page; each in French and English, at 1280 and 390 px,
 * light and dark. Prints what the browser's console reported (a Content-Security-Policy refusal would show).
 *
 * <p>Usage: {@code Screenshots OUT_DIR}
 */
public final class Screenshots {
    static final String PW = "mot de passe des captures";
    public static void main(String[] a) throws Exception {
        Path out = Files.createDirectories(Path.of(a[0]));
        String url = TestDatabases.freshSqlite();
        Services s = new Services(Database.open(url, 5), Clock.systemUTC());
        CarnetServer server = CarnetServer.start(new Config(0, Files.createTempDirectory("shots"), url, null, false, 5), s);
        String base = "http://127.0.0.1:" + server.port();
        User admin = s.accounts.create("admin@shots.test", "Adèle Admin", PW, true);
        User author = s.accounts.create("author@shots.test", "Arthur Auteur", PW, false);
        User reader = s.accounts.create("reader@shots.test", "Rita Lectrice", PW, false);
        Map<String, String> posts = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            Blog b = s.blogs.create(admin.id(), "carnet-" + lang, Map.of("title", lang.equals("fr") ? "Carnet de route" : "Road notes",
                    "language", lang, "comment-policy", "members"));
            s.db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO blog_member (blog_id, user_id, role, joined_at) VALUES (?, ?, 'AUTHOR', 0)", b.id(), author.id());
                h.execute("INSERT INTO blog_member (blog_id, user_id, role, joined_at) VALUES (?, ?, 'READER', 0)", b.id(), reader.id());
            });
            long id = s.posts.create(Viewer.of(author), b, new PostInput(Post.Kind.POST,
                    "Title <!--<script> trick & \u2028 « guillemets »", BodyFormat.HTML,
                    "<p>Les coupoles du Registan brillent sous le soleil d’hiver. The domes shine.</p>", "Asie", "", "", ""),
                    PostService.Intent.PUBLISH);
            posts.put(lang, "/carnet-" + lang + s.posts.requireEditable(Viewer.of(author), b, id).path());
            // A draft of the admin's, and a comment waiting in the moderation queue.
            s.posts.create(Viewer.of(admin), b, new PostInput(Post.Kind.POST, lang.equals("fr") ? "Brouillon de l’admin"
                    : "The admin's draft", BodyFormat.HTML, "<p>Pas fini.</p>", "", "", "", ""), PostService.Intent.SAVE_DRAFT);
            s.blogs.changeSettings(b, Map.of("moderation", "always"));
            Blog moderated = s.blogs.require(b.name());
            s.comments.submit(Viewer.of(reader), moderated, s.posts.requireEditable(Viewer.of(author), moderated, id),
                    new org.carnet.comment.CommentDraft(lang.equals("fr") ? "Un commentaire à relire, assez long pour voir comment il passe à la ligne sur un téléphone."
                            : "A comment to review, long enough to see how it wraps on a phone.", "", "", null, "", null, null, "192.0.2.7"));
            // An import whose process died: its status page.
            long bid = b.id();
            s.db.jdbi().useHandle(h -> h.execute("INSERT INTO import_job (id, blog_id, node, started_at, beat_at) VALUES (?, ?, 'cli', 0, 0)",
                    "deadimport" + lang, bid));
        }
        s.imports.sweepAbandoned();
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser br = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(BrowserExtension.CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--no-first-run")))) {
            List<String> consoleErrors = new ArrayList<>();
            for (String lang : List.of("fr", "en")) for (int w : new int[] {1280, 390}) for (ColorScheme cs : ColorScheme.values()) {
                if (cs == ColorScheme.NO_PREFERENCE) continue;
                String tag = lang + "-" + w + "-" + cs.name().toLowerCase();
                for (String role : List.of("reader-signed-out", "reader", "author", "admin")) {
                    BrowserContext c = br.newContext(new Browser.NewContextOptions().setBaseURL(base).setViewportSize(w, 900)
                            .setLocale(lang).setColorScheme(cs).setExtraHTTPHeaders(Map.of("Accept-Language", lang)));
                    Page p = c.newPage();
                    p.onConsoleMessage(m -> { if (m.type().equals("error")) consoleErrors.add(tag + " " + role + ": " + m.text()); });
                    if (!role.equals("reader-signed-out")) {
                        p.navigate("/account/signin");
                        p.locator("#email").fill(role + "@shots.test");
                        p.locator("#password").fill(PW);
                        p.locator("form#signin button[type=submit]").click();
                        p.waitForURL(u -> u.endsWith("/dashboard"));
                    }
                    p.navigate(posts.get(lang));
                    p.navigate(posts.get(lang)); // the second is a cache hit for a signed-out reader
                    p.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("post-" + role + "-" + tag + ".png")).setFullPage(true));
                    if (role.equals("author") || role.equals("admin")) {
                        // The writer's desk: what each of them is offered.
                        List<String> desk = new ArrayList<>(List.of("/dashboard", "/carnet-" + lang + "/admin/posts"));
                        if (role.equals("admin")) {
                            desk.addAll(List.of("/carnet-" + lang + "/admin/comments", "/carnet-" + lang + "/admin/settings",
                                    "/carnet-" + lang + "/admin/members", "/admin"));
                        }
                        for (String path : desk) {
                            p.navigate(path);
                            String name = path.equals("/admin") ? "instance" : path.substring(path.lastIndexOf('/') + 1);
                            p.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("admin-" + name + "-" + role + "-" + tag + ".png")).setFullPage(true));
                        }
                    }
                    if (role.equals("admin")) {
                        p.navigate("/carnet-" + lang + "/admin/import/deadimport" + lang);
                        p.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("import-interrupted-admin-" + tag + ".png")).setFullPage(true));
                    }
                    if (role.equals("reader-signed-out")) {
                        p.navigate("/account/signin");
                        p.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("signin-" + tag + ".png")).setFullPage(true));
                        // The busy page: another connection holds SQLite's write lock during a sign-in.
                        p.locator("#email").fill("reader@shots.test");
                        p.locator("#password").fill(PW);
                        try (Connection other = DriverManager.getConnection(url); Statement st = other.createStatement()) {
                            st.execute("BEGIN IMMEDIATE");
                            st.execute("UPDATE instance_setting SET setting_value = setting_value");
                            p.locator("form#signin button[type=submit]").click(new Locator.ClickOptions().setTimeout(30000));
                            p.waitForLoadState();
                            p.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("busy-503-" + tag + ".png")).setFullPage(true));
                            st.execute("ROLLBACK");
                        }
                    }
                    c.close();
                }
            }
            System.out.println("console errors: " + consoleErrors);
        }
        server.close();
        s.close();
        System.exit(0);
    }
}
