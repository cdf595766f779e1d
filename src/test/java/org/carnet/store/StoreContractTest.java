package org.carnet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.carnet.account.AccountService;
import org.carnet.account.Passwords;
import org.carnet.account.SignIn;
import org.carnet.app.Services;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogStore;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Invitation;
import org.carnet.blog.Member;
import org.carnet.blog.MembershipService;
import org.carnet.blog.Role;
import org.carnet.blog.Visibility;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.instance.InstanceSettings;
import org.carnet.post.Post;
import org.carnet.testkit.MutableClock;
import org.carnet.testkit.Rows;
import org.carnet.testkit.TestDatabases.Kind;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.Tier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The storage contract, checked the same way on SQLite and on PostgreSQL: every test runs once per dialect on
 * a fresh database, through the real stores and services (plain SQL only where a test needs to reach past
 * them, e.g. to plant a 64-bit id or to look at what is actually stored).
 */
@Tier.Postgres
@Isolated("it sets the JVM's default time zone for a while")
class StoreContractTest {

    private static final String PASSWORD = "une phrase de passe solide";
    private static final String ADDRESS = "198.51.100.7";

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Services open(String url, MutableClock clock) {
        Services s = new Services(Database.open(url, 4), clock);
        opened.add(s);
        return s;
    }

    private Services fresh(Kind kind, MutableClock clock) {
        return open(TestDatabases.fresh(kind), clock);
    }

    private Services fresh(Kind kind) {
        return fresh(kind, new MutableClock(Instant.parse("2025-06-01T10:00:00Z")));
    }

    private static Problem problem(Runnable r) {
        Problem p = catchThrowableOfType(Problem.class, r::run);
        assertThat(p).as("expected a Problem").isNotNull();
        return p;
    }

    private static long count(Services s, String sql, Object... args) {
        return Rows.count(s.db.jdbi(), sql, args);
    }

