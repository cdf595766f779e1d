package org.carnet.post;

import java.time.Clock;
import java.util.List;
import org.carnet.blog.Blog;
import org.jdbi.v3.core.Jdbi;

/** Posts as the foundation needs them: the newest published ones of a blog, and the welcome post. */
public final class PostService {

    private final Jdbi jdbi;
    private final PostStore posts;
    private final Clock clock;

    public PostService(Jdbi jdbi, PostStore posts, Clock clock) {
        this.jdbi = jdbi;
        this.posts = posts;
        this.clock = clock;
    }

    public List<Post> latest(Blog blog, int limit) {
        return jdbi.withHandle(h -> posts.latestPublished(h, blog.id(), clock.instant(), limit));
    }

    /** Publishes a post whose HTML Carnet wrote itself (the sample blog's welcome post). */
    public long publishTrusted(Blog blog, long authorId, String title, String slug, String bodyHtml) {
        return jdbi.inTransaction(h -> posts.insertPublished(h, blog.id(), authorId, title, slug, bodyHtml,
                clock.instant()));
    }
}
