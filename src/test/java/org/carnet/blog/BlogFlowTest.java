package org.carnet.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Blogs through HTTP: create, settings, delete, private blogs, own host names, the dashboard. */
class BlogFlowTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe des tests";

    private WebClient signedIn(String email) {
        return carnet.signedIn(email, PW);
    }

    private Blog blog(String name) {
        return carnet.services().blogs.find(name).orElseThrow();
    }

    @Test
    void aUserCreatesABlogAndBecomesItsAdmin() {
        WebClient owner = signedIn("owner@blog.test");
        Response r = owner.submit("/dashboard/new", "form#new-blog", Map.of("name", "carnet-de-route",
                "title", "Carnet de route", "description", "Voyages", "language", "fr", "time-zone", "Europe/Paris"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/carnet-de-route/");
        Response home = owner.follow(r);
        assertThat(home.doc().selectFirst(".blog-title").text()).isEqualTo("Carnet de route");
        assertThat(home.doc().selectFirst("html").attr("lang")).isEqualTo("fr");
        Response dashboard = owner.get("/dashboard");
        assertThat(dashboard.doc().select("tr[data-blog=carnet-de-route]").text())
                .contains("Carnet de route").contains("Administrator");
        Blog blog = blog("carnet-de-route");
        assertThat(carnet.services().access.roleOf(
                org.carnet.core.Viewer.of(carnet.services().accounts.byEmail("owner@blog.test").orElseThrow()),
                blog)).contains(Role.ADMIN);
    }

    @Test
    void badBlogNamesAreRefusedWithAClearMessageAndCreateNothing() {
        WebClient owner = signedIn("names@blog.test");
        carnet.blog(carnet.services().accounts.byEmail("names@blog.test").orElseThrow(), "deja-pris");
        record Case(String name, int status, String message) { }
        for (Case c : new Case[] {
                new Case("ab", 400, "3 to 40 lower-case letters"),
                new Case("Majuscules", 400, "3 to 40 lower-case letters"),
                new Case("-tiret", 400, "not starting or ending with a hyphen"),
                new Case("x".repeat(41), 400, "3 to 40"),
                new Case("admin", 400, "“admin” is reserved"),
                new Case("account", 400, "“account” is reserved"),
                new Case("healthz", 400, "reserved"),
                new Case("deja-pris", 409, "A blog named “deja-pris” already exists.")}) {
            Response r = owner.submit("/dashboard/new", "form#new-blog", Map.of("name", c.name(), "title", "T"));
            assertThat(r.status()).as(c.name()).isEqualTo(c.status());
            assertThat(r.text()).as(c.name()).contains(c.message());
            if (c.status() == 400) {
                assertThat(carnet.services().blogs.find(c.name())).as(c.name()).isEmpty();
            }
        }
        Response noTitle = owner.submit("/dashboard/new", "form#new-blog", Map.of("name", "sans-titre", "title", " "));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(carnet.services().blogs.find("sans-titre")).isEmpty();
    }

    @Test
    void theAdminChangesSettingsAndBadValuesChangeNothing() {
        WebClient admin = signedIn("settings@blog.test");
        carnet.blog(carnet.services().accounts.byEmail("settings@blog.test").orElseThrow(), "reglages");
        Response ok = admin.submit("/reglages/admin/settings", "form#settings", Map.of(
                "title", "Nouveau titre", "language", "en", "time-zone", "America/Montreal",
                "comment-policy", "members", "visibility", "private"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(admin.follow(ok).text()).contains("Saved.");
        Blog saved = blog("reglages");
        assertThat(saved.title()).isEqualTo("Nouveau titre");
        assertThat(saved.language()).isEqualTo("en");
        assertThat(saved.timeZone()).isEqualTo("America/Montreal");
        assertThat(saved.commentPolicy()).isEqualTo(CommentPolicy.MEMBERS);
        assertThat(saved.visibility()).isEqualTo(Visibility.PRIVATE);

        for (Map<String, String> bad : new Map[] {
                Map.of("title", "Autre", "time-zone", "Mars/Olympus"),
                Map.of("title", "Autre", "language", "de"),
                Map.of("title", "Autre", "host", "not a host!"),
                Map.of("title", "Autre", "visibility", "secret"),
                Map.of("title", "")}) {
            Response r = admin.submit("/reglages/admin/settings", "form#settings", bad);
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.doc().select(".error").text()).as(bad.toString()).isNotEmpty();
            assertThat(blog("reglages")).as(bad.toString()).isEqualTo(saved);
        }
    }

    @Test
    void readersAndAuthorsCannotChangeSettingsEvenByForgingTheForm() {
        User owner = carnet.user("owner2@blog.test", "Owner", PW);
        Blog blog = carnet.blog(owner, "forge-test");
        for (Role role : new Role[] {Role.READER, Role.AUTHOR}) {
            String email = role.name().toLowerCase() + "@forge.test";
            WebClient member = signedIn(email);
            carnet.services().memberships.setRole(blog,
                    carnet.services().accounts.byEmail(email).orElseThrow().id(), role);
            assertThat(member.get("/forge-test/admin/settings").status()).as(role.name()).isEqualTo(403);
            String token = member.csrfToken("/dashboard");
            Response forged = member.post("/forge-test/admin/settings", Map.of("_csrf", token,
                    "title", "Pwned", "visibility", "private", "language", "fr", "time-zone", "Europe/Paris",
                    "comment-policy", "anyone", "description", "", "host", ""));
            assertThat(forged.status()).as(role.name()).isEqualTo(403);
            assertThat(forged.text()).contains("You are not allowed to do this on this blog.");
            Response forgedDelete = member.post("/forge-test/admin/delete",
                    Map.of("_csrf", token, "confirm", "forge-test"));
            assertThat(forgedDelete.status()).isEqualTo(403);
        }
        // Its settings are untouched (its content version rose: membership shows on its pages).
        Blog afterMembers = blog("forge-test");
        assertThat(afterMembers).usingRecursiveComparison().ignoringFields("contentVersion").isEqualTo(blog);
        Response anonymous = carnet.client().post("/forge-test/admin/settings", Map.of("title", "Pwned"));
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(blog("forge-test")).isEqualTo(afterMembers);
    }

    @Test
    void deletingNeedsTheNameTypedAsConfirmation() {
        WebClient admin = signedIn("delete@blog.test");
        carnet.blog(carnet.services().accounts.byEmail("delete@blog.test").orElseThrow(), "a-effacer");
        Response wrong = admin.submit("/a-effacer/admin/delete", "form#delete-blog", Map.of("confirm", "oui"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).contains("type exactly the blog’s short name: a-effacer");
        assertThat(carnet.services().blogs.find("a-effacer")).isPresent();
        Response ok = admin.submit("/a-effacer/admin/delete", "form#delete-blog", Map.of("confirm", "a-effacer"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(admin.follow(ok).text()).contains("The blog “a-effacer” has been deleted.");
        assertThat(carnet.services().blogs.find("a-effacer")).isEmpty();
        assertThat(carnet.client().get("/a-effacer/").status()).isEqualTo(404);
    }

    @Test
    void aPrivateBlogIsReadOnlyByItsMembers() {
        User owner = carnet.user("private@blog.test", "Owner", PW);
        Blog blog = carnet.blog(owner, "journal-intime", "visibility", "private");
        User reader = carnet.user("reader@private.test", "Reader", PW);
        carnet.services().memberships.setRole(blog, reader.id(), Role.READER);

        Response anonymous = carnet.client().get("/journal-intime/");
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(anonymous.location()).isEqualTo("/account/signin?next=%2Fjournal-intime%2F");

        WebClient stranger = signedIn("stranger@private.test");
        Response refused = stranger.get("/journal-intime/");
        assertThat(refused.status()).isEqualTo(403);
        // The blog is French: its refusal is in French too, whatever the visitor's browser says.
        assertThat(refused.text()).contains("Ce blog est privé : seuls ses membres peuvent le lire.")
                .doesNotContain("Blog journal-intime");

        WebClient member = carnet.client();
        Response signIn = member.submit("/account/signin?next=%2Fjournal-intime%2F", "form#signin",
                Map.of("email", "reader@private.test", "password", PW));
        assertThat(signIn.location()).isEqualTo("/journal-intime/");
        Response page = member.follow(signIn);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().selectFirst(".blog-title").text()).isEqualTo("Blog journal-intime");
        assertThat(carnet.client().get("/").text()).doesNotContain("journal-intime");
    }

    @Test
    void aBlogWithItsOwnHostNameIsServedAtTheRoot() {
        User owner = carnet.user("host@blog.test", "Owner", PW);
        carnet.blog(owner, "mon-domaine", "host", "Blog.Example.TEST", "language", "en");
        assertThat(blog("mon-domaine").host()).isEqualTo("blog.example.test");
        WebClient visitor = carnet.client();
        Response home = visitor.get("/", "Host", "blog.example.test");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.doc().selectFirst(".blog-title a").attr("href")).isEqualTo("/");
        assertThat(home.doc().selectFirst(".blog-title").text()).isEqualTo("Blog mon-domaine");
        Response signIn = visitor.get("/account/signin", "Host", "blog.example.test");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.doc().select("form#signin")).hasSize(1);
        assertThat(visitor.get("/", "Host", "localhost").doc().select(".blog-title")).isEmpty();
        Response taken = signedIn("other@host.test").submit("/dashboard/new", "form#new-blog",
                Map.of("name", "autre-domaine", "title", "Autre"));
        assertThat(taken.status()).isEqualTo(303);
        // Only the instance's admins give blogs host names (else a blog could take the instance's own domain).
        WebClient other = signedIn("other@host.test");
        Response notAllowed = other.submit("/autre-domaine/admin/settings", "form#settings",
                Map.of("host", "autre.example.test"));
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(carnet.services().blogs.find("autre-domaine").orElseThrow().host()).isNull();
        carnet.services().accounts.create("root@host.test", "Root", PW, true);
        carnet.services().memberships.setRole(carnet.services().blogs.find("autre-domaine").orElseThrow(),
                carnet.services().accounts.byEmail("root@host.test").orElseThrow().id(), Role.ADMIN);
        WebClient root = signedIn("root@host.test");
        Response clash = root.submit("/autre-domaine/admin/settings", "form#settings",
                Map.of("host", "blog.example.test"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.text()).contains("Another blog already uses the host name blog.example.test.");
        for (String bad : new String[] {"127.0.0.1", "app.localhost"}) {
            assertThat(root.submit("/autre-domaine/admin/settings", "form#settings", Map.of("host", bad)).status())
                    .as(bad).isEqualTo(400);
        }
    }

    @Test
    void aBlogsPagesSpeakItsLanguageWhateverTheBrowserSays() {
        User owner = carnet.user("lang@blog.test", "Owner", PW);
        carnet.blog(owner, "en-francais", "language", "fr");
        carnet.blog(owner, "in-english", "language", "en");
        Response fr = carnet.client().language("en-US").get("/en-francais/");
        assertThat(fr.doc().selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(fr.text()).contains("Aucun article pour l’instant.");
        Response en = carnet.client().language("fr-FR").get("/in-english/");
        assertThat(en.doc().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(en.text()).contains("No posts yet.");
    }
}
