package org.carnet.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.app.CarnetServer;
import org.carnet.app.Config;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.store.Database;
import org.carnet.testkit.TestDatabases;

/**
 * Issue 12, item 2: the latency of sign-ins and comments while a large export is imported through the admin page.
 * Starts Carnet in this JVM on a fresh SQLite file or an embedded PostgreSQL, runs two sign-in loops and two
 * comment loops (a member of another blog commenting; 100 ms between two requests of a loop) for a baseline, then
 * uploads the export and keeps the loops running until the import is done; prints p50, p99 and the largest time of
 * each kind of write, and every status that was not the expected one.
 *
 * <p>Usage (bench/import-beside-writers.sh runs it): {@code WritersDuringImport sqlite|postgres EXPORT.xml}
 */
public final class WritersDuringImport {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "mot de passe du banc d’essai";
    private static final Duration THINK = Duration.ofMillis(100);
    private static final Duration BASELINE = Duration.ofSeconds(15);

    private record Sample(long nanos, int status) {
    }

    /** One loop of requests of one kind, recording each one's time and status. */
    private static final class Loop extends Thread {
        final String kind;
        final List<Sample> baseline = Collections.synchronizedList(new ArrayList<>());
        final List<Sample> during = Collections.synchronizedList(new ArrayList<>());
        volatile List<Sample> into = baseline;
        final AtomicBoolean stop;
        final Step step;

        interface Step {
            int run() throws Exception;
        }

