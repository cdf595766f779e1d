package org.carnet.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carnet.app.CarnetServer;
import org.carnet.app.Config;
import org.carnet.app.FirstRun;
import org.carnet.app.Services;
import org.carnet.notify.MailSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `carnet serve`: migrate, create the first admin and sample blog on an empty database, serve. */
@Command(name = "serve", description = "Start the web server.")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "HTTP port. Env CARNET_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Public URL of this instance, e.g. https://blogs.example.org. Env CARNET_BASE_URL.")
    String baseUrl;

    @Option(names = "--trust-proxy", defaultValue = "false",
            description = "Read client address from X-Forwarded-For (only behind your own proxy). "
                    + "Env CARNET_TRUST_PROXY.")
    boolean trustProxy;

    @Option(names = "--smtp-host", paramLabel = "HOST",
            description = "SMTP server for notification emails (none: notifications stay in the app). "
                    + "Env CARNET_SMTP_HOST.")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "N", defaultValue = "587", description = "Env CARNET_SMTP_PORT.")
    int smtpPort;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "Env CARNET_SMTP_USER.")
    String smtpUser;

    @Option(names = "--smtp-password", paramLabel = "PASSWORD",
            description = "Prefer the environment variable CARNET_SMTP_PASSWORD (not shown in ps).")
    String smtpPassword;

    @Option(names = "--smtp-from", paramLabel = "EMAIL", description = "Sender address. Env CARNET_SMTP_FROM.")
    String smtpFrom;

    @Option(names = "--smtp-starttls", paramLabel = "BOOL", defaultValue = "true",
            description = "Require STARTTLS. Env CARNET_SMTP_STARTTLS.")
    boolean smtpStartTls;

    @Override
    public Integer call() throws InterruptedException {
        if (Boolean.getBoolean(org.carnet.account.Passwords.TEST_COST_PROPERTY)) {
            throw new IllegalStateException(org.carnet.account.Passwords.TEST_COST_PROPERTY
                    + " is a test setting (weak password hashing): never for a server");
        }
        long start = System.nanoTime();
        MailSettings mail = smtpHost == null || smtpHost.isBlank() ? MailSettings.none()
                : new MailSettings(smtpHost, smtpPort, smtpUser, smtpPassword, smtpFrom, smtpStartTls);
        Config config = store.config(port, baseUrl, trustProxy, mail);
        Services services = Services.open(config);
        FirstRun.Outcome created = FirstRun.ensure(services, System.getenv("CARNET_ADMIN_EMAIL"),
                System.getenv("CARNET_ADMIN_PASSWORD"));
        CarnetServer server = CarnetServer.start(config, services);
        String url = config.baseUrl() != null ? config.baseUrl() : "http://localhost:" + server.port();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (created != null) {
            System.out.println("First start: created the admin account " + created.adminEmail()
                    + " and the sample blog " + url + "/" + created.sampleBlog() + "/");
            if (created.generatedPassword() != null) {
                System.out.println("Admin password (shown once, change it after signing in): "
                        + created.generatedPassword());
            }
        }
        System.out.println("Carnet is running at " + url + "/  (sign in: " + url + "/account/signin)  ["
                + ms + " ms]");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            services.close();
            stopped.countDown();
        }, "carnet-shutdown"));
        stopped.await();
        return 0;
    }
}
