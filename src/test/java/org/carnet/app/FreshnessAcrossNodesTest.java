package org.carnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.comment.CommentDraft;
import org.carnet.comment.CommentService;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.store.Database;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.carnet.transfer.ExportFile;
import org.carnet.transfer.ImportProgress;
import org.carnet.transfer.ImportedBlog;
import org.carnet.transfer.ImportedPost;
import org.carnet.web.PageCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of write, made on one node, shows on the very next anonymous request to another node that had the page
 * in its cache: the page is first served from that node's cache ("hit"), then the other node writes through its own
 * services, then the first node renders it afresh ("miss") with the change. This node hears nothing of the write but
 * what is in the database (on SQLite no notification exists at all): the blog's content version, which BlogWrites
 * raises for every writer, is what makes it fresh. Run on SQLite and on PostgreSQL by the two subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FreshnessAcrossNodesTest {

    private static final String PW = "mot de passe assez long";
    /** The other node: its own services and pool over the same database (its own caches, its own Changes). */
    private Services other;
    private int blogs;

    abstract CarnetExtension carnet();

    @AfterAll
    void stopTheOtherNode() {
        if (other != null) {
            other.close();
        }
    }

    private Services otherNode() {
        if (other == null) {
            other = new Services(Database.open(carnet().jdbcUrl(), 3), carnet().clock());
        }
        return other;
    }

    @Test
    void aPostWrittenElsewhere() {
        Fixture f = fixture("anyone", "never");
        cachedHere("/" + f.blog.name());
        otherNode().posts.create(Viewer.of(f.owner), f.blog, input(Post.Kind.POST, "Écrit ailleurs"),
                PostService.Intent.PUBLISH);
        assertThat(freshHere("/" + f.blog.name()).text()).contains("Écrit ailleurs");
    }

    @Test
    void aPostEditedAndOneDeletedElsewhere() {
        Fixture f = fixture("anyone", "never");
        cachedHere(f.postPath);
        otherNode().posts.update(Viewer.of(f.owner), f.blog, f.postId, input(Post.Kind.POST, "Premier billet",
                "Un corps corrigé ailleurs"), PostService.Intent.PUBLISH);
        assertThat(freshHere(f.postPath).text()).contains("Un corps corrigé ailleurs");
        cachedHere(f.postPath);
        otherNode().posts.delete(Viewer.of(f.owner), f.blog, List.of(f.postId));
        assertThat(carnet().client().get(f.postPath).status()).isEqualTo(404);
    }

    @Test
    void aStaticPageEditedElsewhere() {
        Fixture f = fixture("anyone", "never");
        long pageId = carnet().services().posts.create(Viewer.of(f.owner), f.blog, input(Post.Kind.PAGE, "À propos"),
                PostService.Intent.PUBLISH);
        String path = "/" + f.blog.name() + carnet().services().posts.requireEditable(Viewer.of(f.owner), f.blog,
                pageId).path();
        cachedHere(path);
        otherNode().posts.update(Viewer.of(f.owner), f.blog, pageId, input(Post.Kind.PAGE, "À propos",
                "Qui nous sommes, dit ailleurs"), PostService.Intent.PUBLISH);
        assertThat(freshHere(path).text()).contains("Qui nous sommes, dit ailleurs");
    }

    @Test
    void aCommentPostedElsewhere() {
        Fixture f = fixture("members", "never");
        cachedHere(f.postPath);
        comment(f, "Un commentaire venu d'ailleurs");
        assertThat(freshHere(f.postPath).text()).contains("Un commentaire venu d'ailleurs");
    }

    @Test
    void aCommentApprovedAndOneDeletedElsewhere() {
        Fixture f = fixture("members", "always");
        long held = comment(f, "Attend qu'on le lise");
        assertThat(cachedHere(f.postPath).text()).doesNotContain("Attend qu'on le lise");
        otherNode().comments.moderate(Viewer.of(f.owner), f.blog, List.of(held), CommentService.Decision.APPROVE);
        assertThat(freshHere(f.postPath).text()).contains("Attend qu'on le lise");
        cachedHere(f.postPath);
        otherNode().comments.delete(Viewer.of(f.owner), f.blog, held);
        assertThat(freshHere(f.postPath).text()).doesNotContain("Attend qu'on le lise");
    }

    @Test
    void settingsChangedElsewhere() {
        Fixture f = fixture("anyone", "never");
        cachedHere("/" + f.blog.name());
        otherNode().blogs.changeSettings(Viewer.of(f.owner), f.blog, Map.of("title", "Un tout autre titre"));
        assertThat(freshHere("/" + f.blog.name()).doc().selectFirst(".blog-title").text())
                .isEqualTo("Un tout autre titre");
    }

    @Test
    void membershipChangedElsewhere() {
        Fixture f = fixture("anyone", "never");
        // A member's page on the blog exists because they are one (they have written nothing there).
        String authorPage = "/" + f.blog.name() + "/author/" + f.reader.id();
        assertThat(cachedHere(authorPage).text()).contains(f.reader.displayName());
        otherNode().memberships.remove(Viewer.of(f.owner), f.blog, f.reader.id());
        assertThat(carnet().client().get(authorPage).status()).isEqualTo(404);
    }

    @Test
    void anAuthorRenamedElsewhere() {
        Fixture f = fixture("anyone", "never");
        cachedHere(f.postPath);
        otherNode().accounts.updateProfile(Viewer.of(f.owner), "Nom de plume", "", null);
        assertThat(freshHere(f.postPath).text()).contains("Nom de plume");
    }

    @Test
    void anImportElsewhere() {
        Fixture f = fixture("anyone", "never");
        // The blog has more than the file brings: the imported rows move into it (it keeps its row and id).
        carnet().services().posts.create(Viewer.of(f.owner), f.blog, input(Post.Kind.POST, "Deuxième billet"),
                PostService.Intent.PUBLISH);
        cachedHere("/" + f.blog.name());
        OffsetDateTime at = OffsetDateTime.of(2020, 3, 4, 10, 0, 0, 0, ZoneOffset.UTC);
        ExportFile file = sink -> {
            sink.blog(new ImportedBlog("Ancien blog", null, null, null, null));
            sink.post(new ImportedPost("tag:old,1", ImportedPost.Kind.POST, "Venu de l'ancien blog",
                    "<p>Importé.</p>", List.of(), "", "/2020/03/venu.html", false, at, at, null));
        };
        otherNode().imports.importInto(f.blog.name(), false, null, file, ImportProgress.NONE);
        assertThat(freshHere("/" + f.blog.name()).text()).contains("Venu de l'ancien blog");
    }

    @Test
    void aBlogDeletedElsewhere() {
        Fixture f = fixture("anyone", "never");
        cachedHere(f.postPath);
        otherNode().blogs.delete(Viewer.of(f.owner), f.blog, f.blog.name());
        assertThat(carnet().client().get(f.postPath).status()).isEqualTo(404);
        assertThat(carnet().client().get("/" + f.blog.name()).status()).isEqualTo(404);
    }

    // --- helpers ---

    /** A blog with one published post, its owner, and a reader member who may comment. */
    private record Fixture(User owner, User reader, Blog blog, long postId, String postPath) {
    }

    private Fixture fixture(String commentPolicy, String moderation) {
        int n = ++blogs;
        String tag = getClass().getSimpleName().toLowerCase().replaceAll("[^a-z]", "").substring(0, 8) + n;
        User owner = carnet().user("owner-" + tag + "@fresh.test", "Propriétaire " + n, PW);
        User reader = carnet().user("reader-" + tag + "@fresh.test", "Lectrice " + n, PW);
        Blog blog = carnet().blog(owner, "frais-" + n, "comment-policy", commentPolicy, "moderation", moderation);
        carnet().services().memberships.setRole(blog, reader.id(), Role.READER);
        long postId = carnet().services().posts.create(Viewer.of(owner), blog, input(Post.Kind.POST, "Premier billet"),
                PostService.Intent.PUBLISH);
        Blog now = carnet().services().blogs.require(blog.name());
        String path = "/" + blog.name() + carnet().services().posts.requireEditable(Viewer.of(owner), now, postId)
                .path();
        return new Fixture(owner, reader, now, postId, path);
    }

    private static PostInput input(Post.Kind kind, String title) {
        return input(kind, title, "Le corps de « " + title + " ».");
    }

    private static PostInput input(Post.Kind kind, String title, String body) {
        return new PostInput(kind, title, BodyFormat.HTML, "<p>" + body + "</p>", "", "", "", "");
    }

    /** A comment by the blog's reader member, sent to the other node. */
    private long comment(Fixture f, String text) {
        Blog blog = otherNode().blogs.require(f.blog.name());
        Post post = otherNode().posts.requireEditable(Viewer.of(f.owner), blog, f.postId);
        return otherNode().comments.submit(Viewer.of(f.reader), blog, post,
                new CommentDraft(text, "", "", null, "", null, null, "198.51.100.4")).commentId();
    }

    /** The page as an anonymous reader gets it from this node's cache (asked twice: the second is a hit). */
    private WebClient.Response cachedHere(String path) {
        carnet().client().get(path);
        WebClient.Response r = carnet().client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.header(PageCache.HEADER)).as(path + " is in this node's cache").isEqualTo("hit");
        return r;
    }

    /** The page as the next anonymous reader gets it: rendered afresh. */
    private WebClient.Response freshHere(String path) {
        WebClient.Response r = carnet().client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.header(PageCache.HEADER)).as(path + " was rendered again").isEqualTo("miss");
        return r;
    }
}
