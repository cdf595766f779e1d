package org.carnet.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.comment.CommentDraft;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.post.PostStore;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Waits;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trash over HTTP (issue 14): a deleted post leaves every reader's view and comes back where it was, with its
 * labels, revisions, old addresses and comments; comments too; authors see and restore only their own; after 30
 * days the job's purge deletes it for good.
 */
class TrashTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe de la corbeille";
    private static User admin;
    private static User author;
    private static User other;
    private static Blog blog;

    @BeforeAll
    static void anEnglishBlogWithTwoAuthorsAndAReader() {
        admin = carnet.user("admin@trash.test", "Admin", PW);
        author = carnet.user("author@trash.test", "Aurora", PW);
        other = carnet.user("other@trash.test", "Otto", PW);
        User reader = carnet.user("reader@trash.test", "Reader", PW);
        blog = carnet.blog(admin, "bin", "language", "en", "comment-policy", "anyone", "moderation", "never");
        carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
        carnet.services().memberships.setRole(blog, other.id(), Role.AUTHOR);
        carnet.services().memberships.setRole(blog, reader.id(), Role.READER);
    }

    private static WebClient signedIn(String email) {
        return carnet.signedIn(email, PW);
    }

    private static PostInput input(String title, String body, String labels, String slug) {
        return new PostInput(Post.Kind.POST, title, BodyFormat.HTML, body, labels, "", slug, "");
    }

    private static long publish(User who, String title, String body, String labels) {
        return carnet.services().posts.create(Viewer.of(who), blog, input(title, body, labels, ""),
                PostService.Intent.PUBLISH);
    }

    private static Post stored(long id) {
        return carnet.services().db.jdbi().withHandle(h -> new PostStore().byId(h, blog.id(), id)).orElseThrow();
    }

    private static boolean exists(long id) {
        return carnet.services().db.jdbi().withHandle(h -> new PostStore().byId(h, blog.id(), id)).isPresent();
    }

    private static long comment(long postId, String body) {
        Post p = stored(postId);
        return carnet.services().comments.submit(Viewer.of(admin), blog, p,
                new CommentDraft(body, "", "", null, null, null, null, "127.0.0.1")).commentId();
    }

    private static String commentStatus(long id) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM comment WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().orElse("GONE"));
    }

    private static int trashRows() {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM trash WHERE blog_id = :b")
                .bind("b", blog.id()).mapTo(Integer.class).one());
    }

    /** Deletes a post as its author does: the list's form, the confirmation page, yes. */
    private static Response deleteThroughTheList(WebClient c, long id) {
        Response ask = c.post("/bin/admin/posts/delete", Map.of("_csrf", c.csrfToken("/bin/admin/posts"),
                "id", Long.toString(id)));
        assertThat(ask.status()).as(ask.text()).isEqualTo(200);
        assertThat(ask.doc().selectFirst(".warning").text()).contains("will go to the trash");
        Response done = c.submit(ask, "form#confirm-delete", Map.of());
        assertThat(done.status()).as(done.text()).isEqualTo(303);
        return done;
    }

    private static void eventually(String what, Supplier<Boolean> check) {
        Instant deadline = Instant.now().plus(Waits.DEADLINE);
        while (!check.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + Waits.DEADLINE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> searchTitles(String q) {
        return carnet.client().get("/bin/search?q=" + q).doc().select(".search-hit .post-title").eachText();
    }

    @Test
    void aDeletedPostLeavesEveryReaderViewAndComesBackWhereItWas() {
        long id = publish(author, "Zanzibar notebook", "<p>Cloves and quokkapalooza everywhere.</p>",
                "Travel, Notes");
        String oldPath = stored(id).path();
        // A second revision, under a new address: the first becomes a redirect.
        carnet.services().posts.update(Viewer.of(author), blog, id, input("Zanzibar notebook",
                "<p>Cloves and quokkapalooza everywhere, again.</p>", "Travel, Notes", "zanzibar"),
                PostService.Intent.PUBLISH);
        Post before = stored(id);
        assertThat(before.path()).isNotEqualTo(oldPath);
        long remark = comment(id, "What a trip");
        int revisions = carnet.services().posts.revisions(Viewer.of(author), blog, id).size();
        assertThat(revisions).isEqualTo(2);
        String month = before.path().substring(0, before.path().lastIndexOf('/') + 1);
        String year = before.path().substring(0, 6);
        eventually("the post in the search index", () -> searchTitles("quokkapalooza").contains("Zanzibar notebook"));

        WebClient aurora = signedIn("author@trash.test");
        Response done = deleteThroughTheList(aurora, id);
        Response listed = aurora.follow(done);
        assertThat(listed.doc().selectFirst("#deleted").text()).contains("1 post deleted.")
                .contains("It is in the trash for 30 days.");
        assertThat(listed.doc().select("#deleted a").attr("href")).isEqualTo("/bin/admin/trash");
        assertThat(listed.doc().select("form#undo-delete")).hasSize(1);

        assertThat(exists(id)).isFalse();
        WebClient reader = carnet.client();
        assertThat(reader.get("/bin" + before.path()).status()).isEqualTo(404);
        assertThat(reader.get("/bin" + oldPath).status()).isEqualTo(404);
        assertThat(reader.get("/bin/").body()).doesNotContain("Zanzibar");
        assertThat(reader.get("/bin/feeds/posts/default").body()).doesNotContain("Zanzibar");
        assertThat(reader.get("/bin/feeds/posts/default?alt=rss").body()).doesNotContain("Zanzibar");
        assertThat(reader.get("/bin/feeds/comments/default").body()).doesNotContain("What a trip");
        assertThat(reader.get("/bin/sitemap.xml").body()).doesNotContain(before.path());
        assertThat(reader.get("/bin" + month).body()).doesNotContain("Zanzibar");
        assertThat(reader.get("/bin" + year).body()).doesNotContain("Zanzibar");
        assertThat(reader.get("/bin/search/label/Travel").body()).doesNotContain("Zanzibar");
        eventually("the post gone from the search index", () -> searchTitles("quokkapalooza").isEmpty());
        WebClient boss = signedIn("admin@trash.test");
        Response export = boss.get("/bin/admin/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).doesNotContain("Zanzibar").doesNotContain("What a trip");

        Response trash = aurora.get("/bin/admin/trash");
        assertThat(trash.status()).isEqualTo(200);
        var row = trash.doc().selectFirst("#trash tr[data-kind=POST][data-item=" + id + "]");
        assertThat(row).isNotNull();
        assertThat(row.attr("data-kind")).isEqualTo("POST");
        assertThat(row.text()).contains("Post", "Zanzibar notebook", "Aurora", "30 more days");
        assertThat(row.selectFirst("td.days-left").attr("data-label")).isEqualTo("Kept for");
        assertThat(trash.doc().select("nav.admin-nav a[aria-current=page]").eachAttr("href"))
                .containsExactly("/bin/admin/trash");

        Response restored = aurora.submit(trash, "#trash tr[data-kind=POST][data-item=" + id + "] form.restore", Map.of());
        assertThat(restored.status()).as(restored.text()).isEqualTo(303);
        assertThat(aurora.follow(restored).doc().selectFirst("#restored").text()).isEqualTo("1 item restored, as it was.");

        Post after = stored(id);
        assertThat(after.path()).isEqualTo(before.path());
        assertThat(after.status()).isEqualTo(Post.Status.PUBLISHED);
        assertThat(after.publishedAt()).isEqualTo(before.publishedAt());
        assertThat(after.bodyHtml()).isEqualTo(before.bodyHtml());
        assertThat(carnet.services().posts.labelsOf(id)).containsExactly("Notes", "Travel");
        assertThat(carnet.services().posts.revisions(Viewer.of(author), blog, id)).hasSize(revisions);
        assertThat(commentStatus(remark)).isEqualTo("LIVE");
        Response page = reader.get("/bin" + after.path());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("What a trip");
        assertThat(page.doc().select(".labels a[rel=tag]").eachText()).containsExactly("Notes", "Travel");
        assertThat(reader.get("/bin" + oldPath).status()).isEqualTo(301);
        assertThat(reader.get("/bin/feeds/posts/default").body()).contains("Zanzibar notebook");
        assertThat(reader.get("/bin/search/label/Travel").body()).contains("Zanzibar notebook");
        eventually("the post back in the search index",
                () -> searchTitles("quokkapalooza").contains("Zanzibar notebook"));
        assertThat(boss.get("/bin/admin/export").body()).contains("Zanzibar notebook").contains("What a trip");
        assertThat(aurora.get("/bin/admin/trash").doc().select("#trash tr[data-kind=POST][data-item=" + id + "]")).isEmpty();
    }

    @Test
    void undoRightAfterDeletingPutsThePostBack() {
        long id = publish(author, "Undo me", "<p>Second thoughts.</p>", "");
        String path = stored(id).path();
        WebClient aurora = signedIn("author@trash.test");
        Response listed = aurora.follow(deleteThroughTheList(aurora, id));
        Response undone = aurora.submit(listed, "form#undo-delete", Map.of());
        assertThat(undone.status()).isEqualTo(303);
        assertThat(undone.location()).isEqualTo("/bin/admin/posts?restored=1");
        assertThat(carnet.client().get("/bin" + path).status()).isEqualTo(200);
    }

    @Test
    void aPostWhoseAddressWasTakenMeanwhileComesBackAsADraft() {
        long id = publish(author, "Same name", "<p>First.</p>", "");
        String path = stored(id).path();
        carnet.services().posts.delete(Viewer.of(author), blog, List.of(id));
        long taker = publish(other, "Same name", "<p>Second.</p>", "");
        assertThat(stored(taker).path()).isEqualTo(path);
        WebClient aurora = signedIn("author@trash.test");
        Response restored = aurora.submit("/bin/admin/trash", "#trash tr[data-kind=POST][data-item=" + id + "] form.restore", Map.of());
        assertThat(aurora.follow(restored).doc().selectFirst("#restored-drafts").text())
                .startsWith("1 post came back as a draft");
        assertThat(stored(id).status()).isEqualTo(Post.Status.DRAFT);
        assertThat(stored(id).path()).isNull();
        assertThat(stored(taker).path()).isEqualTo(path);
    }

    @Test
    void anAuthorNeitherSeesNorRestoresNorPurgesAnothersItems() {
        long id = publish(author, "Aurora private thoughts", "<p>Mine.</p>", "");
        carnet.services().posts.delete(Viewer.of(admin), blog, List.of(id));
        long trashId = carnet.services().trash.list(Viewer.of(admin), blog).stream()
                .filter(l -> l.item().itemId() == id).findFirst().orElseThrow().item().id();

        WebClient otto = signedIn("other@trash.test");
        Response list = otto.get("/bin/admin/trash");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).doesNotContain("Aurora private thoughts");
        String token = otto.csrfToken("/bin/admin/trash");
        assertThat(otto.post("/bin/admin/trash/restore", Map.of("_csrf", token, "id", Long.toString(trashId)))
                .status()).isEqualTo(403);
        assertThat(otto.post("/bin/admin/trash/purge", Map.of("_csrf", token, "id", Long.toString(trashId)))
                .status()).isEqualTo(403);
        assertThat(otto.post("/bin/admin/trash/purge", Map.of("_csrf", token, "id", Long.toString(trashId),
                "confirm", "yes")).status()).isEqualTo(403);
        assertThat(otto.post("/bin/admin/trash/empty", Map.of("_csrf", token, "confirm", "yes")).status())
                .isEqualTo(403);
        assertThat(list.doc().select("form#empty-trash")).isEmpty();
        assertThat(exists(id)).isFalse();

        WebClient reader = signedIn("reader@trash.test");
        assertThat(reader.get("/bin/admin/trash").status()).isEqualTo(403);
        assertThat(reader.get("/bin/admin/feed-token").doc().select("nav.admin-nav a").eachAttr("href"))
                .doesNotContain("/bin/admin/trash");

        // Its author sees it, and the admin too; the author restores it.
        WebClient aurora = signedIn("author@trash.test");
        assertThat(aurora.get("/bin/admin/trash").text()).contains("Aurora private thoughts");
        assertThat(signedIn("admin@trash.test").get("/bin/admin/trash").text()).contains("Aurora private thoughts");
        Response restored = aurora.submit("/bin/admin/trash", "#trash tr[data-trash=" + trashId + "] form.restore",
                Map.of());
        assertThat(restored.status()).isEqualTo(303);
        assertThat(exists(id)).isTrue();
    }

    @Test
    void deletingForGoodAsksFirstAndEmptyingIsForAdmins() {
        long mine = publish(author, "Gone for good", "<p>Bye.</p>", "");
        carnet.services().posts.delete(Viewer.of(author), blog, List.of(mine));
        WebClient aurora = signedIn("author@trash.test");
        Response ask = aurora.submit("/bin/admin/trash", "#trash tr[data-kind=POST][data-item=" + mine + "] form.purge", Map.of());
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.doc().selectFirst(".warning").text()).startsWith("This item will be deleted for good");
        assertThat(ask.doc().select("#to-purge").text()).contains("Gone for good");
        assertThat(aurora.get("/bin/admin/trash").text()).contains("Gone for good");
        Response purged = aurora.submit(ask, "form#confirm-purge", Map.of());
        assertThat(purged.status()).isEqualTo(303);
        assertThat(aurora.follow(purged).doc().selectFirst("#purged").text()).isEqualTo("1 item deleted for good.");
        assertThat(aurora.get("/bin/admin/trash").text()).doesNotContain("Gone for good");

        long a = publish(other, "Emptied A", "<p>A.</p>", "");
        long b = publish(author, "Emptied B", "<p>B.</p>", "");
        carnet.services().posts.delete(Viewer.of(admin), blog, List.of(a, b));
        WebClient boss = signedIn("admin@trash.test");
        Response askAll = boss.submit("/bin/admin/trash", "form#empty-trash", Map.of());
        assertThat(askAll.status()).isEqualTo(200);
        assertThat(askAll.doc().select("#to-purge").text()).contains("Emptied A", "Emptied B");
        Response emptied = boss.submit(askAll, "form#confirm-purge", Map.of());
        assertThat(emptied.status()).isEqualTo(303);
        assertThat(trashRows()).isZero();
        assertThat(boss.get("/bin/admin/trash").doc().select("#trash-empty")).hasSize(1);
    }

    @Test
    void trashedCommentsComeBackAndOneWhosePostIsGoneWaitsForIt() {
        long id = publish(author, "Commented", "<p>Talk.</p>", "");
        String path = stored(id).path();
        long alone = comment(id, "A lonely remark");
        long top = comment(id, "A remark with a reply");
        long reply = carnet.services().comments.submit(Viewer.of(admin), blog, stored(id),
                new CommentDraft("The reply", "", "", top, null, null, null, "127.0.0.1")).commentId();
        carnet.services().comments.delete(Viewer.of(admin), blog, alone);
        carnet.services().comments.delete(Viewer.of(admin), blog, top);
        assertThat(commentStatus(alone)).isEqualTo("GONE");
        assertThat(commentStatus(top)).isEqualTo("DELETED");
        assertThat(carnet.client().get("/bin" + path).text()).doesNotContain("A lonely remark")
                .doesNotContain("A remark with a reply").contains("The reply");

        WebClient boss = signedIn("admin@trash.test");
        Response trash = boss.get("/bin/admin/trash");
        assertThat(trash.doc().select("#trash tr[data-kind=COMMENT]").eachText()).anyMatch(t -> t.contains("A lonely remark"))
                .anyMatch(t -> t.contains("A remark with a reply"));
        // The placeholder gets its text back.
        boss.submit(trash, "#trash tr[data-kind=COMMENT][data-item=" + top + "] form.restore", Map.of());
        assertThat(commentStatus(top)).isEqualTo("LIVE");
        assertThat(carnet.client().get("/bin" + path).text()).contains("A remark with a reply").contains("The reply");

        // A comment cannot come back without its post; the post brings back the comments it had.
        carnet.services().posts.delete(Viewer.of(author), blog, List.of(id));
        Response refused = boss.submit("/bin/admin/trash", "#trash tr[data-kind=COMMENT][data-item=" + alone + "] form.restore", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.doc().selectFirst("#trash-error").text())
                .isEqualTo("This comment cannot be restored alone: its post is no longer there. Restore the post: "
                        + "its comments come back with it.");
        assertThat(refused.doc().selectFirst("#trash tr[data-kind=COMMENT][data-item=" + alone + "] .post-gone")).isNotNull();
        boss.submit("/bin/admin/trash", "#trash tr[data-kind=POST][data-item=" + id + "] form.restore", Map.of());
        assertThat(commentStatus(top)).isEqualTo("LIVE");
        assertThat(commentStatus(reply)).isEqualTo("LIVE");
        assertThat(commentStatus(alone)).isEqualTo("GONE");
        Response back = boss.submit("/bin/admin/trash", "#trash tr[data-kind=COMMENT][data-item=" + alone
                + "] form.restore", Map.of());
        assertThat(back.status()).isEqualTo(303);
        assertThat(commentStatus(alone)).isEqualTo("LIVE");
        assertThat(carnet.client().get("/bin" + path).text()).contains("A lonely remark");
    }

    @Test
    void afterThirtyDaysThePurgeDeletesForGood() {
        long id = publish(author, "Thirty days", "<p>Tick tock.</p>", "");
        carnet.services().posts.delete(Viewer.of(author), blog, List.of(id));
        carnet.clock().advance(Duration.ofDays(29));
        carnet.services().trash.purgeExpired();
        Response list = signedIn("author@trash.test").get("/bin/admin/trash");
        assertThat(list.doc().selectFirst("#trash tr[data-kind=POST][data-item=" + id + "] td.days-left").text()).isEqualTo("1 more day");
        carnet.clock().advance(Duration.ofDays(1).plusMinutes(1));
        carnet.services().trash.purgeExpired();
        assertThat(signedIn("author@trash.test").get("/bin/admin/trash").doc()
                .select("#trash tr[data-kind=POST][data-item=" + id + "]")).isEmpty();
        assertThat(carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM trash WHERE kind = 'POST' AND item_id = :id").bind("id", id)
                .mapTo(Integer.class).one()).intValue()).isZero();
    }

    @Test
    void deletingTheBlogTakesItsTrashAlong() {
        Blog doomed = carnet.blog(admin, "doomed", "language", "en");
        long id = carnet.services().posts.create(Viewer.of(admin), doomed, input("Doomed", "<p>x</p>", "", ""),
                PostService.Intent.PUBLISH);
        carnet.services().posts.delete(Viewer.of(admin), doomed, List.of(id));
        carnet.services().blogs.delete(Viewer.of(admin), doomed, "doomed");
        assertThat(carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM trash WHERE blog_id = :b").bind("b", doomed.id()).mapTo(Integer.class).one()).intValue())
                .isZero();
    }
}
