package org.carnet.app;

import java.time.Duration;
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
 * on exactly one node at a time: the one holding its lease (JobLeases), which another node takes over when the
 * holder stops renewing it. A job of the node (bring its own search index up to date) runs on every node.
 */
final class Jobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /** A job named name, run every period; shared jobs need the lease, which outlives a few missed runs. */
    record Job(String name, Duration period, boolean shared, Runnable work) {
        Duration leaseTtl() {
            return period.multipliedBy(3).compareTo(Duration.ofSeconds(15)) < 0
                    ? Duration.ofSeconds(15) : period.multipliedBy(3);
        }
    }

    private final JobLeases leases;
    private final List<Job> jobs = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "carnet-jobs");
        t.setDaemon(true);
        return t;
    });

    Jobs(JobLeases leases) {
        this.leases = leases;
    }

    /** Runs work every period on the one node holding the job's lease. */
    void shared(String name, Duration initialDelay, Duration period, Runnable work) {
        schedule(new Job(name, period, true, work), initialDelay);
    }

    /** Runs work every period on this node. */
    void local(String name, Duration initialDelay, Duration period, Runnable work) {
        schedule(new Job(name, period, false, work), initialDelay);
    }

    private void schedule(Job job, Duration initialDelay) {
        jobs.add(job);
        timer.scheduleWithFixedDelay(() -> runOnce(job), initialDelay.toMillis(), job.period().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs the job now if this node may; true when it ran. A failure is logged, and the job runs next time. */
    boolean runOnce(Job job) {
        try {
            if (job.shared() && !leases.tryHold(job.name(), job.leaseTtl())) {
                return false;
            }
            job.work().run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("job {} failed; it runs again in {}", job.name(), job.period(), e);
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job job : jobs) {
            if (job.shared()) {
                try {
                    leases.release(job.name());
                } catch (RuntimeException e) {
                    LOG.debug("could not release {}: {}", job.name(), e.toString());
                }
            }
        }
    }
}
