package org.carnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.carnet.store.Database;
import org.carnet.store.JobLeases;
import org.carnet.testkit.MutableClock;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;

/** Two nodes' job runners on one database: one runs the instance's job, the other takes it over when it stops. */
@Tier.Postgres
class JobsTest {

    @Test
    void anHourlyJobRunsOnOneNodeAndIsTakenOverWithinALeaseWhenThatNodeDies() {
        try (Database db = Database.open(TestDatabases.freshPostgres(), 4)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
            Jobs a = new Jobs(new JobLeases(db.jdbi(), "a", clock), clock);
            Jobs b = new Jobs(new JobLeases(db.jdbi(), "b", clock), clock);
            AtomicInteger onA = new AtomicInteger();
            AtomicInteger onB = new AtomicInteger();
            Duration hour = Duration.ofHours(1);
            Jobs.Job jobA = new Jobs.Job("sweep", hour, true, onA::incrementAndGet);
            Jobs.Job jobB = new Jobs.Job("sweep", hour, true, onB::incrementAndGet);
            jobA.tick = Jobs.ASK_EVERY;
            jobB.tick = Jobs.ASK_EVERY;

            // Both nodes tick every few seconds for two hours: a runs the job, once an hour; b never.
            for (int i = 0; i < 1_800; i++) {
                a.tick(jobA);
                b.tick(jobB);
                clock.advance(Jobs.ASK_EVERY);
            }
            assertThat(onA.get()).isEqualTo(2);
            assertThat(onB.get()).isZero();

            // a dies (ticks no more): once its lease has run out, b takes the job and runs it at once.
            clock.advance(Jobs.LEASE.minus(Jobs.ASK_EVERY).minusSeconds(1)); // 1 s before a's lease ends
            assertThat(b.tick(jobB)).isFalse();
            clock.advance(Duration.ofSeconds(2));
            assertThat(b.tick(jobB)).isTrue();
            assertThat(onB.get()).isEqualTo(1);
            assertThat(a.tick(jobA)).as("a is back, b holds the job now").isFalse();
        }
    }
}