        Loop(String kind, AtomicBoolean stop, Step step) {
            super("bench-" + kind);
            this.kind = kind;
            this.stop = stop;
            this.step = step;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long t0 = System.nanoTime();
                int status;
                try {
                    status = step.run();
                } catch (Exception e) {
                    status = -1;
                }
                into.add(new Sample(System.nanoTime() - t0, status));
                try {
                    Thread.sleep(THINK.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = args[0].equals("postgres");
        Path export = Path.of(args[1]);
        boolean cli = args.length > 2 && args[2].equals("cli");
        String url = postgres ? TestDatabases.freshPostgres() : TestDatabases.freshSqlite();
        Path data = Files.createTempDirectory("carnet-bench-");
        try (Services services = new Services(Database.open(url, 10), Clock.systemUTC());
             CarnetServer server = CarnetServer.start(new Config(0, data, url, null, false, 10), services)) {
            String base = "http://127.0.0.1:" + server.port();
            User admin = services.accounts.create("admin@bench.test", "Admin", PASSWORD, true);
            services.blogs.create(admin.id(), "cible", Map.of("title", "Cible", "language", "fr"));
            Blog live = services.blogs.create(admin.id(), "vivant", Map.of("title", "Vivant", "language", "fr",
                    "comment-policy", "members"));
            long postId = services.posts.create(Viewer.of(admin), live, new PostInput(Post.Kind.POST, "Un billet",
                    BodyFormat.HTML, "<p>À commenter.</p>", "", "", "", ""), PostService.Intent.PUBLISH);
            String postPath = "/vivant" + services.posts.requireEditable(Viewer.of(admin), live, postId).path();
            User member = services.accounts.create("member@bench.test", "Member", PASSWORD, false);
            services.db.jdbi().useHandle(h -> h.execute("INSERT INTO blog_member (blog_id, user_id, role, joined_at) "
                    + "VALUES (?, ?, 'READER', 0)", live.id(), member.id()));
            for (int i = 0; i < 2; i++) {
                services.accounts.create("signin" + i + "@bench.test", "Sign-in " + i, PASSWORD, false);
            }

            AtomicBoolean stop = new AtomicBoolean();
            List<Loop> loops = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String email = "signin" + i + "@bench.test";
                loops.add(new Loop("sign-in", stop, () -> {
                    Client c = new Client(base);
                    String token = c.token("/account/signin");
                    return c.post("/account/signin", "_csrf=" + token + "&email=" + email + "&password="
                            + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)).statusCode();
                }));
            }
            for (int i = 0; i < 2; i++) {
                Client commenter = new Client(base);
                commenter.signIn("member@bench.test");
                String token = commenter.token(postPath);
                int n = i;
                loops.add(new Loop("comment", stop, () -> commenter.post(postPath, "_csrf=" + token
                        + "&body=Commentaire+pendant+l%E2%80%99import+" + n + "+" + System.nanoTime()).statusCode()));
            }
            loops.forEach(Thread::start);
            Thread.sleep(BASELINE.toMillis());
            loops.forEach(l -> l.into = l.during);

            long t0 = System.nanoTime();
            String page = cli ? importWithTheCli(url, export) : importThroughTheAdminPage(base, export);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            stop.set(true);
            for (Loop l : loops) {
                l.join(5000);
            }
            if (page.contains("id=\"import-error\"")) {
                System.out.println("IMPORT FAILED: " + page.replaceAll("(?s).*id=\"import-error\">([^<]*)<.*", "$1"));
            }
            long imported = services.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM post p JOIN blog b "
                    + "ON b.id = p.blog_id WHERE b.name = 'cible'").mapTo(Long.class).one());
            System.out.printf("database %s; export %s (%.0f MB); %s %.1f s; %d posts imported%n",
                    postgres ? "PostgreSQL" : "SQLite", export.getFileName(), Files.size(export) / 1e6,
                    cli ? "import by the CLI (another process)" : "upload and import by the admin page",
                    importSeconds, imported);
            System.out.println("| write | phase | n | p50 ms | p99 ms | max ms | statuses |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String kind : List.of("sign-in", "comment")) {
                report(kind, "before (15 s)", loops.stream().filter(l -> l.kind.equals(kind))
                        .flatMap(l -> l.baseline.stream()).toList());
                report(kind, "during import", loops.stream().filter(l -> l.kind.equals(kind))
                        .flatMap(l -> l.during.stream()).toList());
            }
        }
        System.exit(0);
    }

    /** Uploads the export as the admin and follows its status page to the end; returns that page. */
    private static String importThroughTheAdminPage(String base, Path export) throws Exception {
        Client adminClient = new Client(base);
        adminClient.signIn("admin@bench.test");
        String token = adminClient.token("/cible/admin/import");
        HttpResponse<String> started = adminClient.upload("/cible/admin/import", token, export);
        if (started.statusCode() != 303) {
            throw new IllegalStateException("upload answered " + started.statusCode() + ": " + started.body());
        }
        String status = started.headers().firstValue("Location").orElseThrow();
        String page;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        do {
            Thread.sleep(1000);
            page = adminClient.get(status).body();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the import did not end within 30 minutes");
            }
        } while (!page.contains("id=\"import-summary\"") && !page.contains("id=\"import-error\""));
        return page;
    }

    /** Imports with target/carnet.jar's CLI in another process, as an operator would beside the server. */
    private static String importWithTheCli(String url, Path export) throws Exception {
        Process p = new ProcessBuilder("java", "-Xmx256m", "-jar", "target/carnet.jar", "import", "blogger",
                export.toString(), "--blog", "cible", "--db", url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the CLI import did not end within 30 minutes");
        }
        return p.exitValue() == 0 ? "id=\"import-summary\"" : "id=\"import-error\">CLI exit " + p.exitValue() + "<";
    }

    private static void report(String kind, String phase, List<Sample> samples) {
        List<Long> nanos = samples.stream().map(Sample::nanos).sorted().toList();
        Map<Integer, Integer> statuses = new TreeMap<>();
        samples.forEach(s -> statuses.merge(s.status(), 1, Integer::sum));
        System.out.printf("| %s | %s | %d | %.0f | %.0f | %.0f | %s |%n", kind, phase, nanos.size(),
                percentile(nanos, 0.50), percentile(nanos, 0.99), nanos.isEmpty() ? 0 : nanos.get(nanos.size() - 1) / 1e6,
                statuses);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    /** A browser: its cookies, no redirects followed. */
    private static final class Client {
        private final String base;
        private final HttpClient http;

        Client(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String token(String path) throws IOException, InterruptedException {
            Matcher m = CSRF.matcher(get(path).body());
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on " + path);
            }
            return m.group(1);
        }

        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        void signIn(String email) throws IOException, InterruptedException {
            String token = token("/account/signin");
            int status = post("/account/signin", "_csrf=" + token + "&email=" + email + "&password="
                    + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)).statusCode();
            if (status != 303) {
                throw new IllegalStateException("sign-in of " + email + " answered " + status);
            }
        }

        HttpResponse<String> upload(String path, String token, Path file) throws IOException, InterruptedException {
            String boundary = "----carnetbench" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nblogger\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blog.xml\"\r\n"
                    + "Content-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
