package org.carnet.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A blog's admin offers each person only what blog/Access lets them do: an author is not shown the settings,
 * members, moderation, import or deletion, nor a way to select or edit someone else's post (each of those ended in
 * "access denied"); the navigation marks where you are.
 */
class AdminNavigationTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe assez long";
    private static long adminsPost;
    private static long authorsPost;

    @BeforeAll
    static void aBlogWithAnAdminAndAnAuthor() {
        User admin = carnet.user("admin@nav.test", "Admin", PW);
        User author = carnet.user("author@nav.test", "Autrice", PW);
        Blog blog = carnet.blog(admin, "navigation", "language", "en");
        carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
        adminsPost = carnet.services().posts.create(Viewer.of(admin), blog, post("The admin's"),
                PostService.Intent.PUBLISH);
        authorsPost = carnet.services().posts.create(Viewer.of(author), blog, post("The author's"),
                PostService.Intent.PUBLISH);
    }

    @Test
    void anAuthorIsOfferedOnlyWhatAnAuthorMayDo() {
        WebClient author = carnet.signedIn("author@nav.test", PW);
        Response posts = author.get("/navigation/admin/posts");
        assertThat(posts.status()).isEqualTo(200);
        assertThat(tabs(posts)).containsExactly("/navigation/admin/posts", "/navigation/admin/pages",
                "/navigation/admin/media", "/navigation/admin/trash", "/navigation/admin/feed-token", "/navigation/");
        // Their own post can be selected and edited; the admin's is listed, but offers neither.
        assertThat(posts.doc().select("tr[data-post=" + authorsPost + "] input[type=checkbox]")).hasSize(1);
        assertThat(posts.doc().select("tr[data-post=" + authorsPost + "] a[href$=/edit]")).hasSize(1);
        assertThat(posts.doc().select("tr[data-post=" + adminsPost + "]")).hasSize(1);
        assertThat(posts.doc().select("tr[data-post=" + adminsPost + "] input[type=checkbox]")).isEmpty();
        assertThat(posts.doc().select("tr[data-post=" + adminsPost + "] a[href$=/edit]")).isEmpty();
        // What is no longer offered is still refused when asked for directly.
        for (String hidden : List.of("settings", "members", "comments", "import", "delete")) {
            assertThat(author.get("/navigation/admin/" + hidden).status()).as(hidden).isEqualTo(403);
        }
    }

    @Test
    void anAdminIsOfferedEverythingAndTheNavigationSaysWhereTheyAre() {
        WebClient admin = carnet.signedIn("admin@nav.test", PW);
        Response settings = admin.get("/navigation/admin/settings");
        assertThat(tabs(settings)).containsExactly("/navigation/admin/posts", "/navigation/admin/pages",
                "/navigation/admin/media", "/navigation/admin/trash", "/navigation/admin/comments", "/navigation/admin/settings", "/navigation/admin/members",
                "/navigation/admin/import", "/navigation/admin/feed-token", "/navigation/admin/delete",
                "/navigation/");
        assertThat(settings.doc().select("nav.admin-nav a[aria-current=page]").eachAttr("href"))
                .containsExactly("/navigation/admin/settings");
        Response posts = admin.get("/navigation/admin/posts");
        assertThat(posts.doc().select("nav.admin-nav a[aria-current=page]").eachAttr("href"))
                .containsExactly("/navigation/admin/posts");
        assertThat(posts.doc().select("tr[data-post] input[type=checkbox]")).hasSizeGreaterThanOrEqualTo(2)
                .hasSameSizeAs(posts.doc().select("tr[data-post]"));
    }

    @Test
    void thePostsListShowsEachPostsDateStatusLabelsAndComments() {
        User admin = carnet.services().accounts.byEmail("admin@nav.test").orElseThrow();
        Blog blog = carnet.services().blogs.require("navigation");
        long labelled = carnet.services().posts.create(Viewer.of(admin), blog, new PostInput(Post.Kind.POST,
                "Labelled", BodyFormat.HTML, "<p>Text.</p>", "Zoo, art", "", "", ""), PostService.Intent.PUBLISH);
        long draft = carnet.services().posts.create(Viewer.of(admin), blog, post("A draft"),
                PostService.Intent.SAVE_DRAFT);
        Post shown = carnet.services().posts.requireEditable(Viewer.of(admin), blog, labelled);
        carnet.services().comments.submit(Viewer.of(admin), blog, shown, new org.carnet.comment.CommentDraft(
                "First!", "", "", null, "", null, null, "192.0.2.1"));
        Response posts = carnet.signedIn("admin@nav.test", PW).get("/navigation/admin/posts");
        var row = posts.doc().selectFirst("tr[data-post=" + labelled + "]");
        assertThat(row.selectFirst("td.labels").text()).isEqualTo("art, Zoo");
        assertThat(row.selectFirst("td.comments").text()).isEqualTo("1");
        assertThat(row.selectFirst("td.date time").attr("datetime")).isNotEmpty();
        var draftRow = posts.doc().selectFirst("tr[data-post=" + draft + "]");
        assertThat(draftRow.selectFirst("td.date").text()).isEqualTo("Not yet published");
        assertThat(draftRow.selectFirst("td.comments").text()).isEqualTo("0");
    }

    private static List<String> tabs(Response page) {
        return page.doc().select("nav.admin-nav a").eachAttr("href");
    }

    private static PostInput post(String title) {
        return new PostInput(Post.Kind.POST, title, BodyFormat.HTML, "<p>Text.</p>", "", "", "", "");
    }
}
