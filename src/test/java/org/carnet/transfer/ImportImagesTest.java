package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.carnet.core.Messages;
import org.carnet.core.User;
import org.carnet.media.fetch.ImageServer;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Blogger export whose posts show images from Blogger's hosts, played by a local server (the hosts resolve to
 * 127.0.0.1 here, hence ALLOW_PRIVATE, the CLI's --allow-private-addresses): the import brings them home.
 */
class ImportImagesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    static ImageServer server;
    static User owner;
    static int port;

    static final String LARGE = "/-abc/XYZ/AAAAAAAAAAA/def/s1600/registan.jpg";
    static final String THUMB = "/-abc/XYZ/AAAAAAAAAAA/def/s320/registan.jpg";
    static final String PARAM_LARGE = "/img/a/AVvXsEhTest=s1600";
    static final String PARAM_SMALL = "/img/a/AVvXsEhTest=w640-h480";
    static final String GONE = "/img/b/R29uZQ/s1600/gone.jpg";

    @BeforeAll
    static void start() {
        owner = carnet.user("owner@images.test", "Owner", "mot de passe des images");
        server = new ImageServer()
                .serve(LARGE, ImageServer.image("jpg", 800, 600, Color.ORANGE))
                .serve(THUMB, ImageServer.image("jpg", 320, 240, Color.ORANGE))
                .serve(PARAM_LARGE, ImageServer.image("png", 640, 480, Color.BLUE))
                .serve(PARAM_SMALL, ImageServer.image("png", 320, 240, Color.BLUE));
        port = server.port();
        // Blogger's image hosts, played by the local server.
        carnet.services().imports.useLookup(host -> List.of(InetAddress.getByName("127.0.0.1")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String at(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    static ExportFile export(Path dir) throws IOException {
        BloggerFixture.Post p = new BloggerFixture.Post("2001");
        p.title = "Le Registan";
        p.html = "<p>Le Registan.</p>"
                + "<a href=\"" + at("1.bp.blogspot.com", LARGE) + "\"><img src=\"" + at("2.bp.blogspot.com", THUMB)
                + "\" width=\"320\"></a>"
                + "<a href=\"" + at("blogger.googleusercontent.com", PARAM_LARGE) + "\"><img src=\""
                + at("blogger.googleusercontent.com", PARAM_SMALL) + "\"></a>"
                + "<img src=\"" + at("blogger.googleusercontent.com", GONE) + "\">"
                + "<a href=\"https://example.org/page.html\">ailleurs</a>";
        p.published = "2022-01-17T18:05:00.000+01:00";
        p.updated = "2022-01-18T09:12:44.581+01:00";
        p.url = BloggerFixture.HOME + "2022/01/le-registan.html";
        BloggerFixture.Classic export = new BloggerFixture.Classic("Images").setting("BLOG_LOCALE", "fr_FR").post(p);
        return ExportFile.open("blogger", Files.writeString(dir.resolve("blog.xml"), export.xml()));
    }

    static long media(String blog) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM media m JOIN blog b ON b.id = m.blog_id WHERE b.name = :n")
                .bind("n", blog).mapTo(Long.class).one());
    }

    @Test
    void theImagesComeHomeOnceEachAndTheBodiesPointToThem(@TempDir Path dir) throws Exception {
        int[] lastImages = {0, 0};
        ImportProgress progress = new ImportProgress() {
            @Override
            public void update(int entries, int posts, int comments) {
            }

            @Override
            public void images(int done, int total) {
                lastImages[0] = done;
                lastImages[1] = total;
            }
        };
        ImportSummary s = carnet.services().imports.importInto("images", true, owner.id(), export(dir), progress,
                ImageFetching.ALLOW_PRIVATE);

        assertThat(s.images()).isEqualTo(2);
        assertThat(lastImages).containsExactly(3, 3);
        assertThat(media("images")).as("the thumbnail and its large version are one image").isEqualTo(2);
        assertThat(s.imagesNotFetched()).singleElement().satisfies(n -> {
            assertThat(n.url()).endsWith(GONE);
            assertThat(n.reason()).isEqualTo("status");
            assertThat(n.describe(Messages.of("fr"))).endsWith(GONE + "\u00A0: le serveur a répondu 404");
            assertThat(n.describe(Messages.of("en"))).endsWith(GONE + ": the server answered 404");
        });
        // The largest size was asked for (the original, s0, first), never the thumbnail.
        assertThat(server.hits(THUMB)).isZero();
        assertThat(server.hits(LARGE)).isEqualTo(1);
        assertThat(server.hits(PARAM_SMALL)).isZero();

        Response post = carnet.client().get("/images/2022/01/le-registan.html");
        assertThat(post.status()).isEqualTo(200);
        var links = post.doc().select(".post-body a[href*=/media/]");
        var imgs = post.doc().select(".post-body img[src*=/media/]");
        assertThat(imgs).hasSize(2);
        assertThat(links.eachAttr("href")).containsExactlyElementsOf(imgs.eachAttr("src"));
        assertThat(imgs.eachAttr("src")).allMatch(src -> src.startsWith("/images/media/"));
        assertThat(post.doc().select(".post-body img").eachAttr("src")).anyMatch(src -> src.endsWith(GONE));
        assertThat(post.body()).doesNotContain("bp.blogspot.com").contains("https://example.org/page.html");

        BufferedImage served = decode(imgs.get(0).attr("src"));
        assertThat(served.getWidth()).as("the large version, not the thumbnail").isEqualTo(800);
        assertThat(decode(imgs.get(1).attr("src")).getWidth()).isEqualTo(640);

        // The text as written changed too (an edit of the post keeps the new addresses).
        String source = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT p.source FROM post p JOIN blog b ON b.id = p.blog_id WHERE b.name = 'images'")
                .mapTo(String.class).one());
        assertThat(source).doesNotContain("bp.blogspot.com").contains("/images/media/").contains(GONE);

        // Imported again, once the missing image is there: only that one is fetched.
        server.serve(GONE, ImageServer.image("jpg", 300, 200, Color.GREEN));
        ImportSummary again = carnet.services().imports.importInto("images", false, null, export(dir),
                ImportProgress.NONE, ImageFetching.ALLOW_PRIVATE);
        assertThat(again.alreadyThere()).isEqualTo(1);
        assertThat(again.images()).isEqualTo(1);
        assertThat(again.imagesNotFetched()).isEmpty();
        assertThat(server.hits(LARGE)).isEqualTo(1);
        assertThat(server.hits(PARAM_LARGE)).isEqualTo(1);
        assertThat(media("images")).isEqualTo(3);
        Response after = carnet.client().get("/images/2022/01/le-registan.html");
        assertThat(after.body()).doesNotContain(GONE);
        assertThat(after.doc().select(".post-body img[src*=/media/]")).hasSize(3);
    }

    @Test
    void withoutTheFlagTheLocalServerIsRefusedAndNothingIsAsked(@TempDir Path dir) throws Exception {
        int asked = server.asked.size();
        ImportSummary s = carnet.services().imports.importInto("images-publiques", true, owner.id(), export(dir),
                ImportProgress.NONE, ImageFetching.PUBLIC_ONLY);
        assertThat(s.posts()).isEqualTo(1);
        assertThat(s.images()).isZero();
        assertThat(s.imagesNotFetched()).hasSize(3).allSatisfy(n -> assertThat(n.reason()).isEqualTo("not_public"));
        assertThat(server.asked).hasSize(asked);
        assertThat(media("images-publiques")).isZero();
        assertThat(carnet.client().get("/images-publiques/2022/01/le-registan.html").body())
                .contains(at("2.bp.blogspot.com", THUMB));
    }

    @Test
    void noImagesLeavesThemWhereTheyAre(@TempDir Path dir) throws Exception {
        int asked = server.asked.size();
        ImportSummary s = carnet.services().imports.importInto("sans-images", true, owner.id(), export(dir),
                ImportProgress.NONE, ImageFetching.SKIP);
        assertThat(s.images()).isZero();
        assertThat(s.imagesNotFetched()).isEmpty();
        assertThat(server.asked).hasSize(asked);
        assertThat(media("sans-images")).isZero();
    }

    @Test
    void aBlogWithImagesKeepsThemWhenAnImportLargerThanItFinishes(@TempDir Path dir) throws Exception {
        org.carnet.blog.Blog before = carnet.blog(owner, "galerie");
        var own = carnet.services().media.addImported(before,
                new ByteArrayInputStream(ImageServer.image("png", 50, 40, Color.MAGENTA)), "mien.png", "", owner.id());
        // The import brings more than the empty blog holds: without images, its staging row would take the blog's
        // place (a new id), and the files of the blog's images, stored under its id, would be lost to it.
        ImportSummary s = carnet.services().imports.importInto("galerie", false, null, export(dir),
                ImportProgress.NONE, ImageFetching.ALLOW_PRIVATE);
        assertThat(s.posts()).isEqualTo(1);
        org.carnet.blog.Blog after = carnet.services().blogs.require("galerie");
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(media("galerie")).isEqualTo(1 + s.images());
        assertThat(decode(org.carnet.media.MediaService.url("/galerie", own)).getWidth()).isEqualTo(50);
        Response post = carnet.client().get("/galerie/2022/01/le-registan.html");
        for (String src : post.doc().select(".post-body img[src*=/media/]").eachAttr("src")) {
            assertThat(src).startsWith("/galerie/media/");
            decode(src);
        }
    }

    @Test
    void theAdminUploadNeverFetchesFromPrivateAddressesAndItsStatusPageNamesWhatWasNotFetched(@TempDir Path dir)
            throws Exception {
        carnet.blog(owner, "televerse-images", "language", "fr");
        var client = carnet.signedIn("owner@images.test", "mot de passe des images").language("fr");
        int asked = server.asked.size();
        Response form = client.get("/televerse-images/admin/import");
        assertThat(form.status()).isEqualTo(200);
        String token = form.doc().selectFirst("form#import input[name=_csrf]").attr("value");
        byte[] file = Files.readAllBytes(Path.of(exportPath(dir)));
        Response started = client.postMultipart("/televerse-images/admin/import", java.util.Map.of("_csrf", token,
                "format", "blogger"), "file", "blog.xml", file);
        assertThat(started.status()).as(started.text()).isEqualTo(303);
        Response status = client.get(started.location());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status.doc().selectFirst("#import-summary") == null && status.doc().selectFirst("#import-error") == null
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = client.get(started.location());
        }
        assertThat(status.doc().selectFirst("#import-summary")).as("the import's end, within 30 s: %s",
                status.text()).isNotNull();
        assertThat(status.doc().selectFirst("#import-images").text()).isEqualTo("Aucune image rapatriée dans les "
                + "images du blog.");
        assertThat(status.doc().select("#import-images-not-fetched li").eachText()).hasSize(3)
                .allMatch(t -> t.endsWith("adresse non publique, refusée"));
        assertThat(server.asked).hasSize(asked);
    }

    static String exportPath(Path dir) throws IOException {
        export(dir);
        return dir.resolve("blog.xml").toString();
    }

    private static BufferedImage decode(String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(carnet.baseUrl() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).isNotNull();
        return img;
    }
}
