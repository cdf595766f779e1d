package org.carnet.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carnet.store.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's periodic work. A job of the instance (publish scheduled posts, send emails, sweep sessions) runs
 * on exactly one node at a time: the one holding its lease (JobLeases). Every node asks for each such lease every
 * few seconds, whatever the job's period, so the holder keeps renewing it and, when the holder dies, another node
 * takes the job over within {@link #LEASE} (and runs it at once: it cannot know when the dead node last did). A
 * job of the node (bring its own search index up to date) runs on every node. Each job has its own thread, so a
 * slow one (an SMTP server that does not answer) delays no other.
 */
final class Jobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** How long a lease lasts without renewal: the longest a dead node's jobs wait to be taken over. */
    static final Duration LEASE = Duration.ofSeconds(15);
    /** How often a node asks for the leases (well within LEASE, so a live holder never loses one). */
    static final Duration ASK_EVERY = Duration.ofSeconds(4);

    /** A job: shared jobs need the lease; lastRun is this node's last run of it. */
    static final class Job {
        final String name;
        final Duration period;
        final boolean shared;
        final Runnable work;
        Duration tick = Duration.ZERO;
        Instant lastRun;

        Job(String name, Duration period, boolean shared, Runnable work) {
            this.name = name;
            this.period = period;
            this.shared = shared;
            this.work = work;
        }

        /** Due when about a period has passed (to within half a tick: ticks and periods need not divide). */
        boolean due(Instant now) {
            return lastRun == null || !now.isBefore(lastRun.plus(period).minus(tick.dividedBy(2)));
        }
    }

    private final JobLeases leases;
    private final Clock clock;
    private final List<Job> jobs = new ArrayList<>();
    private final List<ScheduledExecutorService> timers = new ArrayList<>();

    Jobs(JobLeases leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    /** Runs work every period (the first time after initialDelay) on the one node holding the job's lease. */
    void shared(String name, Duration initialDelay, Duration period, Runnable work) {
        Job job = new Job(name, period, true, work);
        // Asked at least every ASK_EVERY so that the lease stays held between two runs of a long-period job.
        schedule(job, initialDelay, period.compareTo(ASK_EVERY) < 0 ? period : ASK_EVERY);
    }

    /** Runs work every period on this node. */
    void local(String name, Duration initialDelay, Duration period, Runnable work) {
        schedule(new Job(name, period, false, work), initialDelay, period);
    }

    private void schedule(Job job, Duration initialDelay, Duration tick) {
        job.tick = tick;
        jobs.add(job);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carnet-job-" + job.name);
            t.setDaemon(true);
            return t;
        });
        timers.add(timer);
        timer.scheduleWithFixedDelay(() -> tick(job), initialDelay.toMillis(), tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Renews or takes the lease (shared jobs), then runs the job if its period has passed; true when it ran. */
    boolean tick(Job job) {
        try {
            if (job.shared && !leases.tryHold(job.name, LEASE)) {
                job.lastRun = null;    // when this node gets the job back, it runs it at once
                return false;
            }
            Instant now = clock.instant();
            if (!job.due(now)) {
                return false;
            }
            job.lastRun = now;
            job.work.run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("job {} failed; it runs again in {}", job.name, job.period, e);
            return false;
        }
    }

    @Override
    public void close() {
        for (ScheduledExecutorService timer : timers) {
            timer.shutdownNow();
        }
        for (ScheduledExecutorService timer : timers) {
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Job job : jobs) {
            if (job.shared) {
                try {
                    leases.release(job.name);
                } catch (RuntimeException e) {
                    LOG.debug("could not release {}: {}", job.name, e.toString());
                }
            }
        }
    }
}
