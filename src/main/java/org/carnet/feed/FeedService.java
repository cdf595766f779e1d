package org.carnet.feed;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentService;
import org.carnet.post.BlogReader;
import org.jdbi.v3.core.Jdbi;

/**
 * What the feeds contain: visible posts with their live comment counts, and live comments. Each page is
 * fetched one row longer than asked so that "is there a next page?" costs no COUNT(*).
 */
public final class FeedService {

    /** One page of a feed; more: whether entries follow it (the feed then links rel="next"). */
    public record Slice<T>(List<T> items, boolean more) {
        static <T> Slice<T> of(List<T> fetched, int limit) {
            return fetched.size() > limit ? new Slice<>(fetched.subList(0, limit), true) : new Slice<>(fetched, false);
        }
    }

    /** Posts of a feed and the live comment count of each (its thr:total). */
    public record Posts(Slice<BlogReader.Entry> slice, Map<Long, Integer> commentCounts) {
    }

    private final Jdbi jdbi;
    private final BlogReader reader;
    private final CommentService comments;
    private final FeedStore store;
    private final Clock clock;

    public FeedService(Jdbi jdbi, BlogReader reader, CommentService comments, FeedStore store, Clock clock) {
        this.jdbi = jdbi;
        this.reader = reader;
        this.comments = comments;
        this.store = store;
        this.clock = clock;
    }

    /** Visible posts (with this label when it is not null), newest first, from offset. */
    public Posts posts(Blog blog, String label, int offset, int limit) {
        Slice<BlogReader.Entry> slice = Slice.of(reader.feedPage(blog, label, offset, limit + 1), limit);
        Map<Long, Integer> counts = comments.counts(blog, slice.items().stream().map(e -> e.post().id()).toList());
        return new Posts(slice, counts);
    }

    /** Live comments of the blog, newest first, from offset. */
    public Slice<FeedComment> comments(Blog blog, int offset, int limit) {
        return Slice.of(jdbi.withHandle(h -> store.liveComments(h, blog.id(), null, clock.instant(), offset,
                limit + 1)), limit);
    }

    /** Live comments of one post, newest first, from offset. */
    public Slice<FeedComment> comments(Blog blog, BlogReader.Entry post, int offset, int limit) {
        return Slice.of(jdbi.withHandle(h -> store.liveComments(h, blog.id(), post.post().id(), clock.instant(),
                offset, limit + 1)), limit);
    }

    /** The visible post a per-post comment feed is about. */
    public Optional<BlogReader.Entry> post(Blog blog, long id) {
        return reader.visiblePost(blog, id);
    }
}
