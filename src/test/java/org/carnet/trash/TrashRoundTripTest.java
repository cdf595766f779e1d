package org.carnet.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentDraft;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.post.PostStore;
import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Deleting and restoring gives back the very rows that were there, column for column, ids included: a post with its
 * labels, revisions, redirects and comments (a reply, a comment held for moderation, a placeholder), a page, and
 * comments on their own. Run on SQLite and on PostgreSQL by the two subclasses (the migration too).
 */
abstract class TrashRoundTripTest {

    private static final String PW = "mot de passe des allers-retours";

    abstract CarnetExtension carnet();

    private List<Map<String, Object>> rows(String sql, long id) {
        return carnet().services().db.jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).mapToMap().list());
    }

    /** Every row that belongs to the post, as stored. */
    private List<List<Map<String, Object>>> everything(long postId) {
        return List.of(
                rows("SELECT * FROM post WHERE id = :id", postId),
                rows("SELECT * FROM post_label WHERE post_id = :id ORDER BY label", postId),
                rows("SELECT * FROM post_revision WHERE post_id = :id ORDER BY id", postId),
                rows("SELECT * FROM post_redirect WHERE post_id = :id ORDER BY path", postId),
                rows("SELECT * FROM comment WHERE post_id = :id ORDER BY id", postId));
    }

    private long trashIdOf(Viewer who, Blog blog, TrashStore.Kind kind, long itemId) {
        return carnet().services().trash.list(who, blog).stream()
                .filter(l -> l.item().kind() == kind && l.item().itemId() == itemId)
                .findFirst().orElseThrow().item().id();
    }

    @Test
    void aPostAndAPageComeBackRowForRow() {
        var s = carnet().services();
        User owner = carnet().user("owner@roundtrip.test", "Owner", PW);
        Blog blog = carnet().blog(owner, "roundtrip", "language", "fr", "comment-policy", "anyone");
        Viewer me = Viewer.of(owner);
        long id = s.posts.create(me, blog, new PostInput(Post.Kind.POST, "Aller et retour", BodyFormat.MARKDOWN,
                "Un **aller**.", "Voyage, Été", "Une description", "", ""), PostService.Intent.PUBLISH);
        Post post = s.db.jdbi().withHandle(h -> new PostStore().byId(h, blog.id(), id)).orElseThrow();
        long top = s.comments.submit(me, blog, post, new CommentDraft("Premier", "", "", null, null, null, null,
                "10.0.0.1")).commentId();
        s.comments.submit(me, blog, post, new CommentDraft("Réponse", "", "", top, null, null, null, "10.0.0.1"));
        // A second revision at a new address (the first becomes a redirect), comments closed since.
        s.posts.update(me, blog, id, new PostInput(Post.Kind.POST, "Aller et retour", BodyFormat.MARKDOWN,
                "Un **aller** et un retour.", "Voyage, Été", "Une description", "aller-retour", ""),
                PostService.Intent.PUBLISH, new org.carnet.post.CommentSwitches(true, false));
        long page = s.posts.create(me, blog, new PostInput(Post.Kind.PAGE, "À propos", BodyFormat.HTML,
                "<p>Nous.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
        var before = everything(id);
        var pageBefore = everything(page);
        assertThat(before.get(3)).hasSize(1);

        s.posts.delete(me, blog, List.of(id, page));
        assertThat(everything(id)).allSatisfy(r -> assertThat(r).isEmpty());
        assertThat(everything(page)).allSatisfy(r -> assertThat(r).isEmpty());

        var restored = s.trash.restore(me, blog, trashIdOf(me, blog, TrashStore.Kind.POST, id));
        assertThat(restored.asDraft()).isFalse();
        s.trash.restore(me, blog, trashIdOf(me, blog, TrashStore.Kind.PAGE, page));
        assertThat(everything(id)).isEqualTo(before);
        assertThat(everything(page)).isEqualTo(pageBefore);
        assertThat(s.trash.list(me, blog)).isEmpty();

        // New rows get new ids, past the restored ones.
        long next = s.posts.create(me, blog, new PostInput(Post.Kind.POST, "Ensuite", BodyFormat.HTML, "<p>x</p>",
                "", "", "", ""), PostService.Intent.SAVE_DRAFT);
        assertThat(next).isGreaterThan(page);
    }

    @Test
    void commentsComeBackRowForRowAndNotWithoutTheirPost() {
        var s = carnet().services();
        User owner = carnet().user("comments@roundtrip.test", "Owner", PW);
        Blog blog = carnet().blog(owner, "roundtrip-comments", "language", "en", "comment-policy", "anyone");
        Viewer me = Viewer.of(owner);
        long id = s.posts.create(me, blog, new PostInput(Post.Kind.POST, "Talk", BodyFormat.HTML, "<p>x</p>", "",
                "", "", ""), PostService.Intent.PUBLISH);
        Post post = s.db.jdbi().withHandle(h -> new PostStore().byId(h, blog.id(), id)).orElseThrow();
        long top = s.comments.submit(me, blog, post, new CommentDraft("Top <b>bold</b>", "", "", null, null, null,
                null, "10.0.0.2")).commentId();
        s.comments.submit(me, blog, post, new CommentDraft("Reply", "", "", top, null, null, null, "10.0.0.2"));
        long alone = s.comments.submit(me, blog, post, new CommentDraft("Alone", "", "", null, null, null, null,
                "10.0.0.2")).commentId();
        var before = everything(id);

        s.comments.delete(me, blog, top);
        s.comments.delete(me, blog, alone);
        assertThat(everything(id)).isNotEqualTo(before);
        long topTrash = trashIdOf(me, blog, TrashStore.Kind.COMMENT, top);
        long aloneTrash = trashIdOf(me, blog, TrashStore.Kind.COMMENT, alone);

        s.posts.delete(me, blog, List.of(id));
        assertThat(refusal(() -> s.trash.restore(me, blog, aloneTrash))).isEqualTo("trash.comment.postGone");
        s.trash.restore(me, blog, trashIdOf(me, blog, TrashStore.Kind.POST, id));
        s.trash.restore(me, blog, aloneTrash);
        s.trash.restore(me, blog, topTrash);
        assertThat(everything(id)).isEqualTo(before);
    }

    private static String refusal(Executable e) {
        try {
            e.execute();
        } catch (Problem p) {
            return p.key();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("not refused");
    }
}
