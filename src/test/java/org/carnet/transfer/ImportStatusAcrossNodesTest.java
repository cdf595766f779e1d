package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.carnet.app.CarnetServer;
import org.carnet.app.Config;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.store.Database;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a load balancer, the import status page's refreshes land on any node: the progress and the summary are
 * in the database, and an import whose node died is reported as interrupted instead of running for ever.
 */
@Tier.Postgres
class ImportStatusAcrossNodesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();
    private static final String PW = "mot de passe des deux nœuds";
    private static Services otherServices;
    private static CarnetServer otherNode;
    private static User admin;

    @BeforeAll
    static void aSecondNodeOnTheSameDatabase() throws Exception {
        admin = carnet.user("admin@nodes.test", "Admin", PW);
        otherServices = new Services(Database.open(carnet.jdbcUrl(), 5), carnet.clock());
        otherNode = CarnetServer.start(new Config(0, Files.createTempDirectory("carnet-node-b-"), carnet.jdbcUrl(),
                null, false, 5), otherServices);
    }

    @AfterAll
    static void stopIt() {
        otherNode.close();
        otherServices.close();
    }

    @Test
    void anImportStartedOnOneNodeIsFollowedOnTheOther() {
        carnet.blog(admin, "deuxnoeuds", "language", "en");
        WebClient onA = carnet.signedIn("admin@nodes.test", PW);
        Response form = onA.get("/deuxnoeuds/admin/import");
        String token = form.doc().selectFirst("form#import input[name=_csrf]").attr("value");
        Response started = onA.postMultipart("/deuxnoeuds/admin/import", Map.of("_csrf", token, "format", "blogger"),
                "file", "blog.xml", BloggerClassicTest.carnetDAsie().xml().getBytes(StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.text()).isEqualTo(303);

        WebClient onB = onA.on("http://localhost:" + otherNode.port());
        Response status = onB.get(started.location());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (status.doc().selectFirst("#import-summary") == null && System.nanoTime() < deadline) {
            assertThat(status.status()).as(status.text()).isEqualTo(200);
            assertThat(status.doc().selectFirst("#import-error")).isNull();
            sleep(50);
            status = onB.get(started.location());
        }
        assertThat(status.doc().selectFirst("#import-summary").text())
                .contains("Imported: 2 posts, 1 page, 1 draft and 3 comments.");
        // Another blog's admin page does not show this import.
        carnet.blog(admin, "autreblog", "language", "en");
        assertThat(onB.get(started.location().replace("/deuxnoeuds/", "/autreblog/")).status()).isEqualTo(404);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anImportWhoseNodeDiedIsReportedAsInterrupted() {
        Blog blog = carnet.blog(admin, "orpheline", "language", "en");
        Instant started = carnet.clock().instant();
        carnet.services().db.jdbi().useHandle(h -> new ImportJobStore().insert(h, "deadnodeimport01", blog.id(),
                "gone:8080/x", started));
        WebClient client = carnet.signedIn("admin@nodes.test", PW);
        Response running = client.get("/orpheline/admin/import/deadnodeimport01");
        assertThat(running.doc().selectFirst("#import-progress")).as("still beating: shown as running").isNotNull();
        carnet.clock().advance(ImportService.ABANDONED_AFTER.plus(Duration.ofSeconds(1)));
        Response dead = client.get("/orpheline/admin/import/deadnodeimport01");
        assertThat(dead.doc().selectFirst("#import-error").text())
                .isEqualTo("The import was interrupted: the server running it stopped before its end. "
                        + "Nothing of it was added to the blog; start it again.");
    }
}
