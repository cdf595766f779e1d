package org.carnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.Carnet;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogSettings;
import org.carnet.blog.CommentPolicy;
import org.carnet.blog.Role;
import org.carnet.blog.Visibility;
import org.carnet.core.Messages;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.store.Database;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.Tier;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The `carnet` command line, run in-process on a fresh database; its effects are checked through Services
 * opened on the same database, the way a running server would see them.
 */
@Tier.Postgres
class CliTest {

    /** Only used by the test that runs the CLI against a live server's database. */
    @RegisterExtension
    static final CarnetExtension server = CarnetExtension.sqlite();

    private static final String PASSWORD = "une phrase de passe solide";
    /** The CLI speaks the terminal's language (LANG); the expected messages follow the same rule. */
    private static final Messages M = Messages.of(
            System.getenv("LANG") != null && System.getenv("LANG").startsWith("fr") ? "fr" : "en");

    private String db;
    private Services services;
    private final List<Services> extra = new ArrayList<>();

    record Run(int code, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.freshSqlite();
        services = new Services(Database.open(db, 2), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        services.close();
        extra.forEach(Services::close);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs `carnet GROUP SUB --db URL REST...` with an empty stdin. */
    private static Run carnetOn(String url, String group, String sub, String... rest) {
        return carnetWithStdin(null, url, group, sub, rest);
    }

    private Run carnet(String group, String sub, String... rest) {
        return carnetOn(db, group, sub, rest);
    }

    private static Run carnetWithStdin(String stdin, String url, String group, String sub, String... rest) {
        List<String> args = new ArrayList<>(List.of(group, sub, "--db", url));
        args.addAll(Arrays.asList(rest));
        InputStream savedIn = System.in;
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Carnet.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(savedIn);
        }
    }

    /** A refusal: non-zero exit, one clear translated message on stderr, no stack trace, nothing on stdout. */
    private static void assertRefused(Run r, String expectedMessage) {
        assertThat(r.code()).as("exit code; err=%s", r.err()).isNotZero();
        assertThat(r.err()).startsWith("error: ").contains(expectedMessage)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.carnet");
        assertThat(r.out()).isEmpty();
    }

    private Map<String, List<String>> snapshot() {
        return Rows.snapshot(services.db.jdbi());
    }

    private void addUser(String email, String name) {
        Run r = carnetWithStdin(PASSWORD + "\n", db, "user", "add", "--email", email, "--name", name,
                "--password-stdin");
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** A user alice@example.org with a blog "journal" she owns. */
    private void aliceAndHerJournal() {
        addUser("alice@example.org", "Alice");
        Run r = carnet("blog", "create", "journal", "--title", "Mon journal", "--owner", "alice@example.org");
        assertThat(r.code()).as(r.err()).isZero();
    }

    // ---------------------------------------------------------------- help

    /** Runs `carnet ARGS...` as a terminal would, without a database. */
    private static Run carnetAlone(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Carnet.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Every command's path from the top (["user", "add"], ...), found in the tree picocli builds. */
    private static List<List<String>> everyCommand(CommandLine command, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        all.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            all.addAll(everyCommand(sub, deeper));
        });
        return all;
    }

    @Test
    void everyCommandAndSubcommandAnswersHelp() {
        List<List<String>> commands = everyCommand(new CommandLine(new Carnet()), List.of());
        // The tree as it is today, so that the walk is known to reach the leaves (a command added later is walked
        // too, without changing this test).
        assertThat(commands).contains(List.of(), List.of("user"), List.of("user", "add"), List.of("blog", "set"),
                List.of("import", "blogger"), List.of("import", "wordpress"), List.of("export", "blogger"),
                List.of("serve"), List.of("reindex"));
        for (List<String> path : commands) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = carnetAlone(args.toArray(String[]::new));
            String line = String.join(" ", args);
            assertThat(r.code()).as("exit code of %s; err=%s", line, r.err()).isZero();
            assertThat(r.err()).as("stderr of %s", line).isEmpty();
            assertThat(r.out()).as("stdout of %s", line)
                    .startsWith(path.isEmpty() ? "Usage: carnet" : "Usage: carnet " + String.join(" ", path) + " ")
                    .contains("-h, --help");
        }
    }

