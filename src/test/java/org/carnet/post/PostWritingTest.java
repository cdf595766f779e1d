package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writing through the editor over HTTP: publishing, drafts, scheduling, slugs, permissions, bad input. */
class PostWritingTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe des auteurs";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static Blog blog;
    private static User admin;
    private static User author;
    private static User other;

    @BeforeAll
    static void aBlogWithAnAdminTwoAuthorsAndAReader() {
        admin = carnet.user("admin@write.test", "Admin", PW);
        author = carnet.user("author@write.test", "Autrice", PW);
        other = carnet.user("other@write.test", "Autre", PW);
        User reader = carnet.user("reader@write.test", "Lecteur", PW);
        blog = carnet.blog(admin, "ecrire", "language", "fr", "time-zone", "Europe/Paris");
        carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
        carnet.services().memberships.setRole(blog, other.id(), Role.AUTHOR);
        carnet.services().memberships.setRole(blog, reader.id(), Role.READER);
    }

    private static WebClient signedIn(String email) {
        return carnet.signedIn(email, PW);
    }

    private static Map<String, String> post(String title, String body, String labels, String action) {
        Map<String, String> m = new HashMap<>();
        m.put("title", title);
        m.put("format", "markdown");
        m.put("body", body);
        m.put("labels", labels);
        m.put("action", action);
        return m;
    }

    /** Publishes through the editor; returns the edit page path it redirected to. */
    private static String publish(WebClient c, Map<String, String> fields) {
        Response r = c.submit("/ecrire/admin/posts/new", "form#editor", fields);
        assertThat(r.status()).as(r.text()).isEqualTo(303);
        return r.location();
    }

    private static long idOf(String editPath) {
        return Long.parseLong(editPath.replaceAll(".*/posts/(\\d+)/edit.*", "$1"));
    }

    private static Post stored(long id) {
        return carnet.services().db.jdbi().withHandle(h -> new PostStore().byId(h, blog.id(), id)).orElseThrow();
    }

    private static String monthPath(java.time.Instant at) {
        return DateTimeFormatter.ofPattern("/yyyy/MM/").format(at.atZone(PARIS));
    }

    @Test
    void anAuthorPublishesAMarkdownPostThatReadersFindAtItsBloggerUrl() {
        WebClient autrice = signedIn("author@write.test");
        String edit = publish(autrice, post("Kazakhstan : les leçons d’une crise",
                "## Ce qui s’est passé\n\nDu **gras** et <script>alert(1)</script> rien.\n\n- un\n- deux\n",
                "Asie centrale, Politique", "publish"));
        Post p = stored(idOf(edit));
        assertThat(p.status()).isEqualTo(Post.Status.PUBLISHED);
        assertThat(p.path()).isEqualTo(monthPath(p.publishedAt()) + "kazakhstan-les-lecons-dune-crise.html");
        assertThat(p.bodyHtml()).contains("<strong>gras</strong>").contains("<li>un</li>").doesNotContain("script");

        Response page = carnet.client().get("/ecrire" + p.path());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().selectFirst("h1.post-title").text()).isEqualTo("Kazakhstan : les leçons d’une crise");
        assertThat(page.doc().select(".post-body h2").text()).isEqualTo("Ce qui s’est passé");
        assertThat(page.doc().select(".post-body script")).isEmpty();
        assertThat(page.doc().select(".labels a[rel=tag]").eachText()).containsExactly("Asie centrale", "Politique");
        assertThat(page.doc().selectFirst("a[rel=author]").text()).isEqualTo("Autrice");
        assertThat(page.doc().selectFirst(".date").text()).isEqualTo(new PostDates(blog).longDate(p.publishedAt()));
        assertThat(carnet.client().get("/ecrire/").doc().select("h2.post-title a").eachAttr("href"))
                .contains("/ecrire" + p.path());
    }

    @Test
    void draftsAreInvisibleToReadersEverywhere() {
        WebClient autrice = signedIn("author@write.test");
        String edit = publish(autrice, post("Brouillon secret", "Pas encore prêt.", "Secret", "draft"));
        Post draft = stored(idOf(edit));
        assertThat(draft.status()).isEqualTo(Post.Status.DRAFT);
        assertThat(draft.path()).isNull();
        String month = monthPath(carnet.clock().instant());
        String wouldBe = "/ecrire" + month + "brouillon-secret.html";
        WebClient reader = signedIn("reader@write.test");
        for (WebClient c : new WebClient[] {carnet.client(), reader}) {
            assertThat(c.get("/ecrire/").body()).doesNotContain("Brouillon secret").doesNotContain("Secret");
            assertThat(c.get(wouldBe).status()).isEqualTo(404);
            assertThat(c.get("/ecrire/search/label/Secret").status()).isEqualTo(404);
            assertThat(c.get("/ecrire" + month).body()).doesNotContain("Brouillon secret");
            assertThat(c.get("/ecrire/author/" + author.id()).body()).doesNotContain("Brouillon secret");
        }
        // The author sees it in the admin list, of course.
        assertThat(autrice.get("/ecrire/admin/posts?status=draft").text()).contains("Brouillon secret");
    }

    @Test
    void aScheduledPostAppearsAtItsTimeWithoutAnyoneDoingAnything() {
        WebClient autrice = signedIn("author@write.test");
        ZonedDateTime inTwoHours = carnet.clock().instant().atZone(PARIS).plusHours(2).withSecond(0).withNano(0);
        Map<String, String> fields = post("Annonce programmée", "Bientôt.", "Annonces", "publish");
        fields.put("publish-at", inTwoHours.toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        Post p = stored(idOf(publish(autrice, fields)));
        assertThat(p.status()).isEqualTo(Post.Status.SCHEDULED);
        assertThat(p.publishedAt()).isEqualTo(inTwoHours.toInstant());
        assertThat(carnet.client().get("/ecrire" + p.path()).status()).isEqualTo(404);
        assertThat(carnet.client().get("/ecrire/").body()).doesNotContain("Annonce programmée");

        carnet.clock().advance(Duration.ofHours(2).plusMinutes(1));
        try {
            assertThat(carnet.client().get("/ecrire" + p.path()).status()).isEqualTo(200);
            assertThat(carnet.client().get("/ecrire/").body()).contains("Annonce programmée");
            // Marked published by the server's job, or else by this call (the job may have run first: either way).
            carnet.services().posts.publishDue();
            assertThat(stored(p.id()).status()).isEqualTo(Post.Status.PUBLISHED);
        } finally {
            carnet.clock().advance(Duration.ofHours(-2).minusMinutes(1));
        }
    }

    @Test
    void changingAPublishedSlugKeepsTheOldUrlWithA301() {
        WebClient autrice = signedIn("author@write.test");
        String edit = publish(autrice, post("Premier titre", "Texte.", "", "publish"));
        Post before = stored(idOf(edit));
        Response changed = autrice.submit(edit.replace("?saved", ""), "form#editor",
                Map.of("slug", "nouveau-lien", "action", "publish"));
        assertThat(changed.status()).isEqualTo(303);
        Post after = stored(before.id());
        assertThat(after.path()).isEqualTo(monthPath(after.publishedAt()) + "nouveau-lien.html");
        Response old = carnet.client().get("/ecrire" + before.path());
        assertThat(old.status()).isEqualTo(301);
        assertThat(old.location()).isEqualTo("/ecrire" + after.path());
        assertThat(carnet.client().get("/ecrire" + after.path()).status()).isEqualTo(200);
    }

    @Test
    void slugsAreUniqueWithinTheirMonth() {
        WebClient autrice = signedIn("author@write.test");
        Post first = stored(idOf(publish(autrice, post("Même titre", "Un.", "", "publish"))));
        Post second = stored(idOf(publish(autrice, post("Même titre", "Deux.", "", "publish"))));
        assertThat(first.slug()).isEqualTo("meme-titre");
        assertThat(second.slug()).isEqualTo("meme-titre-2");
        Map<String, String> typed = post("Autre titre", "Trois.", "", "publish");
        typed.put("slug", "meme-titre");
        Response r = autrice.submit("/ecrire/admin/posts/new", "form#editor", typed);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).contains("Another post of the same month already has the permalink “meme-titre”.");
        assertThat(r.doc().selectFirst("#title").attr("value")).isEqualTo("Autre titre");
    }

    @Test
    void anAuthorCannotEditOrDeleteAnotherAuthorsPostEvenByForgingTheForm() {
        Post theirs = stored(idOf(publish(signedIn("other@write.test"), post("Le billet d’un autre", "À moi.",
                "", "publish"))));
        WebClient autrice = signedIn("author@write.test");
        assertThat(autrice.get("/ecrire/admin/posts/" + theirs.id() + "/edit").status()).isEqualTo(403);
        String token = autrice.csrfToken("/ecrire/admin/posts");
        Map<String, String> forged = post("Piraté", "Remplacé.", "", "publish");
        forged.put("_csrf", token);
        Response r = autrice.post("/ecrire/admin/posts/" + theirs.id() + "/edit", forged);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("You may only edit your own posts on this blog.");
        Response del = autrice.post("/ecrire/admin/posts/delete",
                Map.of("_csrf", token, "id", Long.toString(theirs.id()), "confirm", "yes"));
        assertThat(del.status()).isEqualTo(403);
        assertThat(stored(theirs.id())).isEqualTo(theirs);

        // A post cannot be turned into a page through the pages' editor.
        WebClient theAuthor = signedIn("other@write.test");
        Map<String, String> asPage = post("Page ?", "Non.", "", "publish");
        asPage.put("_csrf", theAuthor.csrfToken("/ecrire/admin/posts"));
        assertThat(theAuthor.post("/ecrire/admin/pages/" + theirs.id() + "/edit", asPage).status()).isEqualTo(404);
        assertThat(stored(theirs.id()).kind()).isEqualTo(Post.Kind.POST);

        WebClient reader = signedIn("reader@write.test");
        assertThat(reader.get("/ecrire/admin/posts/new").status()).isEqualTo(403);
        Map<String, String> byReader = post("Lecteur", "Non.", "", "publish");
        byReader.put("_csrf", reader.csrfToken("/dashboard"));
        assertThat(reader.post("/ecrire/admin/posts/new", byReader).status()).isEqualTo(403);

        WebClient boss = signedIn("admin@write.test");
        Response edited = boss.submit("/ecrire/admin/posts/" + theirs.id() + "/edit", "form#editor",
                Map.of("title", "Corrigé par l’admin", "action", "publish"));
        assertThat(edited.status()).isEqualTo(303);
        assertThat(stored(theirs.id()).title()).isEqualTo("Corrigé par l’admin");
    }

    @Test
    void badInputGetsAClearMessageAndSavesNothing() {
        WebClient autrice = signedIn("author@write.test");
        long before = countPosts();
        record Case(Map<String, String> fields, String message) { }
        Map<String, String> badDate = post("Date", "Texte", "", "publish");
        badDate.put("publish-at", "2022-13-45T99:99");
        Map<String, String> badSlug = post("Lien", "Texte", "", "publish");
        badSlug.put("slug", "Pas Un Lien");
        for (Case c : new Case[] {
                new Case(post("", "Texte", "", "publish"), "Please give a title."),
                new Case(post("Titre", "   ", "", "publish"), "The body is empty"),
                new Case(post("Titre", "<script>x</script>", "", "publish"), "The body is empty"),
                new Case(post("Titre", "x".repeat(PostService.MAX_SOURCE + 1), "", "draft"), "The body is too long"),
                new Case(badDate, "“2022-13-45T99:99” is not a valid date and time."),
                new Case(badSlug, "The permalink may only contain"),
                new Case(post("Titre", "Texte", "a/b", "publish"), "contains a character that is not allowed")}) {
            Response r = autrice.language("en").submit("/ecrire/admin/posts/new", "form#editor", c.fields());
            assertThat(r.status()).as(c.message()).isEqualTo(400);
            assertThat(r.text()).as(c.message()).contains(c.message());
        }
        assertThat(countPosts()).isEqualTo(before);
    }

    @Test
    void revisionsAreKeptAndOneCanBeRestored() {
        WebClient autrice = signedIn("author@write.test");
        String edit = publish(autrice, post("Version", "Première version.", "", "publish")).replace("?saved", "");
        autrice.submit(edit, "form#editor", Map.of("body", "Deuxième version.", "action", "publish"));
        autrice.submit(edit, "form#editor", Map.of("body", "Troisième version.", "action", "publish"));
        long id = idOf(edit);
        assertThat(stored(id).bodyText()).isEqualTo("Troisième version.");
        Response list = autrice.get("/ecrire/admin/posts/" + id + "/revisions");
        assertThat(list.doc().select("tr[data-revision]")).hasSize(3);
        String oldest = list.doc().select("tr[data-revision]").last().attr("data-revision");
        Response shown = autrice.get("/ecrire/admin/posts/" + id + "/revisions/" + oldest);
        assertThat(shown.doc().selectFirst("pre.source").text()).isEqualTo("Première version.");
        // What differs from the post as it is now, line by line; and a date in the blog's language, not a timestamp.
        assertThat(shown.doc().select("#diff li.removed").eachText()).containsExactly("Removed: Première version.");
        assertThat(shown.doc().select("#diff li.added").eachText()).containsExactly("Added: Troisième version.");
        assertThat(list.doc().select("tr[data-revision] time").first().text()).doesNotContain("T")
                .doesNotMatch(".*\\d{4}-\\d{2}-\\d{2}.*").matches(".*(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche).*");
        // Restoring asks first (the post is online): a request without the answer changes nothing.
        Response unasked = autrice.post("/ecrire/admin/posts/" + id + "/revisions/" + oldest + "/restore",
                Map.of("_csrf", shown.doc().selectFirst("input[name=_csrf]") == null
                        ? autrice.csrfToken("/ecrire/admin/posts") : shown.doc().selectFirst("input[name=_csrf]").val()));
        assertThat(unasked.status()).isEqualTo(200);
        assertThat(unasked.doc().selectFirst("#confirm-restore").text()).contains("online");
        assertThat(stored(id).bodyText()).isEqualTo("Troisième version.");
        Response asked = autrice.get(shown.doc().selectFirst("a#restore-ask").attr("href"));
        assertThat(asked.doc().selectFirst("#confirm-restore").text()).contains("online");
        Response restored = autrice.submit(asked, "form#restore", Map.of());
        assertThat(restored.status()).isEqualTo(303);
        assertThat(stored(id).bodyText()).isEqualTo("Première version.");
        assertThat(stored(id).status()).isEqualTo(Post.Status.PUBLISHED);
        assertThat(autrice.get("/ecrire/admin/posts/" + id + "/revisions").doc().select("tr[data-revision]"))
                .hasSize(4);

        for (int i = 0; i < PostService.REVISIONS_KEPT + 2; i++) {
            carnet.services().posts.update(org.carnet.core.Viewer.of(author), blog, id,
                    new PostInput(Post.Kind.POST, "Version", BodyFormat.MARKDOWN, "Texte " + i, "", "", "version",
                            ""), PostService.Intent.PUBLISH);
        }
        assertThat(carnet.services().posts.revisions(org.carnet.core.Viewer.of(author), blog, id))
                .hasSize(PostService.REVISIONS_KEPT);
    }

    @Test
    void bulkDeleteAsksForConfirmationFirst() {
        WebClient autrice = signedIn("author@write.test");
        long a = idOf(publish(autrice, post("À effacer A", "A.", "", "publish")));
        long b = idOf(publish(autrice, post("À effacer B", "B.", "", "draft")));
        String token = autrice.csrfToken("/ecrire/admin/posts");
        Response confirm = autrice.post("/ecrire/admin/posts/delete",
                Map.of("_csrf", token, "id", Long.toString(a)));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.text()).contains("À effacer A");
        assertThat(find(a)).isPresent();
        Response done = autrice.submit(confirm, "form#confirm-delete", Map.of());
        assertThat(done.status()).isEqualTo(303);
        assertThat(autrice.follow(done).text()).contains("1 post deleted.");
        assertThat(find(a)).isEmpty();
        assertThat(find(b)).isPresent();
    }

    @Test
    void previewRendersWithoutSaving() {
        WebClient autrice = signedIn("author@write.test");
        long before = countPosts();
        Response r = autrice.submit("/ecrire/admin/posts/new", "form#editor",
                post("Aperçu seulement", "Du *texte* <img src=x onerror=alert(1)>", "", "preview"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.doc().selectFirst("h1.post-title").text()).isEqualTo("Aperçu seulement");
        assertThat(r.doc().select(".post-body em").text()).isEqualTo("texte");
        assertThat(r.doc().select("[onerror]")).isEmpty();
        assertThat(r.doc().select(".preview-banner")).hasSize(1);
        assertThat(countPosts()).isEqualTo(before);
    }

    @Test
    void staticPagesLiveUnderP() {
        WebClient boss = signedIn("admin@write.test");
        Response r = boss.submit("/ecrire/admin/pages/new", "form#editor",
                Map.of("title", "À propos", "format", "html", "body", "<p>Qui suis-je ?</p>", "action", "publish"));
        assertThat(r.status()).isEqualTo(303);
        Response page = carnet.client().get("/ecrire/p/a-propos.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().selectFirst("h1.post-title").text()).isEqualTo("À propos");
        Response home = carnet.client().get("/ecrire/");
        assertThat(home.doc().select("h2.post-title").eachText()).doesNotContain("À propos");
        assertThat(home.doc().select(".sidebar .pages a").eachAttr("href")).contains("/ecrire/p/a-propos.html");
        assertThat(boss.get("/ecrire/admin/pages").text()).contains("À propos");
    }

    @Test
    void theAdminListFiltersByStatusLabelAuthorAndTitle() {
        WebClient autre = signedIn("other@write.test");
        publish(autre, post("Filtre visible", "Texte.", "Filtrage", "publish"));
        publish(autre, post("Filtre brouillon", "Texte.", "Filtrage", "draft"));
        WebClient boss = signedIn("admin@write.test");
        java.util.function.Function<String, java.util.List<String>> rows = query -> boss
                .get("/ecrire/admin/posts" + query).doc().select("#posts tbody tr td:nth-child(2) > a:first-child").eachText();
        assertThat(rows.apply("?q=filtre")).containsExactlyInAnyOrder("Filtre visible", "Filtre brouillon");
        assertThat(rows.apply("?q=filtre&status=draft")).containsExactly("Filtre brouillon");
        assertThat(rows.apply("?label=Filtrage&status=published")).containsExactly("Filtre visible");
        assertThat(rows.apply("?author=" + other.id() + "&q=FILTRE")).hasSize(2);
        assertThat(rows.apply("?author=" + admin.id() + "&q=filtre")).isEmpty();
        assertThat(rows.apply("?q=%25")).isEmpty();
    }

    @Test
    void theEditorClosesAndHidesCommentsPerPost() {
        WebClient autrice = signedIn("author@write.test");
        Map<String, String> fields = post("Sans commentaires", "Texte.", "", "publish");
        fields.put("comments-closed", "1");
        Post p = stored(idOf(publish(autrice, fields)));
        assertThat(p.commentsClosed()).isTrue();
        assertThat(p.commentsHidden()).isFalse();
        Response page = carnet.client().get("/ecrire" + p.path());
        assertThat(page.doc().select("form#comment-form")).isEmpty();
        assertThat(page.doc().selectFirst(".comment-policy-note").text())
                .isEqualTo("Remarque : Les commentaires sont fermés sur cet article.");
        Response edit = autrice.get("/ecrire/admin/posts/" + p.id() + "/edit");
        assertThat(edit.doc().selectFirst("input[name=comments-closed]").hasAttr("checked")).isTrue();
        autrice.submit(edit, "form#editor", Map.of("comments-hidden", "1", "action", "publish"));
        assertThat(stored(p.id()).commentsHidden()).isTrue();
    }

    private static java.util.Optional<Post> find(long id) {
        return carnet.services().db.jdbi().withHandle(h -> new PostStore().byId(h, blog.id(), id));
    }

    private static long countPosts() {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM post")
                .mapTo(Long.class).one());
    }
}
