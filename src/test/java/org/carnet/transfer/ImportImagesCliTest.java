package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carnet.media.fetch.ImageServer;
import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `carnet import` and the old blog's images: a WordPress site played by a local server (its address is 127.0.0.1,
 * so only --allow-private-addresses lets the import fetch from it), its uploads found under /wp-content/uploads/
 * with WordPress's size suffix dropped to ask for the original.
 */
class ImportImagesCliTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    static ImageServer server;
    static final String ORIGINAL = "/wp-content/uploads/2022/01/montreal.jpg";
    static final String RESIZED = "/wp-content/uploads/2022/01/montreal-300x200.jpg";

    @BeforeAll
    static void start() {
        carnet.services().accounts.create("root@images-cli.test", "Root", "mot de passe des images", true);
        server = new ImageServer().serve(ORIGINAL, ImageServer.image("jpg", 900, 600, Color.RED))
                .serve(RESIZED, ImageServer.image("jpg", 300, 200, Color.RED));
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    private static String file(Path dir) throws Exception {
        String site = server.base();
        String wxr = WxrReaderTest.FRENCH_BLOG.replace("https://monblog.fr", site)
                .replace("Premier paragraphe, avec", "<a href=\"" + site + ORIGINAL + "\"><img src=\"" + site + RESIZED
                        + "\" width=\"300\"></a> Premier paragraphe, avec");
        Path f = dir.resolve("wordpress.xml");
        Files.writeString(f, wxr, StandardCharsets.UTF_8);
        return f.toString();
    }

    private static long media(String blog) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM media m JOIN blog b ON b.id = m.blog_id WHERE b.name = :n")
                .bind("n", blog).mapTo(Long.class).one());
    }

    private static String bodies(String blog) {
        java.util.List<String> all = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT p.body_html FROM post p JOIN blog b ON b.id = p.blog_id WHERE b.name = :n")
                .bind("n", blog).mapTo(String.class).list());
        return String.join("\n", all);
    }

    @Test
    void withTheFlagTheOriginalIsFetchedOnce(@TempDir Path dir) throws Exception {
        var r = carnet.cli("import", "wordpress", file(dir), "--blog", "presse-images", "--create",
                "--allow-private-addresses");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("images 1 of 1");
        assertThat(media("presse-images")).isEqualTo(1);
        assertThat(server.hits(ORIGINAL)).isEqualTo(1);
        assertThat(server.hits(RESIZED)).isZero();
        assertThat(bodies("presse-images")).contains("/presse-images/media/").doesNotContain("montreal-300x200.jpg")
                .doesNotContain(server.base() + ORIGINAL);
    }

    @Test
    void withoutItThePrivateAddressIsRefusedAndNamed(@TempDir Path dir) throws Exception {
        long asked = server.asked.size();
        var r = carnet.cli("import", "wordpress", file(dir), "--blog", "presse-refus", "--create");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(server.base() + ORIGINAL);
        assertThat(server.asked).hasSize((int) asked);
        assertThat(media("presse-refus")).isZero();
        assertThat(bodies("presse-refus")).contains("montreal-300x200.jpg");
    }

    @Test
    void noImagesFetchesNothing(@TempDir Path dir) throws Exception {
        long asked = server.asked.size();
        var r = carnet.cli("import", "wordpress", file(dir), "--blog", "presse-sans", "--create", "--no-images");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(server.base());
        assertThat(server.asked).hasSize((int) asked);
        assertThat(media("presse-sans")).isZero();
    }
}
