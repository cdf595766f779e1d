package org.carnet.store;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Fixed-window counters kept in the database, so that a limit holds across every node of an instance.
 */
public final class RateLimitStore {

    /** Hits counted in the current window of the bucket (0 when the window has passed). */
    public int hits(Handle h, String bucket, Duration window, Instant now) {
        return h.createQuery("SELECT hits FROM rate_limit WHERE bucket = :b AND window_start > :since")
                .bind("b", bucket).bind("since", now.minus(window))
                .mapTo(Integer.class).findOne().orElse(0);
    }

    /** When the bucket's current window ends. */
    public Instant windowEnd(Handle h, String bucket, Duration window, Instant now) {
        return h.createQuery("SELECT window_start FROM rate_limit WHERE bucket = :b")
                .bind("b", bucket).mapTo(Instant.class).findOne()
                .map(start -> start.plus(window)).orElse(now);
    }

    /** Counts one hit, starting a new window when the previous one has passed. */
    public void hit(Handle h, String bucket, Duration window, Instant now) {
        h.createUpdate("""
                        INSERT INTO rate_limit (bucket, window_start, hits) VALUES (:b, :now, 1)
                        ON CONFLICT (bucket) DO UPDATE SET
                          hits = CASE WHEN rate_limit.window_start > :since THEN rate_limit.hits + 1 ELSE 1 END,
                          window_start = CASE WHEN rate_limit.window_start > :since
                                              THEN rate_limit.window_start ELSE :now END""")
                .bind("b", bucket).bind("now", now).bind("since", now.minus(window)).execute();
    }

    /** Takes back one hit (an attempt that turned out fine). */
    public void unhit(Handle h, String bucket) {
        h.createUpdate("UPDATE rate_limit SET hits = hits - 1 WHERE bucket = :b AND hits > 0")
                .bind("b", bucket).execute();
    }

    public void clear(Handle h, String bucket) {
        h.createUpdate("DELETE FROM rate_limit WHERE bucket = :b").bind("b", bucket).execute();
    }
}
