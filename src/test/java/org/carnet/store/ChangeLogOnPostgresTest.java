package org.carnet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.Tier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, what makes other nodes follow a write: the change log's numbers become visible in order (a node
 * that catches up "after the last number I applied" never skips one), and every node hears of the write at once.
 */
@Tier.Postgres
class ChangeLogOnPostgresTest {

    private static long lastSeq(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM post_change")
                .mapTo(Long.class).one());
    }

    @Test
    void aLaterChangeNeverBecomesVisibleBeforeAnEarlierOneStillBeingCommitted() throws Exception {
        try (Database db = Database.open(TestDatabases.freshPostgres(), 4)) {
            Jdbi jdbi = db.jdbi();
            Instant now = Instant.now();
            CountDownLatch firstLogged = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            // The first writer takes number n and keeps its transaction open.
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> jdbi.useTransaction(h -> {
                ChangeLog.record(h, 1, 10L, now);
                firstLogged.countDown();
                await(releaseFirst);
            }));
            assertThat(firstLogged.await(10, TimeUnit.SECONDS)).isTrue();
            // A second writer comes and commits as soon as it may.
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> jdbi.useTransaction(
                    (Handle h) -> ChangeLog.record(h, 2, 20L, now)));
            // Give it every chance to commit; without the log's lock it would, with number n + 1, while n is
            // still invisible, and a node catching up now would move past n for ever.
            Thread.sleep(1_000);
            assertThat(lastSeq(jdbi)).as("nothing is visible while the earlier change is uncommitted").isZero();
            assertThat(second).isNotDone();
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            java.util.List<Long> order = jdbi.withHandle(h -> h.createQuery(
                    "SELECT post_id FROM post_change ORDER BY seq").mapTo(Long.class).list());
            assertThat(order).containsExactly(10L, 20L);
        }
    }

    @Test
    void everyNodeHearsOfAWriteMadeElsewhereAtOnce() throws Exception {
        String url = TestDatabases.freshPostgres();
        try (Database db = Database.open(url, 4)) {
            AtomicInteger heard = new AtomicInteger();
            java.util.Set<String> kinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
            try (ChangeListener listener = ChangeListener.start(url, k -> {
                kinds.addAll(k);
                heard.incrementAndGet();
            })) {
                waitUntil(listener::isListening);
                waitUntil(() -> heard.get() > 0);
                assertThat(kinds).as("on connecting: catch up with everything")
                        .containsExactlyInAnyOrder(ChangeListener.LOG_GREW, ChangeListener.BLOGS_RENAMED);
                kinds.clear();
                int before = heard.get();
                // Another node (or the CLI) gives a blog a host name: the trigger notifies every listener.
                long blogId = db.jdbi().withHandle(h -> h.createUpdate("""
                                INSERT INTO blog (name, title, language, time_zone, visibility, comment_policy,
                                  created_at, updated_at)
                                VALUES ('ecoute', 'Écoute', 'fr', 'Europe/Paris', 'PUBLIC', 'ANYONE', 0, 0)""").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
                db.jdbi().useHandle(h -> h.createUpdate("UPDATE blog SET host = 'ecoute.example' WHERE id = :id")
                        .bind("id", blogId).execute());
                waitUntil(() -> heard.get() > before);
                assertThat(kinds).containsExactly(ChangeListener.BLOGS_RENAMED);
                kinds.clear();
                int afterBlog = heard.get();
                db.jdbi().useTransaction(h -> ChangeLog.record(h, blogId, 1L, Instant.now()));
                waitUntil(() -> heard.get() > afterBlog);
                assertThat(kinds).containsExactly(ChangeListener.LOG_GREW);
            }
        }
    }

    @Test
    void onSqliteThereIsNothingToListenTo() {
        assertThat(ChangeListener.start(TestDatabases.freshSqlite(), kinds -> { })).isNull();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
