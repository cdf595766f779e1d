package org.carnet.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.CommentSwitches;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Comments end to end over HTTP: threads, deletion, moderation, spam, limits, counts, notifications. */
class CommentFlowTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe des commentaires";
    private static User admin;
    private static User author;
    private static Blog open;

    @BeforeAll
    static void anOpenEnglishBlog() {
        admin = carnet.user("admin@flow.test", "Admin", PW);
        author = carnet.user("author@flow.test", "Author", PW);
        carnet.user("someone@flow.test", "Someone", PW);
        open = carnet.blog(admin, "open", "language", "en", "comment-policy", "anyone", "moderation", "never");
        carnet.services().memberships.setRole(open, author.id(), Role.AUTHOR);
    }

    @BeforeEach
    void restTheAddressLimit() {
        carnet.clock().advance(CommentService.ADDRESS_WINDOW);
    }

    private static String newPost(String title, CommentSwitches switches) {
        carnet.services().posts.create(Viewer.of(author), open, new PostInput(Post.Kind.POST, title, BodyFormat.HTML,
                "<p>Body.</p>", "", "", "", ""), PostService.Intent.PUBLISH, switches);
        return "/open" + carnet.services().reader.home(open, null, 1).entries().get(0).post().path();
    }

    /** Loads the post, waits past the form timer, submits the comment form with these fields. */
    private static Response comment(WebClient c, String post, Map<String, String> fields) {
        Response page = c.get(post);
        carnet.clock().advance(CommentService.MIN_FORM_TIME.plusSeconds(1));
        return c.submit(page, "form#comment-form", fields);
    }

    private static Map<String, String> anon(String name, String body) {
        Map<String, String> m = new HashMap<>();
        m.put("name", name);
        m.put("body", body);
        return m;
    }

    private static long idOf(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(303);
        return Long.parseLong(r.location().substring(r.location().indexOf("#c") + 2));
    }

    private static String status(long id) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM comment WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().orElse("GONE"));
    }

    @Test
    void repliesJoinTheThreadOfTheCommentTheyAnswer() {
        String post = newPost("Threads", CommentSwitches.OPEN);
        WebClient visitor = carnet.client();
        long first = idOf(comment(visitor, post, anon("Ann", "First!")));
        Map<String, String> reply = anon("Bob", "Answer to Ann");
        Response page = visitor.get(post + "?reply=" + first);
        carnet.clock().advance(Duration.ofSeconds(5));
        long second = idOf(visitor.submit(page, "form#comment-form", reply));
        Response page2 = visitor.get(post + "?reply=" + second);
        carnet.clock().advance(Duration.ofSeconds(5));
        long third = idOf(visitor.submit(page2, "form#comment-form", anon("Cy", "Answer to Bob")));
        Response shown = carnet.client().get(post);
        assertThat(shown.doc().select(".comment-list > li")).hasSize(1);
        assertThat(shown.doc().select("#c" + first + " ~ .replies article").eachAttr("id"))
                .containsExactly("c" + second, "c" + third);
        assertThat(shown.doc().selectFirst(".comment-count").text()).isEqualTo("3 comments:");
        assertThat(carnet.client().get("/open/").doc().select("a.comment-link").first().text()).isEqualTo("3 comments");
    }

    @Test
    void deletingKeepsThreadsInShapeAndOnlyTheAuthorOrAnAdminMayDelete() {
        String post = newPost("Deleting", CommentSwitches.OPEN);
        WebClient someone = carnet.signedIn("someone@flow.test", PW);
        long top = idOf(comment(someone, post, Map.of("body", "Mine, with a reply")));
        long alone = idOf(comment(someone, post, Map.of("body", "Mine, alone")));
        WebClient dan = carnet.client();
        Response page = dan.get(post + "?reply=" + top);
        carnet.clock().advance(Duration.ofSeconds(5));
        long reply = idOf(dan.submit(page, "form#comment-form", anon("Dan", "A reply")));

        WebClient stranger = carnet.client();
        String token = stranger.csrfToken("/account/signin");
        assertThat(stranger.post("/open/comments/" + top + "/delete", Map.of("_csrf", token)).status()).isEqualTo(403);
        assertThat(status(top)).isEqualTo("LIVE");

        Response gone = someone.submit(post, "#c" + alone + " form", Map.of());
        assertThat(gone.status()).isEqualTo(303);
        assertThat(status(alone)).isEqualTo("GONE");
        someone.submit(post, "#c" + top + " form", Map.of());
        assertThat(status(top)).isEqualTo("DELETED");
        Response shown = carnet.client().get(post);
        assertThat(shown.doc().selectFirst("#c" + top).text()).isEqualTo("This comment has been removed by the author.");
        assertThat(shown.doc().select("#c" + reply + " .comment-body").text()).isEqualTo("A reply");

        WebClient boss = carnet.signedIn("admin@flow.test", PW);
        long other = idOf(comment(carnet.client(), post, anon("Eve", "To be removed")));
        WebClient fay = carnet.client();
        Response page3 = fay.get(post + "?reply=" + other);
        carnet.clock().advance(Duration.ofSeconds(5));
        idOf(fay.submit(page3, "form#comment-form", anon("Fay", "Keeps the thread")));
        boss.submit(post, "#c" + other + " form", Map.of());
        assertThat(carnet.client().get(post).doc().selectFirst("#c" + other).text())
                .isEqualTo("This comment has been removed by a blog administrator.");
    }

    @Test
    void aCommentAwaitingModerationIsSeenByItsAuthorOnlyUntilApproved() {
        Blog held = carnet.blog(admin, "held", "language", "fr", "comment-policy", "anyone", "moderation", "always");
        carnet.services().posts.create(Viewer.of(admin), held, new PostInput(Post.Kind.POST, "Modéré", BodyFormat.HTML,
                "<p>Texte.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        String post = "/held" + carnet.services().reader.home(held, null, 1).entries().get(0).post().path();
        WebClient visitor = carnet.client();
        long id = idOf(comment(visitor, post, anon("Gil", "En attente")));
        assertThat(status(id)).isEqualTo("PENDING");
        Response mine = visitor.get(post);
        assertThat(mine.doc().select("#c" + id + " .pending-badge").text()).isEqualTo("En attente de modération");
        assertThat(mine.doc().selectFirst(".comment-count").text()).isEqualTo("Aucun commentaire:");
        assertThat(carnet.client().get(post).doc().select("#c" + id)).isEmpty();

        WebClient boss = carnet.signedIn("admin@flow.test", PW);
        assertThat(boss.get("/dashboard").doc().select("tr[data-blog=held] a.waiting").text())
                .isEqualTo("1 comment waiting");
        assertThat(boss.get("/dashboard").text()).contains("Gil wrote a comment on “Modéré” that awaits moderation");
        Response queue = boss.get("/held/admin/comments");
        assertThat(queue.doc().select("tr[data-comment=" + id + "]")).hasSize(1);
        // The admin sees where an anonymous comment came from: the address it was sent from, as stored.
        String sentFrom = carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT client_address FROM comment WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(sentFrom).isNotBlank();
        assertThat(queue.doc().select("tr[data-comment=" + id + "] .sender .address").text()).isEqualTo(sentFrom);
        assertThat(queue.doc().select("tr[data-comment=" + id + "] .sender").text()).contains("Not signed in");
        Response approved = boss.submit(queue, "form#moderate", Map.of("id", Long.toString(id), "decision", "approve"));
        assertThat(approved.status()).isEqualTo(303);
        assertThat(status(id)).isEqualTo("LIVE");
        assertThat(carnet.client().get(post).doc().selectFirst(".comment-count").text()).isEqualTo("1 commentaire:");
    }

    @Test
    void deletingFromTheModerationQueueAsksFirstAndListsWhatWillGo() {
        Blog careful = carnet.blog(admin, "careful", "comment-policy", "anyone", "moderation", "always");
        carnet.services().posts.create(Viewer.of(admin), careful, new PostInput(Post.Kind.POST, "Held", BodyFormat.HTML,
                "<p>Text.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        String post = "/careful" + carnet.services().reader.home(careful, null, 1).entries().get(0).post().path();
        long first = idOf(comment(carnet.client(), post, anon("Hana", "First to go")));
        carnet.clock().advance(Duration.ofSeconds(5));
        long second = idOf(comment(carnet.client(), post, anon("Ivo", "Second to go")));

        WebClient boss = carnet.signedIn("admin@flow.test", PW);
        Response queue = boss.get("/careful/admin/comments");
        String token = boss.csrfToken("/careful/admin/comments");
        // Two ticked rows (WebClient's submit sends one value per name, so the form is posted by hand).
        String ticked = "_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                + "&status=pending&id=" + first + "&id=" + second + "&decision=delete";
        Response ask = boss.postBytes("/careful/admin/comments", ticked.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        assertThat(queue.doc().select("button#delete-comments")).hasSize(1);
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.doc().select(".warning").text()).isEqualTo("These 2 comments will go to the trash (restorable for 30 days):");
        assertThat(ask.doc().select("#to-delete li").eachAttr("data-comment"))
                .containsExactly(Long.toString(second), Long.toString(first));
        assertThat(ask.doc().select("#to-delete").text()).contains("Hana", "First to go", "Ivo", "Second to go");
        assertThat(ask.doc().select("form#confirm-delete input[name=id]").eachAttr("value"))
                .containsExactlyInAnyOrder(Long.toString(first), Long.toString(second));
        assertThat(ask.doc().select("form#confirm-delete input[name=_csrf]")).hasSize(1);
        assertThat(status(first)).isEqualTo("PENDING");
        assertThat(status(second)).isEqualTo("PENDING");

        Response confirmed = boss.submit(queue, "form#moderate", Map.of("id", Long.toString(first),
                "decision", "delete", "confirm", "yes"));
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(confirmed.location()).isEqualTo("/careful/admin/comments?status=pending&done=1");
        assertThat(status(first)).isNotEqualTo("PENDING");
        assertThat(status(second)).isEqualTo("PENDING");
        // The confirmation's own form deletes what it listed.
        Response askOne = boss.submit(boss.get("/careful/admin/comments"), "form#moderate",
                Map.of("id", Long.toString(second), "decision", "delete"));
        assertThat(askOne.doc().select(".warning").text()).isEqualTo("This comment will go to the trash (restorable for 30 days):");
        Response done = boss.submit(askOne, "form#confirm-delete", Map.of());
        assertThat(done.status()).isEqualTo(303);
        assertThat(status(second)).isNotEqualTo("PENDING");
        // Approving needs no confirmation.
        long third = idOf(comment(carnet.client(), post, anon("Jo", "Keep me")));
        Response approved = boss.submit(boss.get("/careful/admin/comments"), "form#moderate",
                Map.of("id", Long.toString(third), "decision", "approve"));
        assertThat(approved.status()).isEqualTo(303);
        assertThat(status(third)).isEqualTo("LIVE");
    }

    @Test
    void whatLooksLikeSpamGoesToTheSpamQueueAndCanBeReleased() {
        String post = newPost("Spam", CommentSwitches.OPEN);
        Map<String, String> bot = anon("Bot", "Buy now");
        bot.put("website", "http://spam.example");
        long honeypot = idOf(comment(carnet.client(), post, bot));
        WebClient speedy = carnet.client();
        Response page = speedy.get(post);
        long tooFast = idOf(speedy.submit(page, "form#comment-form", anon("Speedy", "Instant")));
        long links = idOf(comment(carnet.client(), post, anon("Linky",
                "http://a.example http://b.example http://c.example http://d.example")));
        assertThat(List.of(status(honeypot), status(tooFast), status(links))).containsOnly("SPAM");
        assertThat(carnet.client().get(post).doc().select("article.comment")).isEmpty();
        // Whoever sent it learns what became of it: awaiting moderation, as any held comment (never "spam").
        Response own = speedy.get(post);
        assertThat(own.doc().select("#c" + tooFast + " .comment-body").text()).isEqualTo("Instant");
        assertThat(own.doc().select("#c" + tooFast + " .pending-badge").text()).isNotEmpty()
                .isEqualTo(carnet.services().blogs.require("open").language().equals("fr")
                        ? "En attente de modération" : "Awaiting moderation");

        WebClient boss = carnet.signedIn("admin@flow.test", PW);
        Response queue = boss.get("/open/admin/comments?status=spam");
        assertThat(queue.doc().select("tr[data-comment]").eachAttr("data-comment"))
                .contains(Long.toString(honeypot), Long.toString(tooFast), Long.toString(links));
        // Why each was taken for spam, in the admin's words, not as a code.
        assertThat(queue.doc().select("tr[data-comment=" + tooFast + "] .badge").text())
                .isEqualTo("Sent faster than a person writes");
        assertThat(queue.doc().select("tr[data-comment=" + honeypot + "] .badge").text())
                .isEqualTo("Filled in a field readers never see (a robot)");
        assertThat(queue.text()).doesNotContain("too-fast").doesNotContain("honeypot");
        boss.submit(queue, "form#moderate", Map.of("id", Long.toString(tooFast), "decision", "approve"));
        assertThat(status(tooFast)).isEqualTo("LIVE");
        assertThat(carnet.client().get(post).doc().select("#c" + tooFast + " .comment-body").text()).isEqualTo("Instant");
    }

    @Test
    void anAddressIsLimitedAndRefusedCommentsStoreNothing() {
        String post = newPost("Limits", CommentSwitches.OPEN);
        for (int i = 0; i < CommentService.MAX_PER_ADDRESS; i++) {
            assertThat(comment(carnet.client(), post, anon("N" + i, "Comment " + i)).status()).isEqualTo(303);
        }
        Response limited = comment(carnet.client(), post, anon("Late", "One too many"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text()).contains("Too many comments from your address");
        carnet.clock().advance(CommentService.ADDRESS_WINDOW);

        long before = count();
        Response tooLong = comment(carnet.client(), post, anon("Long", "x".repeat(CommentText.MAX_LENGTH + 1)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text()).contains("at most 4,096 characters");
        assertThat(tooLong.doc().selectFirst("#comment-name").attr("value")).isEqualTo("Long");
        Response empty = comment(carnet.client(), post, anon("Empty", "   "));
        assertThat(empty.status()).isEqualTo(400);
        Response noName = comment(carnet.client(), post, anon("", "Who am I?"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.text()).contains("Please give your name.");
        Map<String, String> js = anon("Js", "Hi");
        js.put("url", "javascript:alert(1)");
        assertThat(comment(carnet.client(), post, js).status()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anAuthorCanCloseOrHideCommentsOnAPost() {
        String closed = newPost("Closed", new CommentSwitches(true, false));
        Response page = carnet.client().get(closed);
        assertThat(page.doc().select("form#comment-form")).isEmpty();
        assertThat(page.doc().selectFirst(".comment-policy-note").text())
                .isEqualTo("Note: Comments are closed on this post.");
        WebClient c = carnet.client();
        Map<String, String> forged = anon("X", "Forged");
        forged.put("_csrf", c.csrfToken("/account/signin"));
        assertThat(c.post(closed, forged).status()).isEqualTo(403);

        String hidden = newPost("Hidden later", CommentSwitches.OPEN);
        long id = idOf(comment(carnet.client(), hidden, anon("Hal", "Soon hidden")));
        Post p = carnet.services().reader.home(open, null, 1).entries().get(0).post();
        carnet.services().posts.update(Viewer.of(author), open, p.id(), new PostInput(Post.Kind.POST, p.title(),
                BodyFormat.HTML, p.source(), "", "", p.slug(), ""), PostService.Intent.PUBLISH,
                new CommentSwitches(true, true));
        Response shown = carnet.client().get(hidden);
        assertThat(shown.doc().select("#c" + id)).isEmpty();
        assertThat(shown.doc().select(".comment-count:not(.visually-hidden)")).isEmpty();
        assertThat(carnet.client().get("/open/").doc().select("a.comment-link[href^=" + hidden + "]")).isEmpty();
    }

    @Test
    void thePostsAuthorIsNotifiedInTheApp() {
        String post = newPost("Notify me", CommentSwitches.OPEN);
        comment(carnet.client(), post, anon("Ivy", "Hello author"));
        WebClient me = carnet.signedIn("author@flow.test", PW);
        Response dashboard = me.get("/dashboard");
        assertThat(dashboard.doc().select("#notifications li").eachText()).contains("Ivy commented on “Notify me”");
        me.submit(dashboard, "form[action=/dashboard/notifications/read]", Map.of());
        assertThat(me.get("/dashboard").doc().select("#notifications")).isEmpty();
    }

    private static long count() {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM comment")
                .mapTo(Long.class).one());
    }
}