    @Test
    void blogSetHelpNamesEveryKeyWithItsValues() {
        Run r = carnetAlone("blog", "set", "--help");
        assertThat(r.code()).isZero();
        for (String key : BlogSettings.KEYS) {
            // "  key   values...": the key at the start of its own line, followed by what it takes.
            assertThat(r.out()).as("help of blog set for %s", key).containsPattern("(?m)^\\s+" + Pattern.quote(key)
                    + "\\s{2,}\\S");
        }
        assertThat(r.out()).contains("anyone | registered | members | nobody").contains("never | always | older:N")
                .contains("visible | hidden").contains("1 to 50").contains("public | private");
    }

    // ---------------------------------------------------------------- users

    @Test
    void userAddReadsThePasswordFromStdin() {
        Run r = carnetWithStdin(PASSWORD + "\nignored second line\n", db, "user", "add",
                "--email", "Zoe@Example.org", "--name", "Zoé Durand", "--password-stdin");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        User zoe = services.accounts.byEmail("zoe@example.org").orElseThrow();
        assertThat(r.out()).contains("Created account zoe@example.org (id " + zoe.id() + ")")
                .doesNotContain(PASSWORD).doesNotContain("Password");
        assertThat(zoe.displayName()).isEqualTo("Zoé Durand");
        assertThat(zoe.instanceAdmin()).isFalse();
        assertThat(services.accounts.signIn("zoe@example.org", PASSWORD, "127.0.0.1", null).user()).isEqualTo(zoe);
    }

    @Test
    void userPasswordSetsANewPasswordAndEndsEverySession() {
        addUser("oubli@example.org", "Oubli");
        var before = services.accounts.signIn("oubli@example.org", PASSWORD, "127.0.0.1", null);
        Run r = carnet("user", "password", "--email", "Oubli@Example.org");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("(?m)^Password \\(shown once\\): (\\S+)$").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(services.accounts.signIn("oubli@example.org", m.group(1), "127.0.0.1", null).user().email())
                .isEqualTo("oubli@example.org");
        assertThat(services.accounts.viewerFor(before.token()).signedIn()).isFalse();
        assertThat(problemOf(() -> services.accounts.signIn("oubli@example.org", PASSWORD, "127.0.0.1", null)))
                .isNotNull();

        // From stdin; a password the policy refuses and an unknown address change nothing and say why.
        Run weak = carnetWithStdin("court\n", db, "user", "password", "--email", "oubli@example.org",
                "--password-stdin");
        assertThat(weak.code()).isNotZero();
        assertThat(weak.err()).isNotBlank().doesNotContain("Exception");
        Run unknown = carnetWithStdin(PASSWORD + "\n", db, "user", "password", "--email", "personne@example.org",
                "--password-stdin");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("personne@example.org");
        Run chosen = carnetWithStdin(PASSWORD + "!\n", db, "user", "password", "--email", "oubli@example.org",
                "--password-stdin");
        assertThat(chosen.code()).as(chosen.err()).isZero();
        assertThat(chosen.out()).doesNotContain(PASSWORD);
        assertThat(services.accounts.signIn("oubli@example.org", PASSWORD + "!", "127.0.0.1", null)).isNotNull();
    }

