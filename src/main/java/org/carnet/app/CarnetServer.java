package org.carnet.app;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.ResourceHandler;
import io.javalin.jetty.JettyResourceHandler;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;
import org.carnet.account.AccountRoutes;
import org.carnet.account.PasswordResetRoutes;
import org.carnet.account.PasswordResets;
import org.carnet.account.SessionStore;
import org.carnet.account.UserStore;
import org.carnet.blog.admin.BlogRoutes;
import org.carnet.blog.admin.MemberRoutes;
import org.carnet.core.Hmac;
import org.carnet.core.Once;
import org.carnet.core.Problem;
import org.carnet.feed.FeedRoutes;
import org.carnet.feed.FeedTokenRoutes;
import org.carnet.media.MediaAdminRoutes;
import org.carnet.media.MediaRoutes;
import org.carnet.notify.Mailer;
import org.carnet.notify.SmtpMailer;
import org.carnet.post.PostAdminRoutes;
import org.carnet.reading.CommentRoutes;
import org.carnet.trash.admin.TrashRoutes;
import org.carnet.reading.PostPage;
import org.carnet.reading.ReadingRoutes;
import org.carnet.search.SearchSync;
import org.carnet.seo.SeoRoutes;
import org.carnet.store.ChangeListener;
import org.carnet.store.JobLeases;
import org.carnet.store.RateLimitStore;
import org.carnet.transfer.BloggerExport;
import org.carnet.transfer.ExportStore;
import org.carnet.transfer.ImportJobs;
import org.carnet.transfer.TransferRoutes;
import org.carnet.web.Csrf;
import org.carnet.web.ErrorPages;
import org.carnet.web.HostBlogFilter;
import org.carnet.web.PageCache;
import org.carnet.web.Pages;
import org.carnet.web.RequestSetup;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The web server: wires filters, routes and error pages over the services, and starts Jetty. */
public final class CarnetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CarnetServer.class);
    /**
     * Largest request body accepted: a post of 1,000,000 characters, even multi-byte, fits. Import uploads are
     * multipart: they stream to the data directory under their own limits (2 GB).
     */
    public static final long MAX_REQUEST_BYTES = 4_000_000;

    private final Services services;
    private final Javalin app;
    private final ImportJobs imports;
    private final SearchSync search;
    private final Jobs jobs;
    private final ChangeListener listener;

    private CarnetServer(Services services, Javalin app, ImportJobs imports, SearchSync search, Jobs jobs,
                         ChangeListener listener) {
        this.services = services;
        this.app = app;
        this.imports = imports;
        this.search = search;
        this.jobs = jobs;
        this.listener = listener;
    }

    public static CarnetServer start(Config config, Services services) {
        return start(config, services, routes -> { });
    }

    /** Starts with extra routes registered after Carnet's own (the test kit adds a failing route). */
    public static CarnetServer start(Config config, Services services, Consumer<RoutesConfig> extraRoutes) {
        boolean secure = config.secureCookies();
        Csrf csrf = new Csrf(secure, Once.of(() -> new Hmac(services.instance.secret("csrf"))));
        Pages pages = new Pages(csrf, services.access);
        ErrorPages errors = new ErrorPages(pages);
        RequestSetup setup = new RequestSetup(services.accounts::viewerFor, csrf, config.trustProxy());
        HostBlogFilter hostFilter = new HostBlogFilter(host -> services.blogs.byHost(host).map(b -> b.name()),
                config.baseUrl() == null ? null : java.net.URI.create(config.baseUrl()).getHost());

        ResourceHandler statics = new JettyResourceHandler();
        String node = nodeName(config.port());
        ImportJobs imports = new ImportJobs(services.imports, services.db.jdbi(), node, services.clock);
        SearchSync search = SearchSync.open(config.dataDir().resolve("index"), services.db.jdbi(), services.clock);
        services.changes.subscribe(search::catchUp);
        Path uploads = config.dataDir().resolve("imports");
        try {
            java.nio.file.Files.createDirectories(uploads);
            // Nothing is being imported yet: what is there was left by a node that stopped mid-import.
            try (var leftovers = java.nio.file.Files.list(uploads)) {
                for (Path f : leftovers.filter(java.nio.file.Files::isRegularFile).toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + uploads + ": " + e.getMessage(), e);
        }
        PageCache pageCache = new PageCache(csrf, services.comments::freshFormToken, services.reader::nextScheduled,
                services.clock);
        // Reset links go to the configured public URL, else this node's own port once it is known; never to the
        // request's Host header (see PasswordResets).
        var started = new java.util.concurrent.atomic.AtomicReference<Javalin>();
        PasswordResets resets = new PasswordResets(services.db.jdbi(), new UserStore(), new SessionStore(),
                new RateLimitStore(), services.clock, Mailer.of(config.mail()), config.mail().configured(),
                () -> config.baseUrl() != null ? config.baseUrl() : "http://localhost:" + started.get().port());
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.http.prefer405over404 = true;
            // Pages carry an ETag of their bytes; a reader's browser that has them gets a 304, not the page again.
            cfg.http.generateEtags = true;
            cfg.jetty.port = config.port();
            // Exports can be large: uploads stream to the data directory, not memory.
            cfg.jetty.multipartConfig.cacheDirectory(uploads.toAbsolutePath().toString());
            cfg.jetty.multipartConfig.maxFileSize(2, SizeUnit.GB);
            cfg.jetty.multipartConfig.maxTotalRequestSize(2, SizeUnit.GB);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.jetty.modifyServletContextHandler(h ->
                    h.addFilter(new FilterHolder(hostFilter), "/*", EnumSet.of(DispatcherType.REQUEST)));
            cfg.resourceHandler(statics);
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/static";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "public, max-age=3600");
            });
            cfg.requestLogger.http((ctx, ms) -> LOG.debug("{} {} {} {}ms", ctx.method(), ctx.path(),
                    ctx.statusCode(), ms));

            var r = cfg.routes;
            // Javalin looks for a static file only when no route matches, and /{blog}/{year} matches
            // /static/carnet.css: this route, declared before the blog's, hands /static/* to Javalin's own
            // static file handler (types, caching headers) and never to ReadingRoutes.
            r.get("/static/<file>", ctx -> {
                if (!statics.handle(ctx)) {
                    throw Problem.notFound("error.404.text");
                }
                // The page links the theme with its fingerprint (?v=...): that exact file never changes.
                if (Pages.CSS_URL.equals(ctx.path() + "?" + ctx.queryString())) {
                    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
                }
            });
            // Browsers ask every site for /favicon.ico whatever the page links: the same icon, from the jar.
            byte[] favicon = favicon();
            r.get("/favicon.ico", ctx -> ctx.contentType("image/x-icon")
                    .header("Cache-Control", "public, max-age=86400").result(favicon));
            r.before(setup::before);
            r.after(ctx -> {
                // Whatever happened to a request that was rendering a missing page, its waiters go on.
                pageCache.release(ctx);
                MDC.clear();
            });
            new InstanceRoutes(services.db, services.accounts, services.blogs, services.instance, pages).register(r);
            new SeoRoutes(services.blogs, services.reader).register(r);
            new AccountRoutes(services.accounts, services.instance, services.memberships, pages, secure)
                    .register(r);
            new PasswordResetRoutes(resets, pages).register(r);
            new DashboardRoutes(services.blogs, services.comments, services.notifications, pages).register(r);
            new BlogRoutes(services.blogs, services.access, pages).register(r);
            new MemberRoutes(services.blogs, services.memberships, pages, config.baseUrl(), Mailer.of(config.mail()),
                    config.mail().configured()).register(r);
            new PostAdminRoutes(services.blogs, services.posts, pages, search, services.media).register(r);
            new TrashRoutes(services.blogs, services.trash, pages).register(r);
            new MediaAdminRoutes(services.blogs, services.media, pages).register(r);
            new TransferRoutes(services.blogs, services.access, imports,
                    new BloggerExport(services.db.jdbi(), new ExportStore()), uploads, config.baseUrl(), pages)
                    .register(r);
            extraRoutes.accept(r);
            PostPage postPage = new PostPage(services.reader, services.comments, pages);
            ReadingRoutes reading = new ReadingRoutes(services.blogs, services.reader, services.accounts,
                    services.comments, postPage, pages, search, pageCache);
            new CommentRoutes(services.blogs, services.reader, services.comments, reading, postPage, pages)
                    .register(r);
            // Feed and image paths look like /{blog}/{year}/{month}/{file} to ReadingRoutes: they must come first.
            new MediaRoutes(services.blogs, services.media).register(r);
            new FeedTokenRoutes(services.blogs, services.feedTokens, pages).register(r);
            new FeedRoutes(services.blogs, reading, pageCache, services.feeds, services.feedTokens, config.baseUrl())
                    .register(r);
            reading.register(r);

            r.exception(Problem.class, errors::problem);
            r.exception(HttpResponseException.class, errors::httpException);
            r.exception(Exception.class, errors::unexpected);
            for (int status : new int[] {400, 403, 404, 405, 413, 500}) {
                r.error(status, errors::status);
            }
        });
        started.set(app);
        app.start(config.port());
        // What other nodes and the CLI change reaches this node at once on PostgreSQL (LISTEN/NOTIFY); the
        // change log and each blog's content version keep it right even when a notification is missed.
        ChangeListener listener = ChangeListener.start(config.jdbcUrl(), kinds -> {
            if (kinds.contains(ChangeListener.LOG_GREW)) {
                services.changes.changed();
            }
            if (kinds.contains(ChangeListener.BLOGS_RENAMED)) {
                hostFilter.forget();
            }
        });
        // Jobs logs a failed run and runs it again at its next period: the work needs no wrapper of its own.
        Jobs jobs = new Jobs(new JobLeases(services.db.jdbi(), node, services.clock), services.clock);
        CarnetServer server = new CarnetServer(services, app, imports, search, jobs, listener);
        jobs.shared("sweep-sessions", Duration.ofMinutes(1), Duration.ofMinutes(60),
                services.accounts::deleteExpiredSessions);
        // Readers see a scheduled post from its time on whatever this job does; the job records the change.
        jobs.shared("publish-scheduled", Duration.ofSeconds(5), Duration.ofSeconds(5), services.posts::publishDue);
        // What imports whose process died left behind (their staging rows) is deleted; their status says so.
        jobs.shared("sweep-imports", Duration.ofSeconds(30), Duration.ofSeconds(30),
                services.imports::sweepAbandoned);
        // What has been in a trash longer than TrashService.KEPT is deleted for good (ten minutes late at most).
        jobs.shared("purge-trash", Duration.ofMinutes(1), Duration.ofMinutes(10), services.trash::purgeExpired);
        // Every node keeps its own index: it catches up from the change log (a backstop for missed notifications).
        jobs.local("search-catch-up", Duration.ofSeconds(2), Duration.ofSeconds(2), search::catchUp);
        if (config.mail().configured()) {
            Mailer mailer = new SmtpMailer(config.mail());
            String base = config.baseUrl() != null ? config.baseUrl() : "http://localhost:" + server.port();
            jobs.shared("send-emails", Duration.ofSeconds(5), Duration.ofSeconds(10),
                    () -> services.notifications.sendEmails(mailer, base));
        }
        return server;
    }

    /** This node's name in job leases and import records: host, port and a random part per start. */
    private static byte[] favicon() {
        try (var in = CarnetServer.class.getResourceAsStream("/static/favicon.ico")) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("favicon.ico is missing from the jar", e);
        }
    }

    private static String nodeName(int port) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "node";
            }
        }
        return host + ":" + port + "/" + org.carnet.core.Tokens.random().substring(0, 6);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        jobs.close();
        if (listener != null) {
            listener.close();
        }
        imports.close();
        app.stop();
        search.close();
    }
}
