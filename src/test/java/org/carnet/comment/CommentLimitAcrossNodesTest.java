package org.carnet.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.store.Database;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.Waits;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-address comment limit is kept in PostgreSQL and counted in each comment's own transaction: a burst sent
 * at once to two nodes lets exactly the limit through, not the limit per node, and what is refused leaves nothing.
 */
@Tier.Postgres
class CommentLimitAcrossNodesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Test
    void aBurstThroughTwoNodesIsLimitedOnceForTheWholeInstance() throws Exception {
        User owner = carnet.user("owner@limit.test", "Owner", "mot de passe du propriétaire");
        Blog blog = carnet.blog(owner, "limite", "comment-policy", "anyone");
        long postId = carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST,
                "Rafale", BodyFormat.HTML, "<p>Corps.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        try (Services otherNode = new Services(Database.open(carnet.jdbcUrl(), 10), carnet.clock())) {
            Services[] nodes = {carnet.services(), otherNode};
            int attempts = CommentService.MAX_PER_ADDRESS * 3;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Services node = nodes[i % 2];
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    Blog b = node.blogs.find("limite").orElseThrow();
                    Post post = node.posts.requireEditable(Viewer.of(owner), b, postId);
                    try {
                        node.comments.submit(Viewer.anonymous(), b, post, new CommentDraft("Commentaire " + n,
                                "Visiteur " + n, "", null, "", null, null, "203.0.113.7"));
                        return true;
                    } catch (Problem p) {
                        assertThat(p.key()).isEqualTo("comment.tooMany");
                        return false;
                    }
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<Boolean> f : results) {
                accepted += Waits.result(f, "a comment's answer") ? 1 : 0;
            }
            pool.shutdown();
            assertThat(accepted).isEqualTo(CommentService.MAX_PER_ADDRESS);
            assertThat(Rows.count(carnet.services().db.jdbi(), "SELECT COUNT(*) FROM comment WHERE post_id = ?",
                    postId)).isEqualTo(CommentService.MAX_PER_ADDRESS);
        }
    }
}