    private static Object problemOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (org.carnet.core.Problem p) {
            return p;
        }
    }

    @Test
    void userAddWithoutPasswordStdinPrintsAGeneratedPasswordThatSignsIn() {
        Run r = carnet("user", "add", "--email", "root@example.org", "--name", "Root", "--instance-admin");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("(?m)^Password \\(shown once\\): (\\S+)$").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String generated = m.group(1);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(16);
        User root = services.accounts.signIn("root@example.org", generated, "127.0.0.1", null).user();
        assertThat(root.instanceAdmin()).isTrue();
        assertThat(services.accounts.firstInstanceAdmin()).contains(root);

        // Each account gets its own password.
        Run second = carnet("user", "add", "--email", "other@example.org", "--name", "Other");
        assertThat(second.out()).contains("Password (shown once): ").doesNotContain(generated);
    }

    @Test
    void badAccountsAreRefusedAndCreateNothing() {
        addUser("taken@example.org", "Taken");
        var before = snapshot();
        assertRefused(carnetWithStdin(PASSWORD + "\n", db, "user", "add", "--email", "TAKEN@example.org",
                "--name", "Again", "--password-stdin"), M.t("account.email.taken"));
        assertRefused(carnetWithStdin("password123\n", db, "user", "add", "--email", "weak@example.org",
                "--name", "Weak", "--password-stdin"), M.t("password.tooWeak"));
        assertRefused(carnetWithStdin("", db, "user", "add", "--email", "empty@example.org",
                "--name", "Empty", "--password-stdin"), M.t("password.tooShort", 10));
        assertRefused(carnetWithStdin(PASSWORD + "\n", db, "user", "add", "--email", "not-an-email",
                "--name", "Nobody", "--password-stdin"), M.t("account.email.invalid"));
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- blogs

    @Test
    void blogCreateMakesTheOwnerItsAdmin() {
        addUser("alice@example.org", "Alice");
        Run r = carnet("blog", "create", "journal", "--title", "Mon journal", "--lang", "en",
                "--owner", "Alice@Example.org");
        assertThat(r.code()).as(r.err()).isZero();
        Blog blog = services.blogs.find("journal").orElseThrow();
        assertThat(r.out()).contains("Created blog journal (id " + blog.id() + "), admin alice@example.org");
        assertThat(blog.title()).isEqualTo("Mon journal");
        assertThat(blog.language()).isEqualTo("en");
        assertThat(blog.timeZone()).isEqualTo("Europe/Paris");
        User alice = services.accounts.byEmail("alice@example.org").orElseThrow();
        assertThat(services.access.roleOf(Viewer.of(alice), blog)).contains(Role.ADMIN);
    }

    @Test
    void blogCreateWithoutOwnerUsesTheFirstInstanceAdmin() {
        addUser("alice@example.org", "Alice");
        var before = snapshot();
        assertRefused(carnet("blog", "create", "orphan", "--title", "Orphan"), M.t("cli.owner.required"));
        assertThat(snapshot()).isEqualTo(before);

        assertThat(carnet("user", "add", "--email", "root@example.org", "--name", "Root", "--instance-admin")
                .code()).isZero();
        Run r = carnet("blog", "create", "orphan", "--title", "Orphan", "--time-zone", "America/Montreal");
        assertThat(r.code()).as(r.err()).isZero();
        Blog blog = services.blogs.require("orphan");
        assertThat(blog.timeZone()).isEqualTo("America/Montreal");
        assertThat(blog.language()).as("default language").isEqualTo("fr");
        User root = services.accounts.byEmail("root@example.org").orElseThrow();
        assertThat(services.access.roleOf(Viewer.of(root), blog)).contains(Role.ADMIN);
    }

    @Test
    void blogSetChangesSettingsAndBlogShowPrintsThem() {
        aliceAndHerJournal();
        Run set = carnet("blog", "set", "journal", "visibility=private", "comment-policy=members",
                "title=Carnet = notes", "description=Des notes");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.lines()).contains("visibility=private", "comment-policy=members", "title=Carnet = notes");

        Blog blog = services.blogs.require("journal");
        assertThat(blog.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(blog.commentPolicy()).isEqualTo(CommentPolicy.MEMBERS);
        assertThat(blog.title()).as("only the first = separates key and value").isEqualTo("Carnet = notes");
        assertThat(blog.description()).isEqualTo("Des notes");

        Run show = carnet("blog", "show", "journal");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.lines()).containsExactly(
                "name=journal",
                "id=" + blog.id(),
                "title=Carnet = notes",
                "description=Des notes",
                "language=fr",
                "time-zone=Europe/Paris",
                "visibility=private",
                "comment-policy=members",
                "host=",
                "posts-per-page=7",
                "moderation=never",
                "search-engines=visible");
    }

    @Test
    void refusedBlogSettingsChangeNothing() {
        aliceAndHerJournal();
        var before = snapshot();
        assertRefused(carnet("blog", "set", "journal", "title=Nouveau", "colour=blue"),
                M.t("blog.setting.unknown", "colour", "title, description, language, time-zone, visibility, "
                        + "comment-policy, host, posts-per-page, moderation, search-engines"));
        assertRefused(carnet("blog", "set", "journal", "title"), M.t("cli.assignment.invalid", "title"));
        assertRefused(carnet("blog", "set", "journal", "title=Nouveau", "=private"),
                M.t("cli.assignment.invalid", "=private"));
        assertRefused(carnet("blog", "set", "journal", "title=Nouveau", "visibility=secret"),
                M.t("blog.visibility.invalid", "secret"));
        assertRefused(carnet("blog", "set", "journal", "title="), M.t("blog.title.required"));
        assertRefused(carnet("blog", "set", "nosuch", "title=Nouveau"), M.t("blog.notFound", "nosuch"));
        assertRefused(carnet("blog", "show", "nosuch"), M.t("blog.notFound", "nosuch"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(services.blogs.require("journal").title()).isEqualTo("Mon journal");
    }

    @Test
    void badBlogNamesAreRefusedAndCreateNothing() {
        aliceAndHerJournal();
        var before = snapshot();
        assertRefused(carnet("blog", "create", "Mon_Blog", "--title", "T", "--owner", "alice@example.org"),
                M.t("blog.name.invalid"));
        assertRefused(carnet("blog", "create", "dash-", "--title", "T", "--owner", "alice@example.org"),
                M.t("blog.name.invalid"));
        assertRefused(carnet("blog", "create", "admin", "--title", "T", "--owner", "alice@example.org"),
                M.t("blog.name.reserved", "admin"));
        assertRefused(carnet("blog", "create", "journal", "--title", "Autre", "--owner", "alice@example.org"),
                M.t("blog.name.taken", "journal"));
        assertRefused(carnet("blog", "create", "ailleurs", "--title", "T", "--owner", "nobody@example.org"),
                M.t("account.notFound", "nobody@example.org"));
        assertRefused(carnet("blog", "create", "ailleurs", "--title", "T", "--lang", "de",
                "--owner", "alice@example.org"), M.t("language.invalid", "de"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(services.blogs.require("journal").title()).isEqualTo("Mon journal");
    }

    @Test
    void usageErrorsArePicocliMessagesNotStackTraces() {
        Run r = carnet("blog", "create", "journal");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Missing required option").contains("--title")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(services.blogs.find("journal")).isEmpty();
    }

    // ---------------------------------------------------------------- members

    @Test
    void memberAddAddsAMemberOrChangesTheirRole() {
        aliceAndHerJournal();
        addUser("bob@example.org", "Bob");
        Blog blog = services.blogs.require("journal");
        User bob = services.accounts.byEmail("bob@example.org").orElseThrow();

        Run r = carnet("member", "add", "journal", "Bob@Example.org", "author");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bob@example.org is author of journal");
        assertThat(services.access.roleOf(Viewer.of(bob), blog)).contains(Role.AUTHOR);

        assertThat(carnet("member", "add", "journal", "bob@example.org", "READER").code()).isZero();
        assertThat(services.access.roleOf(Viewer.of(bob), blog)).contains(Role.READER);
    }

    @Test
    void refusedMembershipsChangeNothing() {
        aliceAndHerJournal();
        addUser("bob@example.org", "Bob");
        var before = snapshot();
        assertRefused(carnet("member", "add", "journal", "bob@example.org", "owner"),
                M.t("member.role.invalid", "owner"));
        assertRefused(carnet("member", "add", "journal", "nobody@example.org", "author"),
                M.t("account.notFound", "nobody@example.org"));
        assertRefused(carnet("member", "add", "nosuch", "bob@example.org", "author"), M.t("blog.notFound", "nosuch"));
        assertRefused(carnet("member", "add", "journal", "alice@example.org", "reader"),
                M.t("member.lastAdmin.demote"));
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- instance

    @Test
    void instanceSetClosesSignUp() {
        Run r = carnet("instance", "set", "signup=closed");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("signup=closed");
        assertThat(services.instance.signupOpen()).isFalse();
        assertThat(carnet("instance", "set", "signup=open").code()).isZero();
        assertThat(services.instance.signupOpen()).isTrue();
    }

    @Test
    void refusedInstanceSettingsChangeNothing() {
        var before = snapshot();
        assertRefused(carnet("instance", "set", "colour=blue"), M.t("instance.setting.unknown", "colour"));
        assertRefused(carnet("instance", "set", "signup=maybe"), M.t("instance.setting.signup.invalid", "maybe"));
        assertRefused(carnet("instance", "set", "signup"), M.t("cli.assignment.invalid", "signup"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(services.instance.signupOpen()).isTrue();
    }

    @Test
    void aRefusedInstanceSetChangesNothingEvenAfterAGoodAssignment() {
        var before = snapshot();
        assertRefused(carnet("instance", "set", "signup=closed", "colour=blue"),
                M.t("instance.setting.unknown", "colour"));
        assertRefused(carnet("instance", "set", "signup=closed", "oops"), M.t("cli.assignment.invalid", "oops"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(services.instance.signupOpen()).isTrue();
    }

    // ---------------------------------------------------------------- PostgreSQL

    @Test
    void theSameCommandsWorkOnPostgresql() {
        String pg = TestDatabases.freshPostgres();
        Run user = carnetWithStdin(PASSWORD + "\n", pg, "user", "add", "--email", "pg@example.org", "--name", "Pg",
                "--password-stdin");
        assertThat(user.code()).as(user.err()).isZero();
        assertThat(carnetOn(pg, "user", "add", "--email", "bob@example.org", "--name", "Bob").code()).isZero();
        Run create = carnetOn(pg, "blog", "create", "elephant", "--title", "Éléphant", "--lang", "en",
                "--owner", "pg@example.org");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(carnetOn(pg, "blog", "set", "elephant", "visibility=private", "comment-policy=nobody").code())
                .isZero();
        assertThat(carnetOn(pg, "member", "add", "elephant", "bob@example.org", "author").code()).isZero();
        assertThat(carnetOn(pg, "instance", "set", "signup=closed").code()).isZero();
        var before = Rows.snapshot(openPg(pg).db.jdbi());
        assertRefused(carnetOn(pg, "blog", "create", "elephant", "--title", "Again", "--owner", "pg@example.org"),
                M.t("blog.name.taken", "elephant"));
        assertRefused(carnetOnStdin(pg), M.t("account.email.taken"));

        Services s = openPg(pg);
        assertThat(Rows.snapshot(s.db.jdbi())).isEqualTo(before);
        assertThat(s.accounts.signIn("pg@example.org", PASSWORD, "127.0.0.1", null).user().displayName()).isEqualTo("Pg");
        Blog blog = s.blogs.require("elephant");
        assertThat(blog.title()).isEqualTo("Éléphant");
        assertThat(blog.language()).isEqualTo("en");
        assertThat(blog.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(blog.commentPolicy()).isEqualTo(CommentPolicy.NOBODY);
        assertThat(s.access.roleOf(Viewer.of(s.accounts.byEmail("bob@example.org").orElseThrow()), blog))
                .contains(Role.AUTHOR);
        assertThat(s.instance.signupOpen()).isFalse();
        Run show = carnetOn(pg, "blog", "show", "elephant");
        assertThat(show.lines()).contains("title=Éléphant", "visibility=private", "comment-policy=nobody");
    }

    private static Run carnetOnStdin(String pg) {
        return carnetWithStdin(PASSWORD + "\n", pg, "user", "add", "--email", "PG@example.org", "--name", "Again",
                "--password-stdin");
    }

    private Services openPg(String url) {
        Services s = new Services(Database.open(url, 2), Clock.systemUTC());
        extra.add(s);
        return s;
    }

    // ---------------------------------------------------------------- a running server

    @Test
    void changesMadeWhileTheServerRunsShowOnItsNextRequest() {
        String live = server.jdbcUrl();
        Run user = carnetWithStdin(PASSWORD + "\n", live, "user", "add", "--email", "live@example.org",
                "--name", "Live", "--password-stdin");
        assertThat(user.code()).as(user.err()).isZero();
        assertThat(carnetWithStdin(PASSWORD + "\n", live, "user", "add", "--email", "friend@example.org",
                "--name", "Friend", "--password-stdin").code()).isZero();
        Run create = carnetOn(live, "blog", "create", "en-direct", "--title", "Ancien titre", "--lang", "en",
                "--owner", "live@example.org");
        assertThat(create.code()).as(create.err()).isZero();

        WebClient anonymous = server.client();
        Response home = anonymous.get("/en-direct/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.text()).contains("Ancien titre");

        assertThat(carnetOn(live, "blog", "set", "en-direct", "title=Nouveau titre").code()).isZero();
        Response renamed = anonymous.get("/en-direct/");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text()).contains("Nouveau titre").doesNotContain("Ancien titre");

        assertThat(carnetOn(live, "blog", "set", "en-direct", "visibility=private").code()).isZero();
        Response hidden = anonymous.get("/en-direct/");
        assertThat(hidden.status()).isEqualTo(303);
        assertThat(hidden.location()).startsWith("/account/signin");

        // A signed-in stranger is refused until the CLI makes them a member.
        WebClient friend = server.client();
        assertThat(friend.signIn("friend@example.org", PASSWORD).status()).isEqualTo(303);
        assertThat(friend.get("/en-direct/").status()).isEqualTo(403);
        assertThat(carnetOn(live, "member", "add", "en-direct", "friend@example.org", "reader").code()).isZero();
        Response member = friend.get("/en-direct/");
        assertThat(member.status()).isEqualTo(200);
        assertThat(member.text()).contains("Nouveau titre");

        // Sign-up closed from the CLI is closed on the server at once.
        assertThat(carnetOn(live, "instance", "set", "signup=closed").code()).isZero();
        try {
            assertThat(server.client().get("/account/signup").text()).contains("Sign-up is closed");
        } finally {
            server.services().instance.set("signup", "open");
        }
    }
}
