package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentService;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;

/**
 * An import of any size lets everyone else write while it runs, and stays all-or-nothing for readers: what it
 * brings in appears at once at its end, or never. Run on SQLite (one write lock for the whole database) and on
 * PostgreSQL by the two subclasses.
 */
abstract class ImportBesideWritersTest {

    /** More entries than one of the import's transactions takes: several have been committed when it pauses. */
    private static final int BEFORE_PAUSE = ImportService.BATCH_ENTRIES * 2 + 7;
    private static final int AFTER_PAUSE = 40;
    private static final long WAIT_SECONDS = 60;
    static final String PW = "mot de passe de l’import";

    abstract CarnetExtension carnet();

    private static ImportedPost post(int n) {
        return new ImportedPost("tag:test,2024:post-" + n, ImportedPost.Kind.POST, "Imported post " + n,
                "<p>Imported body " + n + "</p>", List.of("imported"), "", "/2023/05/imported-" + n + ".html", false,
                OffsetDateTime.parse("2023-05-10T09:30:00Z").plusMinutes(n), null, null);
    }

    private static ImportedComment comment(int n, String postSourceId) {
        return new ImportedComment("tag:test,2024:comment-" + n, postSourceId, null,
                new ImportedAuthor("Reader " + n, null, false), null, "Imported comment " + n,
                OffsetDateTime.parse("2023-06-10T09:30:00Z").plusMinutes(n), ImportedComment.Status.LIVE);
    }

    /**
     * An export that stops after BEFORE_PAUSE posts and a comment on the post with export id commentedPost, says
     * so, and goes on only when released (both waits have a deadline); then comes a bad entry if failAtEnd, as a
     * file broken near its end.
     */
    private static ExportFile pausing(CountDownLatch paused, CountDownLatch release, boolean failAtEnd,
                                      String commentedPost) {
        return sink -> {
            for (int i = 0; i < BEFORE_PAUSE; i++) {
                sink.post(post(i));
            }
            sink.comment(comment(1, commentedPost));
            paused.countDown();
            try {
                if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the import");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            for (int i = BEFORE_PAUSE; i < BEFORE_PAUSE + AFTER_PAUSE; i++) {
                sink.post(post(i));
            }
            if (failAtEnd) {
                throw new ImportFormatException(BEFORE_PAUSE + AFTER_PAUSE, "a broken entry");
            }
        };
    }

    private long posts(Blog blog) {
        return Rows.count(carnet().services().db.jdbi(), "SELECT COUNT(*) FROM post WHERE blog_id = ?", blog.id());
    }

    private long stagingRows() {
        return Rows.count(carnet().services().db.jdbi(), "SELECT COUNT(*) FROM blog WHERE import_job IS NOT NULL");
    }

