package org.carnet.transfer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports started from the admin page run here, one at a time, beside the request that started them, so the
 * page can show their progress and then their summary. The state is kept on the node that runs the import
 * (the import itself is one database transaction, so another node never sees half of it).
 */
public final class ImportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    /** What the status page shows. error is a message key with its arguments, or null. */
    public record State(String blogName, boolean done, int entries, int posts, int comments, ImportSummary summary,
                        String errorKey, Object[] errorArgs) {
    }

    private final ImportService imports;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "carnet-import");
        t.setDaemon(true);
        return t;
    });
    /** Finished imports are shown for an hour, then forgotten. */
    private final Map<String, State> jobs = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .expireAfterWrite(java.time.Duration.ofHours(1)).maximumSize(1_000)
            .<String, State>build().asMap();

    public ImportJobs(ImportService imports) {
        this.imports = imports;
    }

    /** Starts importing file into blogName; cleanup runs after (e.g. deleting the uploaded file). */
    public String start(String blogName, ExportFile file, Runnable cleanup) {
        String id = Tokens.random().substring(0, 16);
        jobs.put(id, new State(blogName, false, 0, 0, 0, null, null, null));
        runner.submit(() -> {
            try {
                ImportSummary s = imports.importInto(blogName, false, null, file, (entries, posts, comments) ->
                        jobs.put(id, new State(blogName, false, entries, posts, comments, null, null, null)));
                jobs.put(id, new State(blogName, true, s.entries(), s.posts() + s.pages() + s.drafts(), s.comments(),
                        s, null, null));
            } catch (ImportFormatException e) {
                jobs.put(id, failed(blogName, "import.refused", e.entry(), e.getMessage()));
            } catch (Problem p) {
                jobs.put(id, failed(blogName, p.key(), p.args()));
            } catch (RuntimeException e) {
                LOG.error("import {} into {} failed", id, blogName, e);
                jobs.put(id, failed(blogName, "import.failed", id));
            } finally {
                cleanup.run();
            }
        });
        return id;
    }

    private static State failed(String blogName, String key, Object... args) {
        return new State(blogName, true, 0, 0, 0, null, key, args);
    }

    /** The job's state, if this node runs it and it belongs to that blog. */
    public Optional<State> get(String blogName, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(s -> s.blogName().equals(blogName));
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