    private static Map<String, String> settings(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Viewer viewer(User u) {
        return Viewer.of(u);
    }

    /** The versions of the migration files on the class path (V1__x.sql -> "1"). */
    /** The shared migrations and the dialect's own (db/postgresql holds PostgreSQL's change notifications). */
    private static List<String> migrationVersions(Kind kind) throws IOException, URISyntaxException {
        List<String> versions = new java.util.ArrayList<>();
        for (String folder : List.of("db/migration", "db/" + kind.name().toLowerCase(java.util.Locale.ROOT))) {
            Path dir = Path.of(StoreContractTest.class.getClassLoader().getResource(folder).toURI());
            try (Stream<Path> files = Files.walk(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("V[0-9_.]+__.*\\.sql"))
                        .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                        .forEach(versions::add);
            }
        }
        return versions.stream().distinct().sorted(java.util.Comparator.comparing(
                (String v) -> new java.math.BigDecimal(v))).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDatabaseOfAnOlderVersionIsMigratedAtStart(Kind kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        // The database as an earlier Carnet left it: migrated up to V7 only.
        try (var ds = new com.zaxxer.hikari.HikariDataSource()) {
            ds.setJdbcUrl(url);
            Dialect dialect = Dialect.of(url);
            org.flywaydb.core.Flyway.configure().dataSource(ds)
                    .locations("classpath:db/migration", "classpath:db/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                    .placeholders(dialect.placeholders).target("7").load().migrate();
        }
        try (Database db = Database.open(url, 2)) {
            assertThat(Rows.countAll(db.jdbi(), "job_lease")).as("V8's table is there").isZero();
            List<String> applied = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(applied).isEqualTo(migrationVersions(kind));
        }
    }

    private static List<String> history(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT version, description, checksum, success FROM flyway_schema_history ORDER BY installed_rank")
                .mapToMap().list().stream().map(Object::toString).toList());
    }

    // ---------------------------------------------------------------- schema

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void migrationsRunOnceAndReopeningIsANoOp(Kind kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        List<String> before;
        try (Services first = new Services(Database.open(url, 4), clock)) {
            assertThat(first.db.dialect()).isEqualTo(kind == Kind.SQLITE ? Dialect.SQLITE : Dialect.POSTGRESQL);
            Jdbi jdbi = first.db.jdbi();
            List<String> applied = jdbi.withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(applied).isEqualTo(migrationVersions(kind)).isNotEmpty();
            // A start on a current database skips Flyway: the newest version it compares with must be the real one.
            assertThat(Database.latestMigration(first.db.dialect())).isEqualTo(applied.get(applied.size() - 1));
            assertThat(Rows.count(jdbi, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = FALSE"))
                    .isZero();
            for (String table : Rows.TABLES) {
                assertThat(Rows.countAll(jdbi, table)).as(table).isZero();
            }
            first.accounts.create("keep@example.org", "Keep", PASSWORD, false);
            before = history(jdbi);
        }
        try (Services second = new Services(Database.open(url, 4), clock)) {
            assertThat(history(second.db.jdbi())).as("the second open applies nothing").isEqualTo(before);
            assertThat(second.accounts.byEmail("keep@example.org")).as("and keeps the data").isPresent();
            assertThat(second.db.isHealthy()).isTrue();
        }
    }

    // ---------------------------------------------------------------- users

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void usersAreStoredLowerCasedAndFoundByEmailInAnyCase(Kind kind) {
        Services s = fresh(kind);
        User alice = s.accounts.create("  Alice.Martin@Example.ORG ", "  Alice Martin ", PASSWORD, false);
        assertThat(alice.email()).isEqualTo("alice.martin@example.org");
        assertThat(alice.displayName()).isEqualTo("Alice Martin");
        assertThat(alice.instanceAdmin()).isFalse();
        assertThat(count(s, "SELECT COUNT(*) FROM app_user WHERE email = ?", "alice.martin@example.org"))
                .as("stored lower-cased").isEqualTo(1);
        assertThat(s.accounts.byEmail("ALICE.MARTIN@example.org")).contains(alice);
        assertThat(s.accounts.byEmail(" alice.martin@example.org ")).contains(alice);
        assertThat(s.accounts.byId(alice.id())).contains(alice);
        assertThat(s.accounts.byEmail("bob@example.org")).isEmpty();
        assertThat(s.accounts.byId(alice.id() + 1000)).isEmpty();

        User admin = s.accounts.create("root@example.org", "Root", PASSWORD, true);
        assertThat(admin.instanceAdmin()).isTrue();
        assertThat(s.accounts.firstInstanceAdmin()).contains(admin);
        String hash = s.db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM app_user WHERE id = :id")
                .bind("id", admin.id()).mapTo(String.class).one());
        assertThat(hash).startsWith("$argon2id$").doesNotContain(PASSWORD);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void anEmailBelongsToOneAccountOnly(Kind kind) {
        Services s = fresh(kind);
        s.accounts.create("dup@example.org", "First", PASSWORD, false);
        Problem p = problem(() -> s.accounts.create("DUP@example.org", "Second", "another strong passphrase", false));
        assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT);
        assertThat(p.key()).isEqualTo("account.email.taken");
        assertThat(Rows.countAll(s.db.jdbi(), "app_user")).isEqualTo(1);
        assertThat(s.accounts.byEmail("dup@example.org").orElseThrow().displayName()).isEqualTo("First");
        // The database itself refuses a second row, whatever the service checks first.
        assertThatThrownBy(() -> s.db.jdbi().useHandle(h -> h.execute("""
                INSERT INTO app_user (email, display_name, password_hash, instance_admin, created_at)
                VALUES ('dup@example.org', 'Sneaky', 'x', FALSE, 0)""")))
                .isInstanceOf(RuntimeException.class);
        assertThat(Rows.countAll(s.db.jdbi(), "app_user")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- times

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void instantsRoundTripToTheMillisecondInUtc(Kind kind) {
        TimeZone saved = TimeZone.getDefault();
        // A JVM (and so a PostgreSQL session) in a zone with DST must not shift stored instants.
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
        try {
            // 01:30:00.123456789Z on 2024-03-31 is inside the hour Paris skips at the spring DST change.
            Instant t1 = Instant.parse("2024-03-31T01:30:00.123456789Z");
            MutableClock clock = new MutableClock(t1);
            Services s = fresh(kind, clock);
            User u = s.accounts.create("time@example.org", "Time", PASSWORD, false);
            Instant t1ms = t1.truncatedTo(ChronoUnit.MILLIS);
            assertThat(u.createdAt()).isEqualTo(t1ms);
            assertThat(s.accounts.byId(u.id()).orElseThrow().createdAt()).isEqualTo(t1ms);
            assertThat(count(s, "SELECT created_at FROM app_user WHERE id = ?", u.id()))
                    .as("stored as UTC epoch milliseconds").isEqualTo(t1ms.toEpochMilli());

            // Past 2^31 seconds (2038), where 32-bit times would wrap.
            Instant t2 = Instant.parse("2039-01-19T03:14:08.999Z");
            clock.advance(Duration.between(t1, t2));
            Blog b = s.blogs.create(u.id(), "le-temps", settings("title", "Le temps"));
            assertThat(b.createdAt()).isEqualTo(t2);
            assertThat(b.updatedAt()).isEqualTo(t2);
            clock.advance(Duration.ofMillis(1));
            Blog changed = s.blogs.changeSettings(b, settings("title", "Le temps passe"));
            assertThat(changed.createdAt()).isEqualTo(t2);
            assertThat(changed.updatedAt()).isEqualTo(t2.plusMillis(1));

            SignIn in = s.accounts.signIn("time@example.org", PASSWORD, ADDRESS, null);
            Viewer v = s.accounts.viewerFor(in.token());
            assertThat(v.session().createdAt()).isEqualTo(t2.plusMillis(1));
            assertThat(v.session().expiresAt()).isEqualTo(t2.plusMillis(1).plus(AccountService.SESSION_LIFETIME));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    // ---------------------------------------------------------------- 64-bit ids

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void idsAre64Bit(Kind kind) {
        Services s = fresh(kind);
        Jdbi jdbi = s.db.jdbi();
        long userId = (1L << 40) + 12_345;
        long blogId = (1L << 53) + 1; // not exactly representable as a double
        String hash = Passwords.hash(PASSWORD);
        jdbi.useHandle(h -> {
            h.execute("""
                    INSERT INTO app_user (id, email, display_name, password_hash, instance_admin, created_at)
                    VALUES (?, 'big@example.org', 'Big', ?, FALSE, 0)""", userId, hash);
            h.execute("""
                    INSERT INTO blog (id, name, title, description, language, time_zone, visibility, comment_policy,
                                      host, created_at, updated_at)
                    VALUES (?, 'grand', 'Grand', '', 'fr', 'Europe/Paris', 'PUBLIC', 'MEMBERS', 'grand.example.org',
                            0, 0)""", blogId);
        });

        User big = s.accounts.byEmail("big@example.org").orElseThrow();
        assertThat(big.id()).isEqualTo(userId);
        assertThat(s.accounts.byId(userId)).contains(big);
        SignIn in = s.accounts.signIn("big@example.org", PASSWORD, ADDRESS, null);
        assertThat(in.session().userId()).isEqualTo(userId);
        Viewer v = s.accounts.viewerFor(in.token());
        assertThat(v.userId()).isEqualTo(userId);

        Blog grand = s.blogs.find("grand").orElseThrow();
        assertThat(grand.id()).isEqualTo(blogId);
        assertThat(s.blogs.byHost("grand.example.org").orElseThrow().id()).isEqualTo(blogId);
        s.memberships.setRole(grand, userId, Role.ADMIN);
        assertThat(s.access.roleOf(v, grand)).contains(Role.ADMIN);
        assertThat(s.blogs.blogsOf(v)).extracting(m -> m.blog().id()).containsExactly(blogId);
        assertThat(s.memberships.members(v, grand)).extracting(Member::blogId, Member::userId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(blogId, userId));

        long postId = publish(s, v, grand, "Grand titre");
        Post post = s.reader.home(grand, null, 10).entries().get(0).post();
        assertThat(post.id()).isEqualTo(postId);
        assertThat(post.blogId()).isEqualTo(blogId);
        assertThat(post.authorId()).isEqualTo(userId);

        MembershipService.NewInvitation inv = s.memberships.invite(v, grand, Role.READER);
        Invitation pending = s.memberships.pendingInvitations(v, grand).get(0);
        assertThat(pending.id()).isEqualTo(inv.id());
        assertThat(pending.blogId()).isEqualTo(blogId);
        assertThat(pending.createdBy()).isEqualTo(userId);

        // Keys generated after the planted ones still work and do not collide with them.
        User next = s.accounts.create("next@example.org", "Next", PASSWORD, false);
        assertThat(next.id()).isPositive().isNotEqualTo(userId);
        assertThat(s.accounts.byId(next.id())).contains(next);
        Blog other = s.blogs.create(next.id(), "suivant", settings("title", "Suivant"));
        assertThat(other.id()).isPositive().isNotEqualTo(blogId);
        assertThat(s.blogs.find("suivant").orElseThrow().id()).isEqualTo(other.id());
        assertThat(s.access.roleOf(viewer(next), other)).contains(Role.ADMIN);
        if (kind == Kind.SQLITE) {
            // SQLite's rowid continues after the largest key: generated keys are 64-bit there too.
            assertThat(next.id()).isEqualTo(userId + 1);
            assertThat(other.id()).isEqualTo(blogId + 1);
        }
    }

    // ---------------------------------------------------------------- blogs

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void blogsAreCreatedFoundByNameAndHostUpdatedAndDeleted(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services s = fresh(kind, clock);
        User owner = s.accounts.create("owner@example.org", "Owner", PASSWORD, false);
        User stranger = s.accounts.create("stranger@example.org", "Stranger", PASSWORD, false);
        Instant created = clock.instant();

        Blog b = s.blogs.create(owner.id(), "voyage", settings("title", "Carnet de voyage", "language", "en",
                "time-zone", "America/Montreal", "comment-policy", "anyone", "host", "Voyage.Example.ORG",
                "description", "Partout"));
        assertThat(b.id()).isPositive();
        assertThat(b.name()).isEqualTo("voyage");
        assertThat(b.title()).isEqualTo("Carnet de voyage");
        assertThat(b.description()).isEqualTo("Partout");
        assertThat(b.language()).isEqualTo("en");
        assertThat(b.timeZone()).isEqualTo("America/Montreal");
        assertThat(b.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(b.commentPolicy()).isEqualTo(CommentPolicy.ANYONE);
        assertThat(b.host()).isEqualTo("voyage.example.org");
        assertThat(b.createdAt()).isEqualTo(created);
        assertThat(s.blogs.find("voyage")).contains(b);
        assertThat(s.blogs.require("voyage")).isEqualTo(b);
        assertThat(s.blogs.byHost("voyage.example.org")).contains(b);
        assertThat(s.blogs.find("nowhere")).isEmpty();
        assertThat(problem(() -> s.blogs.require("nowhere")).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThat(s.blogs.publicBlogs()).extracting(Blog::name).containsExactly("voyage");
        // Defaults of a blog created with only a title.
        Blog plain = s.blogs.create(owner.id(), "simple", settings("title", "Simple"));
        assertThat(plain.language()).isEqualTo("fr");
        assertThat(plain.timeZone()).isEqualTo("Europe/Paris");
        assertThat(plain.commentPolicy()).isEqualTo(CommentPolicy.REGISTERED);
        assertThat(plain.host()).isNull();

        // A taken name or host is refused and creates nothing.
        Problem taken = problem(() -> s.blogs.create(stranger.id(), "voyage", settings("title", "Autre")));
        assertThat(taken.kind()).isEqualTo(Problem.Kind.CONFLICT);
        assertThat(taken.key()).isEqualTo("blog.name.taken");
        Problem hostTaken = problem(() -> s.blogs.create(stranger.id(), "autre", settings("title", "Autre",
                "host", "voyage.example.org")));
        assertThat(hostTaken.kind()).isEqualTo(Problem.Kind.CONFLICT);
        assertThat(hostTaken.key()).isEqualTo("blog.host.taken");
        assertThat(s.blogs.find("autre")).isEmpty();
        assertThat(count(s, "SELECT COUNT(*) FROM blog_member WHERE user_id = ?", stranger.id())).isZero();

        // Settings change: only an admin may, and the change is stored with its time.
        clock.advance(Duration.ofMinutes(5));
        Map<String, String> changes = settings("title", "Voyages", "visibility", "private",
                "comment-policy", "nobody", "host", "", "time-zone", "Asia/Tokyo", "language", "fr");
        assertThat(problem(() -> s.blogs.changeSettings(viewer(stranger), b, changes)).kind())
                .isEqualTo(Problem.Kind.FORBIDDEN);
        assertThat(s.blogs.find("voyage")).contains(b);
        Blog changed = s.blogs.changeSettings(viewer(owner), b, changes);
        Blog reread = s.blogs.find("voyage").orElseThrow();
        assertThat(reread).isEqualTo(changed);
        assertThat(reread.title()).isEqualTo("Voyages");
        assertThat(reread.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(reread.commentPolicy()).isEqualTo(CommentPolicy.NOBODY);
        assertThat(reread.host()).isNull();
        assertThat(reread.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(reread.language()).isEqualTo("fr");
        assertThat(reread.createdAt()).isEqualTo(created);
        assertThat(reread.updatedAt()).isEqualTo(clock.instant());
        assertThat(s.blogs.byHost("voyage.example.org")).as("the old host is free again").isEmpty();
        assertThat(s.blogs.publicBlogs()).extracting(Blog::name).containsExactly("simple");
        // A bad change is refused whole.
        Problem bad = problem(() -> s.blogs.changeSettings(reread, settings("title", "Nouveau", "language", "xx")));
        assertThat(bad.kind()).isEqualTo(Problem.Kind.INVALID);
        assertThat(s.blogs.find("voyage")).contains(reread);

        // Delete: admin only, with the name typed as confirmation.
        assertThat(problem(() -> s.blogs.delete(viewer(stranger), reread, "voyage")).kind())
                .isEqualTo(Problem.Kind.FORBIDDEN);
        assertThat(problem(() -> s.blogs.delete(viewer(owner), reread, "voyages")).key())
                .isEqualTo("blog.delete.confirmMismatch");
        assertThat(s.blogs.find("voyage")).isPresent();
        s.blogs.delete(viewer(owner), reread, " voyage ");
        assertThat(s.blogs.find("voyage")).isEmpty();
        assertThat(s.blogs.find("simple")).contains(plain);
        // The name can be used again.
        assertThat(s.blogs.create(stranger.id(), "voyage", settings("title", "Nouveau voyage")).title())
                .isEqualTo("Nouveau voyage");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void deletingABlogDeletesItsMembersInvitationsAndPostsOnly(Kind kind) {
        Services s = fresh(kind);
        User owner = s.accounts.create("owner@example.org", "Owner", PASSWORD, false);
        User author = s.accounts.create("author@example.org", "Author", PASSWORD, false);
        Blog doomed = s.blogs.create(owner.id(), "condamne", settings("title", "Condamné"));
        Blog kept = s.blogs.create(owner.id(), "garde", settings("title", "Gardé"));
        for (Blog b : List.of(doomed, kept)) {
            s.memberships.setRole(b, author.id(), Role.AUTHOR);
            s.memberships.invite(viewer(owner), b, Role.READER);
            publish(s, viewer(author), b, "Un billet");
            publish(s, viewer(owner), b, "Un autre");
        }
        String[] tables = {"blog_member", "invitation", "post"};
        Map<String, Long> keptBefore = new LinkedHashMap<>();
        for (String t : tables) {
            assertThat(count(s, "SELECT COUNT(*) FROM " + t + " WHERE blog_id = ?", doomed.id())).as(t).isPositive();
            keptBefore.put(t, count(s, "SELECT COUNT(*) FROM " + t + " WHERE blog_id = ?", kept.id()));
        }

        s.blogs.delete(viewer(owner), doomed, "condamne");

        for (String t : tables) {
            assertThat(count(s, "SELECT COUNT(*) FROM " + t + " WHERE blog_id = ?", doomed.id()))
                    .as(t + " rows of the deleted blog").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM " + t + " WHERE blog_id = ?", kept.id()))
                    .as(t + " rows of the other blog").isEqualTo(keptBefore.get(t));
        }
        assertThat(Rows.countAll(s.db.jdbi(), "app_user")).as("accounts stay").isEqualTo(2);
        assertThat(s.reader.home(kept, null, 10).entries()).hasSize(2);
        assertThat(s.access.roleOf(viewer(author), kept)).contains(Role.AUTHOR);
    }

    // ---------------------------------------------------------------- membership

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void membershipRolesDecideWhatEachMemberMayDo(Kind kind) {
        Services s = fresh(kind);
        User owner = s.accounts.create("owner@example.org", "Owner", PASSWORD, false);
        User author = s.accounts.create("author@example.org", "Author", PASSWORD, false);
        User reader = s.accounts.create("reader@example.org", "Reader", PASSWORD, false);
        User outsider = s.accounts.create("outsider@example.org", "Outsider", PASSWORD, false);
        Blog b = s.blogs.create(owner.id(), "prive", settings("title", "Privé", "visibility", "private"));

        assertThat(s.access.roleOf(viewer(owner), b)).as("the creator is its admin").contains(Role.ADMIN);
        s.memberships.setRole(b, author.id(), Role.AUTHOR);
        s.memberships.setRole(b, reader.id(), Role.READER);
        assertThat(s.memberships.members(viewer(owner), b))
                .extracting(Member::email, Member::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("owner@example.org", Role.ADMIN),
                        org.assertj.core.groups.Tuple.tuple("author@example.org", Role.AUTHOR),
                        org.assertj.core.groups.Tuple.tuple("reader@example.org", Role.READER));
        assertThat(s.access.roleOf(viewer(outsider), b)).isEmpty();
        assertThat(s.access.roleOf(Viewer.anonymous(), b)).isEmpty();
        assertThat(s.blogs.blogsOf(viewer(author))).extracting(BlogStore.MyBlog::role).containsExactly(Role.AUTHOR);

        assertThat(s.access.may(viewer(author), b, Action.WRITE_POST)).isTrue();
        assertThat(s.access.may(viewer(author), b, Action.CHANGE_SETTINGS)).isFalse();
        assertThat(s.access.may(viewer(reader), b, Action.READ)).isTrue();
        assertThat(s.access.may(viewer(reader), b, Action.WRITE_POST)).isFalse();
        assertThat(s.access.may(viewer(outsider), b, Action.READ)).isFalse();
        assertThat(problem(() -> s.blogs.requireReadable(Viewer.anonymous(), "prive")).kind())
                .isEqualTo(Problem.Kind.SIGN_IN_REQUIRED);
        assertThat(problem(() -> s.blogs.requireReadable(viewer(outsider), "prive")).kind())
                .isEqualTo(Problem.Kind.FORBIDDEN);
        assertThat(s.blogs.requireReadable(viewer(reader), "prive").id()).isEqualTo(b.id());
        assertThat(problem(() -> s.memberships.members(viewer(author), b)).kind()).isEqualTo(Problem.Kind.FORBIDDEN);

        // The last admin can be neither demoted nor removed, nor leave.
        assertThat(problem(() -> s.memberships.setRole(b, owner.id(), Role.AUTHOR)).key())
                .isEqualTo("member.lastAdmin.demote");
        assertThat(problem(() -> s.memberships.remove(viewer(owner), b, owner.id())).kind())
                .isEqualTo(Problem.Kind.CONFLICT);
        assertThat(problem(() -> s.memberships.leave(viewer(owner), b)).kind()).isEqualTo(Problem.Kind.CONFLICT);
        assertThat(s.access.roleOf(viewer(owner), b)).contains(Role.ADMIN);
        // ... until there is another one.
        s.memberships.changeRole(viewer(owner), b, author.id(), Role.ADMIN);
        s.memberships.setRole(b, owner.id(), Role.READER);
        assertThat(s.access.roleOf(viewer(owner), b)).contains(Role.READER);
        assertThat(s.access.may(viewer(owner), b, Action.CHANGE_SETTINGS)).isFalse();
        assertThat(s.access.may(viewer(author), b, Action.DELETE_BLOG)).isTrue();

        s.memberships.remove(viewer(author), b, reader.id());
        assertThat(s.access.roleOf(viewer(reader), b)).isEmpty();
        s.memberships.leave(viewer(owner), b);
        assertThat(s.access.roleOf(viewer(owner), b)).isEmpty();

        // Invitations: single use; an existing member keeps the higher role.
        MembershipService.NewInvitation asAuthor = s.memberships.invite(viewer(author), b, Role.AUTHOR);
        assertThat(s.memberships.lookUp(asAuthor.token()).blog().id()).isEqualTo(b.id());
        assertThat(s.memberships.accept(viewer(outsider), asAuthor.token()).id()).isEqualTo(b.id());
        assertThat(s.access.roleOf(viewer(outsider), b)).contains(Role.AUTHOR);
        assertThat(problem(() -> s.memberships.accept(viewer(reader), asAuthor.token())).key())
                .isEqualTo("invitation.used");
        assertThat(s.access.roleOf(viewer(reader), b)).isEmpty();
        MembershipService.NewInvitation asReader = s.memberships.invite(viewer(author), b, Role.READER);
        s.memberships.accept(viewer(outsider), asReader.token());
        assertThat(s.access.roleOf(viewer(outsider), b)).as("not demoted by a lesser invitation").contains(Role.AUTHOR);
        assertThat(problem(() -> s.memberships.accept(viewer(reader), "no-such-token")).kind())
                .isEqualTo(Problem.Kind.NOT_FOUND);
    }

    // ---------------------------------------------------------------- sessions

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void sessionsAreStoredHashedAndEndAtExpiryOrSignOut(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services s = fresh(kind, clock);
        User u = s.accounts.create("sam@example.org", "Sam", PASSWORD, false);

        SignIn in = s.accounts.signIn("  SAM@example.org ", PASSWORD, ADDRESS, null);
        assertThat(in.user()).isEqualTo(u);
        assertThat(in.session().tokenHash()).isEqualTo(Tokens.sha256(in.token()));
        assertThat(count(s, "SELECT COUNT(*) FROM user_session WHERE token_hash = ?", in.token()))
                .as("the raw token is never stored").isZero();
        assertThat(count(s, "SELECT COUNT(*) FROM user_session WHERE token_hash = ? AND user_id = ?",
                Tokens.sha256(in.token()), u.id())).isEqualTo(1);
        assertThat(in.session().expiresAt()).isEqualTo(clock.instant().plus(AccountService.SESSION_LIFETIME));

        Viewer v = s.accounts.viewerFor(in.token());
        assertThat(v.signedIn()).isTrue();
        assertThat(v.user()).isEqualTo(u);
        assertThat(v.session()).isEqualTo(in.session());
        assertThat(s.accounts.viewerFor(in.token() + "x").signedIn()).isFalse();
        assertThat(s.accounts.viewerFor(in.session().tokenHash()).signedIn()).as("the hash is no key").isFalse();
        assertThat(s.accounts.viewerFor(null).signedIn()).isFalse();
        assertThat(s.accounts.viewerFor("").signedIn()).isFalse();

        // Still valid one second before the end of the lifetime, gone at it.
        clock.advance(AccountService.SESSION_LIFETIME.minusSeconds(1));
        assertThat(s.accounts.viewerFor(in.token()).signedIn()).isTrue();
        SignIn later = s.accounts.signIn("sam@example.org", PASSWORD, ADDRESS, null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.accounts.viewerFor(in.token()).signedIn()).isFalse();
        assertThat(s.accounts.viewerFor(later.token()).signedIn()).isTrue();
        assertThat(s.accounts.deleteExpiredSessions()).isEqualTo(1);
        assertThat(Rows.countAll(s.db.jdbi(), "user_session")).isEqualTo(1);
        assertThat(s.accounts.viewerFor(later.token()).user()).isEqualTo(u);

        // Signing out ends that session only.
        SignIn third = s.accounts.signIn("sam@example.org", PASSWORD, ADDRESS, null);
        s.accounts.signOut(s.accounts.viewerFor(later.token()));
        assertThat(s.accounts.viewerFor(later.token()).signedIn()).isFalse();
        assertThat(count(s, "SELECT COUNT(*) FROM user_session WHERE token_hash = ?", later.session().tokenHash()))
                .isZero();
        assertThat(s.accounts.viewerFor(third.token()).signedIn()).isTrue();
        s.accounts.signOut(Viewer.anonymous()); // nothing to do, no failure
        assertThat(Rows.countAll(s.db.jdbi(), "user_session")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- rate limits

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void signInFailuresAreLimitedPerAccountAndAddressUntilTheWindowEnds(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services s = fresh(kind, clock);
        s.accounts.create("rita@example.org", "Rita", PASSWORD, false);
        for (int i = 0; i < AccountService.MAX_FAILURES_PER_ACCOUNT; i++) {
            Problem p = problem(() -> s.accounts.signIn("rita@example.org", "not the right one", ADDRESS, null));
            assertThat(p.key()).isEqualTo("signin.failed");
        }
        assertThat(count(s, "SELECT hits FROM rate_limit WHERE bucket = ?", "signin:pair:rita@example.org|" + ADDRESS))
                .isEqualTo(AccountService.MAX_FAILURES_PER_ACCOUNT);

        Problem blocked = problem(() -> s.accounts.signIn("Rita@Example.org", PASSWORD, ADDRESS, null));
        assertThat(blocked.kind()).isEqualTo(Problem.Kind.TOO_MANY);
        assertThat(blocked.args()).containsExactly(15L);
        clock.advance(Duration.ofMinutes(10));
        assertThat(problem(() -> s.accounts.signIn("rita@example.org", PASSWORD, ADDRESS, null)).args())
                .as("minutes left").containsExactly(5L);
        assertThat(Rows.countAll(s.db.jdbi(), "user_session")).isZero();
        assertThat(s.accounts.signIn("rita@example.org", PASSWORD, "203.0.113.9", null).user().email())
                .as("the guesser's address is blocked, not the account: its owner elsewhere gets in")
                .isEqualTo("rita@example.org");

        clock.advance(Duration.ofMinutes(5));
        assertThat(s.accounts.signIn("rita@example.org", PASSWORD, ADDRESS, null).user().email())
                .isEqualTo("rita@example.org");
        assertThat(count(s, "SELECT COUNT(*) FROM rate_limit WHERE bucket = ?", "signin:pair:rita@example.org|"
                + ADDRESS)).as("a successful sign-in clears its own failures").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aBrowserThatSignedInBeforeGetsInWhileGuessersFromEverywhereAreRefused(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services s = fresh(kind, clock);
        s.accounts.create("owner@example.org", "Owner", PASSWORD, false);
        String device = s.accounts.signIn("owner@example.org", PASSWORD, "198.51.100.1", null).deviceToken();
        // Guessers from many addresses, each staying under its own limits, reach the account's limit.
        for (int i = 0; i < AccountService.MAX_UNKNOWN_FAILURES_PER_ACCOUNT; i++) {
            String from = "10.0." + (i / 4) + "." + (i % 4);
            problem(() -> s.accounts.signIn("owner@example.org", "a guess", from, null));
        }
        assertThat(problem(() -> s.accounts.signIn("owner@example.org", PASSWORD, "192.0.2.200", null)).kind())
                .as("an unknown browser is refused for now").isEqualTo(Problem.Kind.TOO_MANY);
        assertThat(s.accounts.signIn("owner@example.org", PASSWORD, "192.0.2.200", device).user().email())
                .as("the owner's own browser gets in, from any address").isEqualTo("owner@example.org");
        assertThat(problem(() -> s.accounts.signIn("owner@example.org", PASSWORD, "192.0.2.200",
                device.substring(0, device.length() - 2) + "xx")).kind())
                .as("a forged device token counts for nothing").isEqualTo(Problem.Kind.TOO_MANY);
        String other = s.accounts.create("other@example.org", "Other", PASSWORD, false).email();
        assertThat(problem(() -> s.accounts.signIn(other, "wrong wrong wrong", "192.0.2.7", device)).key())
                .as("a device token of another account is no device token here").isEqualTo("signin.failed");
        // The device token is limited on its own.
        for (int i = 0; i < AccountService.MAX_FAILURES_PER_DEVICE; i++) {
            problem(() -> s.accounts.signIn("owner@example.org", "typo typo typo", "192.0.2.201", device));
        }
        assertThat(problem(() -> s.accounts.signIn("owner@example.org", PASSWORD, "192.0.2.201", device)).kind())
                .isEqualTo(Problem.Kind.TOO_MANY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void failuresOfAnOldWindowDoNotCount(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services s = fresh(kind, clock);
        s.accounts.create("tom@example.org", "Tom", PASSWORD, false);
        int n = AccountService.MAX_FAILURES_PER_ACCOUNT - 1;
        for (int i = 0; i < n; i++) {
            problem(() -> s.accounts.signIn("tom@example.org", "wrong wrong wrong", ADDRESS, null));
        }
        clock.advance(AccountService.FAILURE_WINDOW.plusSeconds(1));
        for (int i = 0; i < n; i++) {
            problem(() -> s.accounts.signIn("tom@example.org", "wrong wrong wrong", ADDRESS, null));
        }
        assertThat(count(s, "SELECT hits FROM rate_limit WHERE bucket = ?", "signin:pair:tom@example.org|" + ADDRESS))
                .as("a new window started").isEqualTo(n);
        assertThat(count(s, "SELECT window_start FROM rate_limit WHERE bucket = ?", "signin:pair:tom@example.org|" + ADDRESS))
                .isEqualTo(clock.instant().toEpochMilli());
        assertThat(s.accounts.signIn("tom@example.org", PASSWORD, ADDRESS, null).user().email())
                .isEqualTo("tom@example.org");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void signInFailuresAreLimitedPerAddress(Kind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services s = fresh(kind, clock);
        s.accounts.create("una@example.org", "Una", PASSWORD, false);
        for (int i = 0; i < AccountService.MAX_FAILURES_PER_ADDRESS; i++) {
            int n = i;
            problem(() -> s.accounts.signIn("nobody" + n + "@example.org", PASSWORD, ADDRESS, null));
        }
        Problem blocked = problem(() -> s.accounts.signIn("una@example.org", PASSWORD, ADDRESS, null));
        assertThat(blocked.kind()).isEqualTo(Problem.Kind.TOO_MANY);
        assertThat(s.accounts.signIn("una@example.org", PASSWORD, "192.0.2.44", null).user().email())
                .as("another address is not blocked").isEqualTo("una@example.org");
        clock.advance(AccountService.FAILURE_WINDOW);
        assertThat(s.accounts.signIn("una@example.org", PASSWORD, ADDRESS, null).user().email()).isEqualTo("una@example.org");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void rateLimitStoreCountsFixedWindows(Kind kind) {
        Services s = fresh(kind);
        RateLimitStore limits = new RateLimitStore();
        Duration w = Duration.ofMinutes(1);
        Instant t = Instant.parse("2025-06-01T10:00:00.250Z");
        s.db.jdbi().useHandle(h -> {
            assertThat(limits.hits(h, "a", w, t)).isZero();
            assertThat(limits.windowEnd(h, "a", w, t)).isEqualTo(t);
            limits.hit(h, "a", w, t);
            limits.hit(h, "a", w, t.plusSeconds(10));
            limits.hit(h, "a", w, t.plusSeconds(59));
            limits.hit(h, "b", w, t);
            assertThat(limits.hits(h, "a", w, t.plus(w).minusMillis(1))).isEqualTo(3);
            assertThat(limits.hits(h, "b", w, t.plusSeconds(1))).isEqualTo(1);
            assertThat(limits.windowEnd(h, "a", w, t.plusSeconds(30))).isEqualTo(t.plus(w));
            assertThat(limits.hits(h, "a", w, t.plus(w))).as("the window has passed").isZero();

            limits.hit(h, "a", w, t.plus(w));
            assertThat(limits.hits(h, "a", w, t.plus(w))).as("a new window starts at 1").isEqualTo(1);
            assertThat(limits.windowEnd(h, "a", w, t.plus(w))).isEqualTo(t.plus(w).plus(w));

            limits.clear(h, "a");
            assertThat(limits.hits(h, "a", w, t.plus(w))).isZero();
            assertThat(limits.hits(h, "b", w, t.plusSeconds(1))).as("other buckets stay").isEqualTo(1);
        });
    }

    // ---------------------------------------------------------------- instance settings

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void instanceSettingsAreStoredAndSharedByEveryNode(Kind kind) {
        String url = TestDatabases.fresh(kind);
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Services node1 = open(url, clock);
        Services node2 = open(url, clock);

        assertThat(node1.instance.get(InstanceSettings.SIGNUP)).as("default").isEqualTo("open");
        assertThat(node1.instance.signupOpen()).isTrue();
        assertThat(Rows.countAll(node1.db.jdbi(), "instance_setting")).as("defaults are not stored").isZero();
        assertThat(node1.instance.get("no-such-setting")).isNull();

        node1.instance.set("signup", "closed");
        assertThat(node2.instance.get("signup")).isEqualTo("closed");
        assertThat(node2.instance.signupOpen()).isFalse();
        Problem closed = problem(() -> node2.accounts.signUp("new@example.org", "New", PASSWORD, false));
        assertThat(closed.kind()).isEqualTo(Problem.Kind.FORBIDDEN);
        assertThat(node2.accounts.byEmail("new@example.org")).isEmpty();

        assertThat(problem(() -> node1.instance.set("colour", "blue")).key()).isEqualTo("instance.setting.unknown");
        assertThat(problem(() -> node1.instance.set("signup", "maybe")).key())
                .isEqualTo("instance.setting.signup.invalid");
        assertThat(node2.instance.get("signup")).isEqualTo("closed");
        assertThat(node1.instance.get("colour")).isNull();

        node2.instance.set("signup", "open");
        assertThat(node1.instance.signupOpen()).isTrue();
        assertThat(node1.accounts.signUp("new@example.org", "New", PASSWORD, false).email()).isEqualTo("new@example.org");

        // putIfAbsent is a once-only latch; put overwrites.
        Jdbi jdbi = node1.db.jdbi();
        boolean first = jdbi.inTransaction(h -> InstanceSettings.putIfAbsent(h, "latch", "first"));
        boolean second = jdbi.inTransaction(h -> InstanceSettings.putIfAbsent(h, "latch", "second"));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        Optional<String> kept = jdbi.withHandle(h -> InstanceSettings.find(h, "latch"));
        assertThat(kept).contains("first");
        jdbi.useHandle(h -> InstanceSettings.put(h, "latch", "third"));
        Optional<String> overwritten = node2.db.jdbi().withHandle(h -> InstanceSettings.find(h, "latch"));
        assertThat(overwritten).contains("third");
        Optional<String> missing = jdbi.withHandle(h -> InstanceSettings.find(h, "missing"));
        assertThat(missing).isEmpty();
    }

    private static long publish(Services s, Viewer who, Blog blog, String title) {
        return s.posts.create(who, blog, new org.carnet.post.PostInput(Post.Kind.POST, title,
                org.carnet.post.BodyFormat.HTML, "<p>Texte</p>", "", "", "", ""),
                org.carnet.post.PostService.Intent.PUBLISH);
    }
}