    /** Waits for the latch; fails with what it waited for when the deadline passes. */
    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("waited for " + what).isTrue();
    }

    @Test
    void othersSignInCommentAndPublishWhileAnImportRunsAndReadersSeeItOnlyWhole() throws Exception {
        CarnetExtension carnet = carnet();
        User owner = carnet.user("owner@" + getClass().getSimpleName().toLowerCase() + ".test", "Owner", PW);
        Blog blog = carnet.blog(owner, "pendant", "language", "en", "comment-policy", "anyone", "moderation", "never");
        WebClient admin = carnet.signedIn(owner.email(), PW);
        assertThat(admin.submit("/pendant/admin/posts/new", "form#editor", Map.of("title", "Written before",
                "body", "Before the import.", "action", "publish")).status()).isEqualTo(303);
        long existing = Rows.count(carnet.services().db.jdbi(), "SELECT id FROM post WHERE blog_id = ?", blog.id());
        String existingSource = "tag:test,2024:existing";
        carnet.services().db.jdbi().useHandle(h -> h.execute("UPDATE post SET source_id = ? WHERE id = ?",
                existingSource, existing));

        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Its comment is on the post that existed before: staged like the rest, on a post readers already see.
        ExportFile withCommentOnExisting = pausing(paused, release, false, existingSource);
        CompletableFuture<ImportSummary> running = CompletableFuture.supplyAsync(() -> carnet.services().imports
                .importInto("pendant", false, null, withCommentOnExisting, ImportProgress.NONE));
        try {
            await(paused, "the import to pause half way");
            assertThat(stagingRows()).isEqualTo(1);
            assertThat(Rows.count(carnet.services().db.jdbi(), "SELECT COUNT(*) FROM post p JOIN blog b ON "
                    + "b.id = p.blog_id WHERE b.import_job IS NOT NULL")).as("posts committed half way")
                    .isGreaterThanOrEqualTo(ImportService.BATCH_ENTRIES);

            // Everyone else writes as usual meanwhile: a sign-in, a comment, a new post.
            Response signIn = carnet.client().signIn(owner.email(), PW);
            assertThat(signIn.status()).as(signIn.text()).isEqualTo(303);
            WebClient reader = carnet.client();
            Response page = reader.get("/pendant/");
            String postPath = page.doc().selectFirst(".post-title a").attr("href");
            Response form = reader.get(postPath);
            carnet.clock().advance(Duration.ofSeconds(5));
            Response sent = reader.submit(form, "form#comment-form", Map.of("name", "Live reader",
                    "body", "Written during the import"));
            assertThat(sent.status()).as(sent.text()).isEqualTo(303);
            assertThat(admin.submit("/pendant/admin/posts/new", "form#editor", Map.of("title", "Written during",
                    "body", "During the import.", "action", "publish")).status()).isEqualTo(303);

            // Readers see none of the import yet, wherever they look.
            Response home = carnet.client().get("/pendant/");
            assertThat(home.text()).contains("Written during").doesNotContain("Imported post");
            assertThat(carnet.client().get("/pendant/2023/05/imported-1.html").status()).isEqualTo(404);
            assertThat(carnet.client().get("/pendant/search/label/imported").text()).doesNotContain("Imported post");
            assertThat(carnet.client().get("/pendant/feeds/posts/default").body()).doesNotContain("Imported post");
            Response onExisting = carnet.client().get(postPath);
            assertThat(onExisting.text()).contains("Written during the import").doesNotContain("Imported comment");
            String staging = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT name FROM blog WHERE import_job IS NOT NULL").mapTo(String.class).one());
            assertThat(carnet.client().get("/" + staging + "/").status()).isEqualTo(404);
            assertThat(carnet.services().blogs.allBlogs().stream().map(Blog::name)).doesNotContain(staging);
        } finally {
            release.countDown();
        }
        ImportSummary summary = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(summary.posts()).isEqualTo(BEFORE_PAUSE + AFTER_PAUSE);
        assertThat(summary.comments()).isEqualTo(1);
        assertThat(stagingRows()).isZero();
        // The import was larger than the blog: its staging row took the blog's place (a new id, nothing else new).
        Blog after = carnet.services().blogs.require("pendant");
        assertThat(after.id()).isNotEqualTo(blog.id());
        assertThat(posts(after)).isEqualTo(2 + BEFORE_PAUSE + AFTER_PAUSE);
        assertThat(posts(blog)).isZero();
        assertThat(carnet.client().get("/pendant/2023/05/imported-1.html").status()).isEqualTo(200);
        assertThat(carnet.client().get("/pendant/").text()).contains("Written during");
        String existingPath = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT path FROM post WHERE id = :id").bind("id", existing).mapTo(String.class).one());
        assertThat(carnet.client().get("/pendant" + existingPath).text()).contains("Imported comment 1")
                .contains("Written during the import");
        // Search finds both what was there and what came in (the index follows the blog's new row).
        assertThat(carnet.client().get("/pendant/search?q=before").text()).contains("Written before");
        assertThat(carnet.client().get("/pendant/search?q=imported+body+1046").text()).contains("Imported post 1046");
        // The blog is the same for its people: settings, members, admin pages.
        assertThat(after.commentPolicy()).isEqualTo(blog.commentPolicy());
        assertThat(after.title()).isEqualTo(blog.title());
        assertThat(admin.get("/pendant/admin/posts").status()).isEqualTo(200);
        assertThat(admin.get("/pendant/admin/posts").text()).contains("Written before").contains("Imported post " + (BEFORE_PAUSE + AFTER_PAUSE - 1));
        assertThat(Rows.count(carnet.services().db.jdbi(), "SELECT COUNT(*) FROM blog_member WHERE blog_id = ?",
                after.id())).isEqualTo(1);
    }

    @Test
    void anImportThatFailsNearItsEndLeavesNothingBehind() throws Exception {
        CarnetExtension carnet = carnet();
        User owner = carnet.user("owner2@" + getClass().getSimpleName().toLowerCase() + ".test", "Owner", PW);
        Blog blog = carnet.blog(owner, "echec", "language", "en");
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(0);
        long versionBefore = carnet.services().blogs.require("echec").contentVersion();
        assertThatThrownBy(() -> carnet.services().imports.importInto("echec", false, null,
                pausing(paused, release, true, "tag:test,2024:post-0"), ImportProgress.NONE))
                .isInstanceOf(ImportFormatException.class);
        assertThat(posts(blog)).isZero();
        assertThat(stagingRows()).isZero();
        assertThat(Rows.count(carnet.services().db.jdbi(), "SELECT COUNT(*) FROM post_label WHERE blog_id = ?", blog.id())).isZero();
        assertThat(carnet.services().blogs.require("echec").contentVersion()).isEqualTo(versionBefore);
        // A blog the import was to create is not there either.
        assertThatThrownBy(() -> carnet.services().imports.importInto("jamais", true, owner.id(),
                pausing(new CountDownLatch(1), release, true, "tag:test,2024:post-0"), ImportProgress.NONE))
                .isInstanceOf(ImportFormatException.class);
        assertThatThrownBy(() -> carnet.services().blogs.require("jamais")).isInstanceOf(Problem.class);
        assertThat(stagingRows()).isZero();
    }

    @Test
    void whatAnImportWhoseProcessDiedLeftIsSweptAndItsStatusSaysInterrupted() {
        CarnetExtension carnet = carnet();
        User owner = carnet.user("owner3@" + getClass().getSimpleName().toLowerCase() + ".test", "Owner", PW);
        Blog blog = carnet.blog(owner, "orphelin", "language", "en");
        // What a process killed half way leaves: its job, silent, and its staging row with posts in it.
        var jdbi = carnet.services().db.jdbi();
        java.time.Instant then = carnet.clock().instant();
        jdbi.useHandle(h -> {
            new ImportJobStore().insert(h, "deadprocess00001", blog.id(), "cli", then);
            long staging = h.createQuery("INSERT INTO blog (name, title, description, language, time_zone, visibility, "
                    + "comment_policy, created_at, updated_at, import_job) VALUES ('~import-deadprocess00001', 't', '', "
                    + "'en', 'UTC', 'PRIVATE', 'NOBODY', 0, 0, 'deadprocess00001') RETURNING id")
                    .mapTo(Long.class).one();
            for (int i = 0; i < 3; i++) {
                h.execute("INSERT INTO post (blog_id, title, slug, body_html, status, created_at, updated_at, path) "
                        + "VALUES (?, 'orphan', 'orphan-" + i + "', '', 'PUBLISHED', 0, 0, '/2020/01/orphan-" + i
                        + ".html')", staging);
            }
        });
        carnet.services().imports.sweepAbandoned();
        assertThat(stagingRows()).as("a job still within its heartbeat is left alone").isEqualTo(1);

        carnet.clock().advance(ImportService.ABANDONED_AFTER.plusSeconds(1));
        carnet.services().imports.sweepAbandoned();
        assertThat(stagingRows()).isZero();
        assertThat(Rows.count(jdbi, "SELECT COUNT(*) FROM post WHERE title = 'orphan'")).isZero();
        WebClient admin = carnet.signedIn(owner.email(), PW);
        Response status = admin.get("/orphelin/admin/import/deadprocess00001");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.doc().selectFirst("#import-error").text()).startsWith("The import was interrupted");
        carnet.clock().advance(CommentService.ADDRESS_WINDOW);
    }
}
