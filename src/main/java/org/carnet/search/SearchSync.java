package org.carnet.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's search index in step with the database, which stays the source of truth: it applies the
 * change log (post_change) from the last sequence number it applied, which it keeps beside the index. Any
 * number of nodes on one PostgreSQL each catch up on their own; a missing or corrupt index is rebuilt from the
 * database at start.
 */
public final class SearchSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchSync.class);
    private static final String APPLIED = "carnet-applied-seq";
    /** How many changes behind a search still waits for the index to catch up (see catchUpIfBehind). */
    private static final int WAIT_FOR_AT_MOST = 200;

    private final Jdbi jdbi;
    private final SearchStore store;
    private final SearchIndex index;
    private final Path appliedFile;
    private final Clock clock;
    private volatile long applied;

    private SearchSync(Jdbi jdbi, SearchStore store, SearchIndex index, Path dir, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.index = index;
        this.appliedFile = dir.resolve(APPLIED);
        this.clock = clock;
    }

    /** Opens the index in dir (rebuilding it when it is missing, corrupt or has never been filled). */
    public static SearchSync open(Path dir, Jdbi jdbi, Clock clock) {
        try {
            Files.createDirectories(dir);
            SearchIndex index = SearchIndex.open(dir);
            SearchSync sync = new SearchSync(jdbi, new SearchStore(), index, dir, clock);
            Long applied = sync.readApplied();
            if (index.wasRebuiltEmpty() || applied == null) {
                sync.rebuild();
            } else {
                sync.applied = applied;
                sync.catchUp();
            }
            return sync;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    /** Indexes every visible post again from the database. */
    public synchronized int rebuild() {
        long upTo = jdbi.withHandle(store::lastSeq);
        Instant now = clock.instant();
        List<PostDoc> docs = new ArrayList<>();
        jdbi.useHandle(h -> store.allVisible(h, now, docs::add));
        index.rebuild(docs);
        index.commit();
        applied = upTo;
        writeApplied();
        LOG.info("search index rebuilt: {} posts", docs.size());
        return docs.size();
    }

    /** Applies the changes logged since the last one applied; returns how many posts were touched. */
    public synchronized int catchUp() {
        int touched = 0;
        while (true) {
            List<SearchStore.Change> changes = jdbi.withHandle(h -> store.changesAfter(h, applied, 1000));
            if (changes.isEmpty()) {
                break;
            }
            Instant now = clock.instant();
            long upTo = applied;
            for (SearchStore.Change c : changes) {
                if (c.postId() == null) {
                    index.deleteBlog(c.blogId());
                } else {
                    jdbi.withHandle(h -> store.visibleDoc(h, c.postId(), now))
                            .ifPresentOrElse(index::upsert, () -> index.delete(c.postId()));
                }
                touched++;
                upTo = c.seq();
            }
            index.commit();
            // Only now, once searches see them: a search that finds applied up to date answers without waiting
            // (catchUpIfBehind), and must not answer from a searcher that has not got these changes yet.
            applied = upTo;
            writeApplied();
        }
        return touched;
    }

    /**
     * Catches up first if the change log has grown past what this node applied: a search right after a write on
     * another node (or from the CLI) finds it, notification or not. One indexed query when nothing is new. When
     * far behind (a large import elsewhere), searches do not all wait for the whole catch-up: they answer from
     * the index as it is while the listener or the periodic job brings it up to date.
     */
    public void catchUpIfBehind() {
        long last = jdbi.withHandle(store::lastSeq);
        if (last > applied && last - applied <= WAIT_FOR_AT_MOST) {
            catchUp();
        }
    }

    /** Searches one blog, up to date with the change log (the caller has checked that the viewer may read it). */
    public Results search(long blogId, String language, String query, String label, int offset, int limit) {
        catchUpIfBehind();
        return index.search(blogId, language, query, label, offset, limit);
    }

    private Long readApplied() {
        try {
            return Files.exists(appliedFile)
                    ? Long.parseLong(Files.readString(appliedFile, StandardCharsets.US_ASCII).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private void writeApplied() {
        try {
            Path tmp = appliedFile.resolveSibling(APPLIED + ".tmp");
            Files.writeString(tmp, Long.toString(applied), StandardCharsets.US_ASCII);
            Files.move(tmp, appliedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Not fatal: at worst the next start applies some changes twice, which upserts make harmless.
            LOG.warn("could not record the applied change number: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            index.close();
        } catch (IOException e) {
            LOG.warn("closing the search index: {}", e.getMessage());
        }
    }
}
