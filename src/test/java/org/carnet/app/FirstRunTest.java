package org.carnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carnet.blog.Blog;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Role;
import org.carnet.blog.Visibility;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.Post;
import org.carnet.store.Database;
import org.carnet.testkit.MutableClock;
import org.carnet.testkit.Rows;
import org.carnet.testkit.TestDatabases.Kind;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The first start of an instance, on SQLite and on PostgreSQL. */
@Tier.Postgres
class FirstRunTest {

    private static final String PASSWORD = "une phrase de passe solide";
    private static final String ADDRESS = "127.0.0.1";
    private static final Messages FR = Messages.of("fr");

    private final List<Services> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Services::close);
    }

    private Services open(String url) {
        Services s = new Services(Database.open(url, 4), new MutableClock(Instant.parse("2025-06-01T10:00:00Z")));
        opened.add(s);
        return s;
    }

    private Services fresh(Kind kind) {
        return open(TestDatabases.fresh(kind));
    }

    private static Problem problem(Runnable r) {
        Problem p = catchThrowableOfType(Problem.class, r::run);
        assertThat(p).as("expected a Problem").isNotNull();
        return p;
    }

    private static void assertEmpty(Services s) {
        assertThat(Rows.snapshot(s.db.jdbi())).allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void anEmptyDatabaseGetsAnAdminAndTheSampleBlogWithOnePost(Kind kind) {
        Services s = fresh(kind);
        FirstRun.Outcome created = FirstRun.ensure(s, null, null);

        assertThat(created).isNotNull();
        assertThat(created.adminEmail()).isEqualTo("admin@carnet.local");
        assertThat(created.sampleBlog()).isEqualTo(FirstRun.SAMPLE_BLOG).isEqualTo("bienvenue");
        assertThat(created.generatedPassword()).hasSize(20);

        var jdbi = s.db.jdbi();
        assertThat(Rows.countAll(jdbi, "app_user")).isEqualTo(1);
        assertThat(Rows.countAll(jdbi, "blog")).isEqualTo(1);
        assertThat(Rows.countAll(jdbi, "blog_member")).isEqualTo(1);
        assertThat(Rows.countAll(jdbi, "post")).isEqualTo(1);
        assertThat(Rows.countAll(jdbi, "invitation")).isZero();

        User admin = s.accounts.byEmail("admin@carnet.local").orElseThrow();
        assertThat(admin.instanceAdmin()).isTrue();
        assertThat(admin.displayName()).isEqualTo(FR.t("sample.admin.name"));
        assertThat(s.accounts.firstInstanceAdmin()).contains(admin);

        Blog blog = s.blogs.require("bienvenue");
        assertThat(blog.language()).isEqualTo("fr");
        assertThat(blog.commentPolicy()).isEqualTo(CommentPolicy.MEMBERS);
        assertThat(blog.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(blog.timeZone()).isEqualTo("Europe/Paris");
        assertThat(blog.title()).isEqualTo(FR.t("sample.blog.title"));
        assertThat(s.access.roleOf(Viewer.of(admin), blog)).contains(Role.ADMIN);

        List<Post> posts = s.reader.home(blog, null, 10).entries().stream().map(e -> e.post()).toList();
        assertThat(posts).hasSize(1);
        Post welcome = posts.get(0);
        assertThat(welcome.status()).isEqualTo(Post.Status.PUBLISHED);
        assertThat(welcome.path()).matches("/\\d{4}/\\d{2}/bienvenue-sur-carnet\\.html");
        assertThat(welcome.title()).isEqualTo(FR.t("sample.post.title"));
        assertThat(welcome.slug()).isEqualTo("bienvenue-sur-carnet");
        assertThat(welcome.authorId()).isEqualTo(admin.id());
        assertThat(welcome.bodyHtml()).isEqualTo(FR.t("sample.post.body"));

        // The password told to the operator opens the admin account.
        assertThat(s.accounts.signIn("admin@carnet.local", created.generatedPassword(), ADDRESS, null).user())
                .isEqualTo(admin);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void theGivenEmailAndPasswordAreUsedAndNoPasswordIsShown(Kind kind) {
        Services s = fresh(kind);
        FirstRun.Outcome created = FirstRun.ensure(s, "Chef@Example.org", PASSWORD);
        assertThat(created).isNotNull();
        assertThat(created.generatedPassword()).as("nothing to tell: the operator chose it").isNull();
        assertThat(created.adminEmail()).isEqualToIgnoringCase("chef@example.org");
        assertThat(s.accounts.byEmail("admin@carnet.local")).isEmpty();
        User admin = s.accounts.byEmail("chef@example.org").orElseThrow();
        assertThat(admin.instanceAdmin()).isTrue();
        assertThat(s.accounts.signIn("chef@example.org", PASSWORD, ADDRESS, null).user()).isEqualTo(admin);
        assertThat(problem(() -> s.accounts.signIn("chef@example.org", "another passphrase", ADDRESS, null)).key())
                .isEqualTo("signin.failed");
        assertThat(s.access.roleOf(Viewer.of(admin), s.blogs.require("bienvenue"))).contains(Role.ADMIN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aSecondCallDoesNothing(Kind kind) {
        String url = TestDatabases.fresh(kind);
        Services s = open(url);
        assertThat(FirstRun.ensure(s, null, null)).isNotNull();
        var after = Rows.snapshot(s.db.jdbi());

        assertThat(FirstRun.ensure(s, null, null)).isNull();
        assertThat(FirstRun.ensure(s, "other@example.org", PASSWORD)).isNull();
        // Nor does a restart (a new node on the same database).
        assertThat(FirstRun.ensure(open(url), null, null)).isNull();
        assertThat(Rows.snapshot(s.db.jdbi())).isEqualTo(after);
        assertThat(Rows.countAll(s.db.jdbi(), "app_user")).isEqualTo(1);
        assertThat(Rows.countAll(s.db.jdbi(), "post")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aDatabaseWithAccountsIsLeftAlone(Kind kind) {
        Services s = fresh(kind);
        s.accounts.create("first@example.org", "First", PASSWORD, false);
        assertThat(FirstRun.ensure(s, null, null)).isNull();
        assertThat(s.blogs.find("bienvenue")).isEmpty();
        assertThat(s.accounts.byEmail("admin@carnet.local")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aWeakPasswordIsRefusedAndALaterStartStillWorks(Kind kind) {
        Services s = fresh(kind);
        Problem weak = problem(() -> FirstRun.ensure(s, null, "password123"));
        assertThat(weak.kind()).isEqualTo(Problem.Kind.INVALID);
        assertThat(weak.key()).isEqualTo("password.tooWeak");
        assertThat(problem(() -> FirstRun.ensure(s, null, "short")).key()).isEqualTo("password.tooShort");
        assertThat(problem(() -> FirstRun.ensure(s, "boss@example.org", "Boss@Example.org")).key())
                .isEqualTo("password.tooWeak");
        assertEmpty(s);

        FirstRun.Outcome created = FirstRun.ensure(s, null, PASSWORD);
        assertThat(created).isNotNull();
        assertThat(s.accounts.signIn("admin@carnet.local", PASSWORD, ADDRESS, null).user().instanceAdmin()).isTrue();
        assertThat(s.reader.home(s.blogs.require("bienvenue"), null, 10).entries()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aFailureAfterTheLatchReleasesItForTheNextStart(Kind kind) {
        Services s = fresh(kind);
        // A good password but an address the account rules refuse: this fails after the once-only latch is taken.
        Problem bad = problem(() -> FirstRun.ensure(s, "not-an-email", PASSWORD));
        assertThat(bad.key()).isEqualTo("account.email.invalid");
        assertEmpty(s);
        assertThat(FirstRun.ensure(s, "boss@example.org", PASSWORD)).isNotNull();
        assertThat(s.accounts.byEmail("boss@example.org")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aFailureAfterTheAdminWasCreatedLeavesNoAccountBehind(Kind kind) {
        Services s = fresh(kind);
        // A blog already holds the sample's name (e.g. left by an import of blogs without their accounts).
        s.db.jdbi().useHandle(h -> h.execute("""
                INSERT INTO blog (name, title, description, language, time_zone, visibility, comment_policy, host,
                                  created_at, updated_at)
                VALUES ('bienvenue', 'Ancien', '', 'fr', 'Europe/Paris', 'PUBLIC', 'MEMBERS', NULL, 0, 0)"""));
        Problem p = problem(() -> FirstRun.ensure(s, null, null));
        assertThat(p.key()).isEqualTo("blog.name.taken");
        assertThat(Rows.countAll(s.db.jdbi(), "app_user"))
                .as("no admin account whose generated password was never shown").isZero();
        assertThat(Rows.countAll(s.db.jdbi(), "instance_setting")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void nodesStartingTogetherCreateTheSampleOnce(Kind kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        List<Services> nodes = List.of(open(url), open(url), open(url));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<FirstRun.Outcome>> results = new ArrayList<>();
            for (Services node : nodes) {
                Callable<FirstRun.Outcome> start = () -> {
                    go.await();
                    return FirstRun.ensure(node, null, PASSWORD);
                };
                results.add(pool.submit(start));
            }
            go.countDown();
            int created = 0;
            for (Future<FirstRun.Outcome> r : results) {
                if (org.carnet.testkit.Waits.result(r, "a node's first run") != null) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        var jdbi = nodes.get(0).db.jdbi();
        assertThat(Map.of("app_user", Rows.countAll(jdbi, "app_user"), "blog", Rows.countAll(jdbi, "blog"),
                "post", Rows.countAll(jdbi, "post"), "blog_member", Rows.countAll(jdbi, "blog_member")))
                .isEqualTo(Map.of("app_user", 1L, "blog", 1L, "post", 1L, "blog_member", 1L));
    }
}
