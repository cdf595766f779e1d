package org.carnet.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.carnet.core.Changes;
import org.carnet.core.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one owner of "content changed": every write that changes what readers of a blog see runs through
 * {@link #inTransaction}, which keeps the three things that must follow such a write exact by construction.
 * <ol>
 * <li>The blog's content version (V7__content_version.sql) is raised in the write's own transaction: every node's
 * page cache is keyed by it, so the next anonymous request on any node is rendered afresh.</li>
 * <li>What readers can find of posts is recorded in the change log ({@link ChangeLog}) in that transaction too:
 * every node's search index catches up from it.</li>
 * <li>After commit, this node is told ({@link Changes}) so that its own index follows at once.</li>
 * </ol>
 * Locks are always taken in one order, so two writers never wait on each other in a circle: first the rows of the
 * blogs written to, in id order (raising their versions is what takes them); then whatever the write itself
 * touches; last the change log's lock, held from there to commit (see ChangeLog).
 */
public final class BlogWrites {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Changes changes;

    public BlogWrites(Jdbi jdbi, Clock clock, Changes changes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.changes = changes;
    }

    /** What a write does in its transaction, told what it must record through {@link Write}. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Write write);
    }

    /** The same, with nothing to return. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Write write);
    }

    /** Runs work in one transaction as a change of the blog's public content. */
    public <R> R inTransaction(long blogId, Work<R> work) {
        return inTransaction(List.of(blogId), work);
    }

    public void useTransaction(long blogId, VoidWork work) {
        inTransaction(List.of(blogId), w -> {
            work.run(w);
            return null;
        });
    }

    /** Runs work in one transaction as a change of several blogs' public content (none: nothing is raised). */
    public <R> R inTransaction(Collection<Long> blogIds, Work<R> work) {
        Write[] done = new Write[1];
        R result = jdbi.inTransaction(h -> {
            Write write = new Write(h, clock.instant(), new TreeSet<>(blogIds));
            for (long blogId : write.blogs) {
                raiseVersion(h, blogId);
            }
            R r = work.run(write);
            write.recordLog();
            done[0] = write;
            return r;
        });
        if (done[0].logged) {
            changes.changed();
        }
        return result;
    }

    public void useTransaction(Collection<Long> blogIds, VoidWork work) {
        inTransaction(blogIds, w -> {
            work.run(w);
            return null;
        });
    }

    /**
     * Raises the blog's version, which also takes its row's lock. No row: the blog was deleted, or an import's final
     * step gave it a new row (its staging row took the blog's place) since the writer read it. Nothing is written
     * then, and the writer is told to try again (which finds the blog as it is now, or that it is gone).
     */
    private static void raiseVersion(Handle h, long blogId) {
        int rows = h.createUpdate("UPDATE blog SET content_version = content_version + 1 WHERE id = :id")
                .bind("id", blogId).execute();
        if (rows == 0) {
            throw Problem.conflict("blog.changedMeanwhile");
        }
    }

    /** One write's transaction: its handle, its time, and what it tells the change log. */
    public static final class Write {

        private final Handle handle;
        private final Instant now;
        private final SortedSet<Long> blogs;
        /** Change log entries, written at the end: {blog, post or null for the whole blog, from post id or -1}. */
        private final List<long[]> log = new ArrayList<>();
        private boolean logged;

        private Write(Handle handle, Instant now, SortedSet<Long> blogs) {
            this.handle = handle;
            this.now = now;
            this.blogs = blogs;
        }

        public Handle handle() {
            return handle;
        }

        /** The time of this write (the clock read when it began). */
        public Instant now() {
            return now;
        }

        /** What readers can find of this post changed (written, published, deleted). */
        public void post(long blogId, long postId) {
            log.add(new long[] {mine(blogId), postId, -1});
        }

        /** Every post of the blog whose id is at least fromPostId changed (an import's thousands, at once). */
        public void postsFrom(long blogId, long fromPostId) {
            log.add(new long[] {mine(blogId), -1, fromPostId});
        }

        /** The blog is gone, and all its posts with it. */
        public void blogGone(long blogId) {
            log.add(new long[] {mine(blogId), -1, -1});
        }

        /** Only a blog whose row this write holds may be logged: anything else would break the lock order. */
        private long mine(long blogId) {
            if (!blogs.contains(blogId)) {
                throw new IllegalStateException("blog " + blogId + " is not one this write holds: " + blogs);
            }
            return blogId;
        }

        /** Last in the transaction: the log's lock is then held only until commit (see ChangeLog). */
        private void recordLog() {
            for (long[] entry : log) {
                if (entry[2] >= 0) {
                    ChangeLog.recordPostsOf(handle, entry[0], entry[2], now);
                } else {
                    ChangeLog.record(handle, entry[0], entry[1] >= 0 ? entry[1] : null, now);
                }
            }
            logged = !log.isEmpty();
        }
    }
}
