package org.carnet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carnet.testkit.MutableClock;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.TestDatabases.Kind;
import org.carnet.testkit.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A periodic job runs on one node at a time, and another node takes it over when the holder stops. */
@Tier.Postgres
class JobLeasesTest {

    private static final Duration TTL = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneNodeHoldsAJobUntilItStopsRenewingThenAnotherTakesItOver(Kind kind) {
        try (Database db = Database.open(TestDatabases.fresh(kind), 4)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
            JobLeases a = new JobLeases(db.jdbi(), "a:8080/1", clock);
            JobLeases b = new JobLeases(db.jdbi(), "b:8080/2", clock);

            assertThat(a.tryHold("publish", TTL)).isTrue();
            assertThat(b.tryHold("publish", TTL)).as("held by a").isFalse();
            assertThat(b.tryHold("emails", TTL)).as("another job is free").isTrue();
            assertThat(a.holder("publish")).contains("a:8080/1");

            clock.advance(Duration.ofSeconds(10));
            assertThat(a.tryHold("publish", TTL)).as("the holder renews").isTrue();
            clock.advance(Duration.ofSeconds(10));
            assertThat(b.tryHold("publish", TTL)).as("renewed 10 s ago for 15 s: still a's").isFalse();

            // a dies: it renews no more; once its lease has run out, b takes the job over.
            clock.advance(Duration.ofSeconds(6));
            assertThat(a.holder("publish")).isEmpty();
            assertThat(b.tryHold("publish", TTL)).isTrue();
            assertThat(a.tryHold("publish", TTL)).as("a comes back: b holds it now").isFalse();
            assertThat(b.holder("publish")).contains("b:8080/2");

            b.release("publish");
            assertThat(a.tryHold("publish", TTL)).as("released on clean shutdown: taken at once").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ofManyNodesAskingAtOnceExactlyOneGetsTheJob(Kind kind) throws Exception {
        try (Database db = Database.open(TestDatabases.fresh(kind), 8)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
            int nodes = 8;
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            try {
                for (int round = 0; round < 5; round++) {
                    String job = "job-" + round;
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> answers = new ArrayList<>();
                    for (int n = 0; n < nodes; n++) {
                        JobLeases node = new JobLeases(db.jdbi(), "node-" + n, clock);
                        Callable<Boolean> ask = () -> {
                            go.await();
                            return node.tryHold(job, TTL);
                        };
                        answers.add(pool.submit(ask));
                    }
                    go.countDown();
                    int holders = 0;
                    for (Future<Boolean> f : answers) {
                        holders += org.carnet.testkit.Waits.result(f, "a node's try for the lease") ? 1 : 0;
                    }
                    assertThat(holders).as(job).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
