package org.carnet.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carnet.app.CarnetServer;
import org.carnet.app.Config;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.notify.MailSettings;
import org.carnet.store.Database;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Carnet (Jetty on a random port) over a fresh database for a test class, and stops it after.
 * Use as {@code @RegisterExtension static final CarnetExtension carnet = CarnetExtension.sqlite();}.
 * It also serves GET /test/boom, which fails with an exception whose message must never reach a visitor.
 */
public final class CarnetExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String SECRET_IN_FAILURE = "SELECT password_hash FROM app_user -- internal detail";

    private final TestDatabases.Kind kind;
    private final MailSettings mail;
    private final MutableClock clock = MutableClock.atSystemTime();
    private Services services;
    private CarnetServer server;
    private String jdbcUrl;
    private Path dataDir;

    private CarnetExtension(TestDatabases.Kind kind, MailSettings mail) {
        this.kind = kind;
        this.mail = mail;
    }

    public static CarnetExtension sqlite() {
        return new CarnetExtension(TestDatabases.Kind.SQLITE, MailSettings.none());
    }

    public static CarnetExtension postgres() {
        return new CarnetExtension(TestDatabases.Kind.POSTGRESQL, MailSettings.none());
    }

    /**
     * On SQLite, with mail sent to an SMTP server on this machine (GreenMail in the test) at smtpPort, from
     * carnet@mail.test: for what the server itself mails (password reset links).
     */
    public static CarnetExtension sqliteWithMail(int smtpPort) {
        return new CarnetExtension(TestDatabases.Kind.SQLITE,
                new MailSettings("127.0.0.1", smtpPort, "", "", "carnet@mail.test", false));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        jdbcUrl = TestDatabases.fresh(kind);
        dataDir = Files.createTempDirectory("carnet-data-");
        // Images under the data directory, as `carnet serve` keeps them by default.
        services = new Services(Database.open(jdbcUrl, 5), clock,
                new org.carnet.media.LocalMediaStore(dataDir.resolve("media")), dataDir.resolve("media-incoming"));
        Config config = new Config(0, dataDir, jdbcUrl, null, false, 5, mail);
        server = CarnetServer.start(config, services, r -> r.get("/test/boom", ctx -> {
            throw new IllegalStateException(SECRET_IN_FAILURE);
        }));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public int port() {
        return server.port();
    }

    public Services services() {
        return services;
    }

    public MutableClock clock() {
        return clock;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** What a run of the command line printed and returned. */
    public record CliRun(int code, String out, String err) {
    }

    /**
     * Runs `carnet ARGS... --db URL --data DIR` in this JVM, as an operator would beside this server: the same
     * database and the same data directory (so the same image store).
     */
    public CliRun cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--db";
        all[args.length + 1] = jdbcUrl();
        all[args.length + 2] = "--data";
        all[args.length + 3] = dataDir().toString();
        int code = org.carnet.Carnet.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), all);
        return new CliRun(code, out.toString(), err.toString());
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A new browser-like client (its own cookies). */
    public WebClient client() {
        return new WebClient(baseUrl());
    }

    /** An account created directly through the service (for tests that are not about sign-up). */
    public User user(String email, String name, String password) {
        return services.accounts.create(email, name, password, false);
    }

    /**
     * A client signed in as email, creating the account first (named after the email's local part) when it
     * does not exist yet.
     */
    public WebClient signedIn(String email, String password) {
        if (services.accounts.byEmail(email).isEmpty()) {
            user(email, email.substring(0, email.indexOf('@')), password);
        }
        WebClient c = client();
        WebClient.Response r = c.signIn(email, password);
        if (r.status() != 303) {
            throw new AssertionError("Signing in as " + email + " answered " + r.status() + ": " + r.text());
        }
        return c;
    }

    public Blog blog(User owner, String name, String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("title", "Blog " + name);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return services.blogs.create(owner.id(), name, settings);
    }
}
