package org.carnet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one owner of "content changed": what it raises and records, and what it refuses. */
class BlogWritesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe assez long";

    @Test
    void aWriteRaisesTheVersionOnceAndLogsWhatItSaid() {
        User owner = carnet.user("one@writes.test", "One", PW);
        Blog blog = carnet.blog(owner, "ecritures");
        long logged = logSize();
        long id = carnet.services().posts.create(Viewer.of(owner), blog, input("Un"), PostService.Intent.PUBLISH);
        assertThat(version(blog)).isEqualTo(blog.contentVersion() + 1);
        assertThat(logSize()).isEqualTo(logged + 1);
        assertThat(Rows.count(carnet.services().db.jdbi(), "SELECT COUNT(*) FROM post_change WHERE post_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void workThatFailsLeavesNeitherVersionNorLog() {
        User owner = carnet.user("two@writes.test", "Two", PW);
        Blog blog = carnet.blog(owner, "echec");
        long logged = logSize();
        assertThatThrownBy(() -> carnet.services().writes.useTransaction(blog.id(), w -> {
            w.post(blog.id(), 1);
            throw Problem.invalid("post.title.required");
        })).isInstanceOf(Problem.class);
        assertThat(version(blog)).isEqualTo(blog.contentVersion());
        assertThat(logSize()).isEqualTo(logged);
    }

    @Test
    void onlyABlogTheWriteHoldsMayBeLogged() {
        User owner = carnet.user("three@writes.test", "Three", PW);
        Blog held = carnet.blog(owner, "tenu");
        Blog other = carnet.blog(owner, "pas-tenu");
        assertThatThrownBy(() -> carnet.services().writes.useTransaction(held.id(), w -> w.post(other.id(), 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(version(held)).isEqualTo(held.contentVersion());
    }

    @Test
    void aWriteToABlogThatIsGoneMeanwhileStoresNothingAndSaysTryAgain() {
        User owner = carnet.user("four@writes.test", "Four", PW);
        Blog stale = carnet.blog(owner, "disparu");
        carnet.services().blogs.delete(Viewer.of(owner), stale, "disparu");
        long logged = logSize();
        // As a writer that read the blog (and asked Access) just before it went: its work never runs.
        assertThatThrownBy(() -> carnet.services().writes.useTransaction(stale.id(), w -> {
            w.post(stale.id(), 1);
            throw new AssertionError("the work ran on a blog that is gone");
        }))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
                    assertThat(p.key()).isEqualTo("blog.changedMeanwhile");
                });
        assertThat(logSize()).isEqualTo(logged);
    }

    private static PostInput input(String title) {
        return new PostInput(Post.Kind.POST, title, BodyFormat.HTML, "<p>Texte.</p>", "", "", "", "");
    }

    private static long version(Blog blog) {
        return Rows.count(carnet.services().db.jdbi(), "SELECT content_version FROM blog WHERE id = ?", blog.id());
    }

    private static long logSize() {
        return Rows.count(carnet.services().db.jdbi(), "SELECT COUNT(*) FROM post_change");
    }
}
