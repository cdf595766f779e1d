package org.carnet.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told after a write that changes what readers can find has been committed (store/BlogWrites tells it), so that this
 * node's search index follows at once. Other nodes follow the database's change log; page caches need no telling:
 * they are keyed by each blog's content version, which the write raised.
 */
public final class Changes {

    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    /** Called after commit; a listener's failure is logged, never the writer's problem. */
    public void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("a change listener failed; it will catch up later: {}", e.toString());
            }
        }
    }
}
