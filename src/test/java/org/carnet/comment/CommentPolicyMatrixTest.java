package org.carnet.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Role;
import org.carnet.core.Messages;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may comment, for every way in: 4 policies x 5 kinds of viewer x {the form, a forged POST}, with and
 * without moderation. Refused attempts get a 403 with the policy note and store nothing; accepted ones are
 * stored with the status the rules give (live, awaiting moderation, or spam for a form that was never shown).
 */
class CommentPolicyMatrixTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe des commentaires";
    private static final Messages FR = Messages.of("fr");

    enum Who { ANONYMOUS, SIGNED_IN, READER, AUTHOR, ADMIN }

    /** Who may comment under each policy (Y) — written out, not derived from the code under test. */
    private static final Map<CommentPolicy, String> ALLOWED = Map.of(
            CommentPolicy.ANYONE, "YYYYY",
            CommentPolicy.REGISTERED, "-YYYY",
            CommentPolicy.MEMBERS, "--YYY",
            CommentPolicy.NOBODY, "-----");

    private static final Map<Who, String> EMAILS = new EnumMap<>(Who.class);
    private static final Map<String, String> POSTS = new HashMap<>();

    @BeforeAll
    static void blogsForEveryPolicyAndModeration() {
        User admin = carnet.user("admin@matrix.test", "Admin", PW);
        User author = carnet.user("author@matrix.test", "Author", PW);
        User reader = carnet.user("reader@matrix.test", "Reader", PW);
        carnet.user("stranger@matrix.test", "Stranger", PW);
        EMAILS.put(Who.SIGNED_IN, "stranger@matrix.test");
        EMAILS.put(Who.READER, "reader@matrix.test");
        EMAILS.put(Who.AUTHOR, "author@matrix.test");
        EMAILS.put(Who.ADMIN, "admin@matrix.test");
        for (CommentPolicy policy : CommentPolicy.values()) {
            for (String moderation : new String[] {"never", "always"}) {
                String name = (policy.name() + "-" + moderation).toLowerCase();
                Blog blog = carnet.blog(admin, name, "comment-policy", policy.name(), "moderation", moderation);
                carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
                carnet.services().memberships.setRole(blog, reader.id(), Role.READER);
                long id = carnet.services().posts.create(Viewer.of(author), blog, new PostInput(
                        org.carnet.post.Post.Kind.POST, "Un article", BodyFormat.HTML, "<p>Texte.</p>", "", "", "",
                        ""), PostService.Intent.PUBLISH);
                POSTS.put(name, "/" + name + carnet.services().reader.home(blog, null, 1).entries().get(0)
                        .post().path());
                assertThat(id).isPositive();
            }
        }
    }

    private static WebClient client(Who who) {
        return who == Who.ANONYMOUS ? carnet.client() : carnet.signedIn(EMAILS.get(who), PW);
    }

    private static long comments(String blog) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM comment c JOIN blog b ON b.id = c.blog_id WHERE b.name = :n")
                .bind("n", blog).mapTo(Long.class).one());
    }

    private static String lastStatus(String blog) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT c.status FROM comment c JOIN blog b ON b.id = c.blog_id WHERE b.name = :n ORDER BY c.id DESC "
                        + "LIMIT 1").bind("n", blog).mapTo(String.class).one());
    }

    /** The status an accepted comment gets: admins and authors are never held; others by moderation. */
    private static String expectedStatus(Who who, String moderation, boolean viaForm) {
        boolean member = who == Who.READER || who == Who.AUTHOR || who == Who.ADMIN;
        if (!member && !viaForm) {
            return "SPAM";
        }
        boolean trusted = who == Who.AUTHOR || who == Who.ADMIN;
        return moderation.equals("always") && !trusted ? "PENDING" : "LIVE";
    }

    @Test
    void theWholeMatrix() {
        int cases = 0;
        for (CommentPolicy policy : CommentPolicy.values()) {
            for (String moderation : new String[] {"never", "always"}) {
                String blog = (policy.name() + "-" + moderation).toLowerCase();
                String post = POSTS.get(blog);
                for (Who who : Who.values()) {
                    boolean allowed = ALLOWED.get(policy).charAt(who.ordinal()) == 'Y';
                    String what = who + " on " + blog;
                    WebClient c = client(who);

                    // 1. The form: shown exactly to those who may comment; the others read the policy note.
                    Response page = c.get(post);
                    assertThat(page.status()).as(what).isEqualTo(200);
                    assertThat(page.doc().select("form#comment-form")).as(what + " form").hasSize(allowed ? 1 : 0);
                    assertThat(page.text()).as(what).contains(FR.t("comments.post"));
                    if (!allowed) {
                        assertThat(page.doc().selectFirst(".comment-policy-note").text()).as(what)
                                .isEqualTo(onPage(FR.t("comment.policy." + policy.name().toLowerCase())));
                    } else {
                        long before = comments(blog);
                        carnet.clock().advance(CommentService.MIN_FORM_TIME.plusSeconds(1));
                        Map<String, String> fields = new HashMap<>();
                        fields.put("body", "Par le formulaire : " + what);
                        if (who == Who.ANONYMOUS) {
                            fields.put("name", "Visiteur");
                        }
                        Response sent = c.submit(page, "form#comment-form", fields);
                        assertThat(sent.status()).as(what + " form post").isEqualTo(303);
                        assertThat(comments(blog)).as(what).isEqualTo(before + 1);
                        assertThat(lastStatus(blog)).as(what).isEqualTo(expectedStatus(who, moderation, true));
                    }

                    // 2. A forged POST (a valid CSRF token of the visitor's own, but no form shown).
                    long before = comments(blog);
                    Map<String, String> forged = new HashMap<>();
                    forged.put("_csrf", c.csrfToken(who == Who.ANONYMOUS ? "/account/signin" : "/dashboard"));
                    forged.put("body", "Forgé : " + what);
                    forged.put("name", "Forgeron");
                    Response r = c.post(post, forged);
                    if (allowed) {
                        assertThat(r.status()).as(what + " forged").isEqualTo(303);
                        assertThat(comments(blog)).as(what).isEqualTo(before + 1);
                        assertThat(lastStatus(blog)).as(what).isEqualTo(expectedStatus(who, moderation, false));
                    } else {
                        assertThat(r.status()).as(what + " forged").isEqualTo(403);
                        assertThat(r.text()).as(what).contains(onPage(FR.t("comment.policy." + policy.name().toLowerCase())));
                        assertThat(comments(blog)).as(what + " stores nothing").isEqualTo(before);
                    }
                    cases++;
                }
                // Every visitor here comes from 127.0.0.1: let the per-address limit (tested elsewhere) rest.
                carnet.clock().advance(CommentService.ADDRESS_WINDOW);
            }
        }
        assertThat(cases).isEqualTo(4 * 2 * 5);
    }

    @Test
    void theReferencePageReadsWordForWord() {
        Response page = carnet.client().get(POSTS.get("nobody-never"));
        assertThat(page.doc().selectFirst(".comment-count").text()).isEqualTo("Aucun commentaire:");
        Response members = carnet.client().get(POSTS.get("members-never"));
        String text = members.text();
        assertThat(text).contains("Enregistrer un commentaire")
                .contains("Remarque : Seul un membre de ce blog est autorisé à enregistrer un commentaire.");
        // As sent, the space before the colon does not break (French typography); text() shows it as a space.
        assertThat(members.body()).contains("Remarque\u00a0: Seul un membre de ce blog");
    }

    /** A message as jsoup's text() gives it back: non-breaking spaces read as spaces. */
    private static String onPage(String message) {
        return message.replace('\u00a0', ' ');
    }
}
