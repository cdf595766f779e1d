package org.carnet.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Who runs a periodic job: a lease row per job (job_lease), held by one node until it expires. The holder renews
 * it each time it runs the job; a node that dies or hangs stops renewing, and once the lease has expired the
 * next node to ask takes the job over.
 *
 * <p>Why a lease row and not a PostgreSQL advisory lock: a session-level advisory lock belongs to one connection,
 * and a pooled connection is not the node (the pool retires and replaces connections); a lease is one
 * conditional upsert that works the same on SQLite and PostgreSQL, and says in the database who holds what.
 */
public final class JobLeases {

    private final Jdbi jdbi;
    private final String node;
    private final Clock clock;

    /** node: this node's name, unique per process start (e.g. host:port/random). */
    public JobLeases(Jdbi jdbi, String node, Clock clock) {
        this.jdbi = jdbi;
        this.node = node;
        this.clock = clock;
    }

    public String node() {
        return node;
    }

    /**
     * Takes or renews the lease of job for ttl; true when this node holds it now. One statement: of two nodes
     * asking at once, exactly one gets it.
     */
    public boolean tryHold(String job, Duration ttl) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO job_lease (name, holder, expires_at) VALUES (:job, :node, :until)
                        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                        WHERE job_lease.holder = excluded.holder OR job_lease.expires_at <= :now""")
                .bind("job", job).bind("node", node).bind("until", now.plus(ttl)).bind("now", now)
                .execute()) == 1;
    }

    /** Gives the lease up (a node shutting down cleanly), so another node takes the job at once. */
    public void release(String job) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM job_lease WHERE name = :job AND holder = :node")
                .bind("job", job).bind("node", node).execute());
    }

    /** The node holding job's lease now, if any holds it. */
    public Optional<String> holder(String job) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT holder FROM job_lease WHERE name = :job AND expires_at > :now")
                .bind("job", job).bind("now", now).mapTo(String.class).findOne());
    }
}
