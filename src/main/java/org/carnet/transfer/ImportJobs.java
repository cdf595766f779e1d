package org.carnet.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carnet.blog.Blog;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports started from the admin page run on the node that received the upload, one at a time, beside the
 * request that started them. Their progress and outcome are kept in the database (import_job), so the status page
 * shows them on whichever node a load balancer sends its refreshes to, and after a restart. If the node dies, no
 * reader ever saw any of the import (see ImportService), and the status page says it was interrupted once the
 * node's heartbeat has stopped for {@link ImportService#ABANDONED_AFTER}.
 */
public final class ImportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    /** How often a running import writes its progress and heartbeat (only where that does not wait on it). */
    static final Duration BEAT = Duration.ofSeconds(2);

    /**
     * What the status page shows. error is a message key with its arguments, or null. imagesDone of imagesTotal:
     * the old blog's images, while they are fetched (known on the node running the import only; 0 of 0 elsewhere).
     */
    public record State(String blogName, boolean done, int entries, int posts, int comments, ImportSummary summary,
                        String errorKey, Object[] errorArgs, int imagesDone, int imagesTotal) {

        State(String blogName, boolean done, int entries, int posts, int comments, ImportSummary summary,
              String errorKey, Object[] errorArgs) {
            this(blogName, done, entries, posts, comments, summary, errorKey, errorArgs, 0, 0);
        }
    }

    private final ImportService imports;
    private final Jdbi jdbi;
    private final ImportJobStore store = new ImportJobStore();
    private final String node;
    private final Clock clock;
    /** Imports started on this node: their latest state, for this node's status page and the heartbeat. */
    private final Map<String, State> here = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(1_000).<String, State>build().asMap();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "carnet-import"));
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "carnet-import-beat"));

    public ImportJobs(ImportService imports, Jdbi jdbi, String node, Clock clock) {
        this.imports = imports;
        this.jdbi = jdbi;
        this.node = node;
        this.clock = clock;
        beat.scheduleWithFixedDelay(this::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts importing file into blog; cleanup runs after (e.g. deleting the uploaded file). */
    public String start(Blog blog, ExportFile file, Runnable cleanup) {
        String id = Tokens.random().substring(0, 16);
        jdbi.useHandle(h -> {
            store.deleteOlderThan(h, clock.instant().minus(Duration.ofDays(7)));
            store.insert(h, id, blog.id(), node, clock.instant());
        });
        here.put(id, new State(blog.name(), false, 0, 0, 0, null, null, null));
        runner.submit(() -> run(id, blog.name(), file, cleanup));
        return id;
    }

    private void run(String id, String blogName, ExportFile file, Runnable cleanup) {
        State end;
        try {
            // From the admin page, images come from public addresses only: never --allow-private-addresses here.
            ImportSummary s = imports.importInto(id, node, blogName, false, null, file, new ImportProgress() {
                @Override
                public void update(int entries, int posts, int comments) {
                    here.put(id, new State(blogName, false, entries, posts, comments, null, null, null));
                }

                @Override
                public void images(int done, int total) {
                    here.computeIfPresent(id, (k, s) -> new State(blogName, false, s.entries(), s.posts(),
                            s.comments(), null, null, null, done, total));
                }
            }, ImageFetching.PUBLIC_ONLY);
            end = new State(blogName, true, s.entries(), s.posts() + s.pages() + s.drafts(), s.comments(), s,
                    null, null);
        } catch (ImportFormatException e) {
            // Entry 0: the file as a whole (not an export of the kind chosen, unreadable): no entry to name.
            end = e.entry() > 0 ? failed(blogName, "import.refused", e.entry(), e.reason())
                    : failed(blogName, "import.refused.file", e.reason());
        } catch (Problem p) {
            end = failed(blogName, p.key(), p.args());
        } catch (RuntimeException e) {
            LOG.error("import {} into {} failed", id, blogName, e);
            end = failed(blogName, "import.failed", id);
        } finally {
            cleanup.run();
        }
        State finished = end;
        here.put(id, finished);
        try {
            jdbi.useHandle(h -> store.finish(h, id, finished.entries(), finished.posts(), finished.comments(),
                    ImportJobStore.json(finished.summary()), finished.errorKey(),
                    ImportJobStore.json(finished.errorArgs()), clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("could not record the end of import {}", id, e);
        }
    }

    private void beat() {
        for (var running : here.entrySet()) {
            String id = running.getKey();
            State s = running.getValue();
            if (s.done()) {
                continue;
            }
            try {
                jdbi.useHandle(h -> store.progress(h, id, s.entries(), s.posts(), s.comments(), clock.instant()));
            } catch (RuntimeException ex) {
                LOG.warn("could not record the progress of import {}: {}", id, ex.toString());
            }
        }
    }

    private static State failed(String blogName, String key, Object... args) {
        return new State(blogName, true, 0, 0, 0, null, key, args);
    }

    /** The job's state, from whichever node runs or ran it, if it belongs to that blog. */
    public Optional<State> get(Blog blog, String id) {
        State mine = here.get(id);
        if (mine != null) {
            return Optional.of(mine).filter(s -> s.blogName().equals(blog.name()));
        }
        return jdbi.withHandle(h -> store.byId(h, id, blog.name())).map(row -> state(blog.name(), row));
    }

    private State state(String blogName, ImportJobStore.Row row) {
        if (!row.done() && row.beatAt().isBefore(clock.instant().minus(ImportService.ABANDONED_AFTER))) {
            return failed(blogName, "import.interrupted");
        }
        try {
            return new State(blogName, row.done(), row.entries(), row.posts(), row.comments(),
                    row.summary() == null ? null : ImportJobStore.JSON.readValue(row.summary(), ImportSummary.class),
                    row.errorKey(), row.errorArgs() == null ? null
                            : ImportJobStore.args(row.errorArgs()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable import record " + row.id(), e);
        }
    }

    @Override
    public void close() {
        beat.shutdownNow();
        runner.shutdownNow();
    }
}
