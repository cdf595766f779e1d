package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.instance.InstanceSettings;
import org.carnet.post.BodyFormat;
import org.carnet.post.CommentSwitches;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images end to end on a real server: upload, what is refused, what is served, to whom, and deleting. */
class MediaFlowTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe des images";
    private static User admin;
    private static User author;
    private static User otherAuthor;
    private static User reader;
    private static Blog photos;
    private static Blog secret;

    @BeforeAll
    static void blogsAndMembers() {
        admin = carnet.user("admin@media.test", "Admin", PW);
        author = carnet.user("author@media.test", "Author", PW);
        otherAuthor = carnet.user("other@media.test", "Other", PW);
        reader = carnet.user("reader@media.test", "Reader", PW);
        carnet.user("stranger@media.test", "Stranger", PW);
        photos = carnet.blog(admin, "photos");
        secret = carnet.blog(admin, "secret", "visibility", "PRIVATE");
        for (Blog b : List.of(photos, secret)) {
            carnet.services().memberships.setRole(b, author.id(), Role.AUTHOR);
            carnet.services().memberships.setRole(b, otherAuthor.id(), Role.AUTHOR);
            carnet.services().memberships.setRole(b, reader.id(), Role.READER);
        }
    }

    private static MediaHttp as(String email) {
        return new MediaHttp(carnet.baseUrl(), carnet.signedIn(email, PW));
    }

    private static MediaHttp anonymous() {
        return new MediaHttp(carnet.baseUrl(), null);
    }

    private static JsonNode uploaded(MediaHttp who, String blog, String name, byte[] bytes) throws Exception {
        MediaHttp.Bytes r = who.uploadJson(blog, name, bytes, "");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static long mediaRows(Blog blog) {
        return carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM media WHERE blog_id = :b").bind("b", blog.id()).mapTo(Long.class).one());
    }

    private static Path blogFiles(Blog blog) {
        return carnet.dataDir().resolve("media/blogs/" + blog.id());
    }

    @Test
    void anUploadIsServedForAYearWithItsVariantsETagsAndRanges() throws Exception {
        MediaHttp author = as("author@media.test");
        JsonNode json = uploaded(author, "photos", "Été à Nice.JPG", TestImages.jpeg(2000, 1000));
        String hash = json.get("url").asText().split("/")[3];
        assertThat(json.get("url").asText()).isEqualTo("/photos/media/" + hash + "/ete-a-nice.jpg");
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(json.get("width").asInt()).isEqualTo(2000);
        assertThat(json.get("height").asInt()).isEqualTo(1000);
        assertThat(json.get("srcset").asText()).isEqualTo(
                "/photos/media/" + hash + "/w320/ete-a-nice.jpg 320w, /photos/media/" + hash + "/w640/ete-a-nice.jpg 640w, "
                        + "/photos/media/" + hash + "/w1024/ete-a-nice.jpg 1024w, /photos/media/" + hash
                        + "/w1600/ete-a-nice.jpg 1600w, /photos/media/" + hash + "/ete-a-nice.jpg 2000w");

        MediaHttp reader = anonymous();
        MediaHttp.Bytes whole = reader.get(json.get("url").asText());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(whole.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(whole.header("ETag")).isEqualTo("\"" + hash + "\"");
        assertThat(whole.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(ImageIntakeHash.sha256(whole.body())).isEqualTo(hash);
        BufferedImage served = TestImages.decode(whole.body());
        assertThat(served.getWidth()).isEqualTo(2000);
        assertThat(served.getHeight()).isEqualTo(1000);

        // A browser that has it asks again with its ETag: 304, no body.
        MediaHttp.Bytes again = reader.get(json.get("url").asText(), "If-None-Match", "\"" + hash + "\"");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        // Ranges: a part, the end, and past the end.
        MediaHttp.Bytes part = reader.get(json.get("url").asText(), "Range", "bytes=0-99");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 0-99/" + whole.body().length);
        assertThat(part.body()).isEqualTo(Arrays.copyOf(whole.body(), 100));
        MediaHttp.Bytes tail = reader.get(json.get("url").asText(), "Range", "bytes=-10");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), whole.body().length - 10,
                whole.body().length));
        MediaHttp.Bytes beyond = reader.get(json.get("url").asText(), "Range",
                "bytes=" + (whole.body().length + 10) + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + whole.body().length);

        // Variants: made on first request, kept in the store, their own ETag; any name serves the same image.
        for (int w : new int[] {320, 640, 1024, 1600}) {
            MediaHttp.Bytes variant = reader.get("/photos/media/" + hash + "/w" + w + "/anything.jpg");
            assertThat(variant.status()).as("w" + w).isEqualTo(200);
            assertThat(variant.header("ETag")).isEqualTo("\"" + hash + "-w" + w + "\"");
            BufferedImage v = TestImages.decode(variant.body());
            assertThat(v.getWidth()).isEqualTo(w);
            assertThat(v.getHeight()).isEqualTo(w / 2);
            assertThat(blogFiles(photos).resolve(hash + "/w" + w)).exists();
            assertThat(reader.get("/photos/media/" + hash + "/w" + w + "/x.jpg").body()).isEqualTo(variant.body());
        }
        assertThat(reader.get("/photos/media/" + hash + "/w999/x.jpg").status()).isEqualTo(404);
        assertThat(reader.get("/photos/media/" + "0".repeat(64) + "/x.jpg").status()).isEqualTo(404);
    }

    @Test
    void aVariantIsNeverWiderThanItsOriginal() throws Exception {
        JsonNode json = uploaded(as("author@media.test"), "photos", "small.png", TestImages.png(500, 300));
        String hash = json.get("url").asText().split("/")[3];
        assertThat(json.get("url").asText()).endsWith("/small.png");
        assertThat(json.get("srcset").asText()).isEqualTo("/photos/media/" + hash + "/w320/small.png 320w, "
                + "/photos/media/" + hash + "/small.png 500w");
        MediaHttp.Bytes w1024 = anonymous().get("/photos/media/" + hash + "/w1024/small.png");
        assertThat(w1024.status()).isEqualTo(200);
        assertThat(w1024.header("Content-Type")).isEqualTo("image/png");
        assertThat(TestImages.decode(w1024.body()).getWidth()).isEqualTo(500);
        assertThat(blogFiles(photos).resolve(hash + "/w1024")).doesNotExist();
        BufferedImage w320 = TestImages.decode(anonymous().get("/photos/media/" + hash + "/w320/small.png").body());
        assertThat(w320.getWidth()).isEqualTo(320);
        assertThat(w320.getHeight()).isEqualTo(192);
    }

    @Test
    void gpsAndEveryOtherMetadataAreGoneFromWhatIsServedAndTheOrientationIsApplied() throws Exception {
        byte[] original = TestImages.jpegWithGps(400, 200, 6);
        Metadata before = ImageMetadataReader.readMetadata(new ByteArrayInputStream(original));
        assertThat(before.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation()).isNotNull();

        JsonNode json = uploaded(as("author@media.test"), "photos", "gps.jpg", original);
        // Orientation 6: the camera held sideways; the picture is served upright, taller than wide.
        assertThat(json.get("width").asInt()).isEqualTo(200);
        assertThat(json.get("height").asInt()).isEqualTo(400);
        MediaHttp.Bytes served = anonymous().get(json.get("url").asText());
        assertThat(served.status()).isEqualTo(200);
        Metadata after = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served.body()));
        assertThat(after.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(after.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        BufferedImage img = TestImages.decode(served.body());
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(400);
        // The red mark of the top-left corner, turned a quarter clockwise, is now at the top right.
        int rgb = img.getRGB(195, 5);
        assertThat((rgb >> 16) & 0xff).isGreaterThan(200);
        assertThat(rgb & 0xff).isLessThan(80);
        // Its variants carry none either.
        MediaHttp.Bytes variant = anonymous().get(json.get("url").asText().replace("/gps.jpg", "/w320/gps.jpg"));
        assertThat(variant.status()).isEqualTo(200);
        assertThat(TestImages.decode(variant.body()).getWidth()).isEqualTo(200);   // not wider than 200: the original
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(variant.body()))
                .getFirstDirectoryOfType(GpsDirectory.class)).isNull();
    }

    @Test
    void hostileFilesAreRefusedWithAClearMessageAndLeaveNothingBehind() throws Exception {
        Blog hostile = carnet.blog(admin, "hostile");
        carnet.services().memberships.setRole(hostile, author.id(), Role.AUTHOR);
        MediaHttp who = as("author@media.test");
        byte[] jpeg = TestImages.jpeg(800, 600);
        byte[] png = TestImages.png(800, 600);
        record Case(String name, byte[] bytes, int status, String message) {
        }
        List<Case> cases = List.of(
                new Case("bomb.png", TestImages.pngDeclaring(100_000, 100_000), 413,
                        "This image is 100,000 × 100,000 pixels: more than the limit of 40 million pixels."),
                new Case("half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), 400,
                        "This file does not read as an image: it may be incomplete or damaged."),
                new Case("half.png", Arrays.copyOf(png, png.length / 2), 400,
                        "This file does not read as an image: it may be incomplete or damaged."),
                new Case("logo.svg", ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"
                        + "<script>alert(1)</script></svg>").getBytes(StandardCharsets.UTF_8), 400,
                        "SVG images are not accepted (they can carry code). Export it as PNG."),
                new Case("photo.jpg", "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                        .getBytes(StandardCharsets.UTF_8), 400,
                        "This file is not a JPEG, PNG, GIF or WebP image (whatever its name says)."));
        for (Case c : cases) {
            MediaHttp.Bytes r = who.uploadJson("hostile", c.name(), c.bytes(), "");
            assertThat(r.status()).as(c.name() + ": " + r.text()).isEqualTo(c.status());
            assertThat(r.json().at("/error/message").asText()).as(c.name()).isEqualTo(c.message());
        }
        // The form (no JavaScript) says which file and why, on the library page, in the viewer's language.
        var page = who.uploadForm("hostile", List.of(new MediaHttp.File("logo.svg", cases.get(3).bytes())), "");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains("“logo.svg”: SVG images are not accepted");

        assertThat(mediaRows(hostile)).isZero();
        assertThat(blogFiles(hostile)).doesNotExist();
        try (Stream<Path> incoming = Files.list(carnet.dataDir().resolve("media-incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void aJpegWithAScriptGluedToItsEndIsServedReEncodedWithoutIt() throws Exception {
        byte[] php = "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.US_ASCII);
        byte[] jpeg = TestImages.jpeg(300, 200);
        byte[] glued = Arrays.copyOf(jpeg, jpeg.length + php.length);
        System.arraycopy(php, 0, glued, jpeg.length, php.length);
        JsonNode json = uploaded(as("author@media.test"), "photos", "shell.php.jpg", glued);
        assertThat(json.get("url").asText()).endsWith("/shell-php.jpg");
        MediaHttp.Bytes served = anonymous().get(json.get("url").asText());
        assertThat(served.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).doesNotContain("<?php");
        assertThat(TestImages.decode(served.body()).getWidth()).isEqualTo(300);
    }

    @Test
    void aPrivateBlogsImagesArePrivateLikeItsPosts() throws Exception {
        JsonNode json = uploaded(as("admin@media.test"), "secret", "private.jpg", TestImages.jpeg(700, 500));
        String url = json.get("url").asText();
        assertThat(anonymous().get(url).status()).isEqualTo(403);
        assertThat(anonymous().get(url.replace("/private.jpg", "/w320/private.jpg")).status()).isEqualTo(403);
        assertThat(as("stranger@media.test").get(url).status()).isEqualTo(403);
        MediaHttp.Bytes member = as("reader@media.test").get(url);
        assertThat(member.status()).isEqualTo(200);
        // Kept by the member's browser only, never by a shared cache.
        assertThat(member.header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
        assertThat(TestImages.decode(member.body()).getWidth()).isEqualTo(700);
    }

    @Test
    void readersMayNotUploadAuthorsDeleteTheirOwnAdminsAnyAndAnImageInUseStays() throws Exception {
        assertThat(as("reader@media.test").uploadJson("photos", "r.jpg", TestImages.jpeg(50, 50), "").status())
                .isEqualTo(403);
        WebClient authorPages = carnet.signedIn("author@media.test", PW);
        MediaHttp author = new MediaHttp(carnet.baseUrl(), authorPages);
        long others = uploaded(as("other@media.test"), "photos", "others.jpg", TestImages.jpeg(60, 60)).get("id")
                .asLong();
        JsonNode mine = uploaded(author, "photos", "mine.jpg", TestImages.jpeg(70, 70));
        String mineHash = mine.get("url").asText().split("/")[3];

        // Another author's image: neither offered nor allowed.
        assertThat(authorPages.get("/photos/admin/media/" + others).doc().select("#media-delete")).isEmpty();
        assertThat(authorPages.get("/photos/admin/media/" + others + "/delete").status()).isEqualTo(403);
        String token = authorPages.csrfToken("/photos/admin/media");
        assertThat(authorPages.post("/photos/admin/media/" + others + "/delete", Map.of("_csrf", token)).status())
                .isEqualTo(403);
        assertThat(authorPages.post("/photos/admin/media/" + others, Map.of("_csrf", token, "alt", "x")).status())
                .isEqualTo(403);

        // Their own, once used by a post: kept, and the page says where.
        long post = carnet.services().posts.create(Viewer.of(author()), photos, new PostInput(Post.Kind.POST,
                "Avec image", BodyFormat.HTML, "<p><img src=\"" + mine.get("url").asText() + "\" alt=\"\"></p>", "", "",
                "", ""), PostService.Intent.PUBLISH, CommentSwitches.OPEN);
        var page = authorPages.get("/photos/admin/media/" + mine.get("id").asLong());
        assertThat(page.doc().select("#media-uses a").eachAttr("href"))
                .containsExactly("/photos/admin/posts/" + post + "/edit");
        assertThat(page.doc().select("#media-delete")).isEmpty();
        var refused = authorPages.post("/photos/admin/media/" + mine.get("id").asLong() + "/delete",
                Map.of("_csrf", token));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(blogFiles(photos).resolve(mineHash + "/original")).exists();

        // Unused: asked first, then deleted, row and files.
        carnet.services().posts.delete(Viewer.of(author()), photos, List.of(post));
        var ask = authorPages.get("/photos/admin/media/" + mine.get("id").asLong() + "/delete");
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.doc().select("form#media-delete-form")).hasSize(1);
        var deleted = authorPages.submit(ask, "form#media-delete-form", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(blogFiles(photos).resolve(mineHash)).doesNotExist();
        assertThat(anonymous().get(mine.get("url").asText()).status()).isEqualTo(404);

        // An admin deletes anyone's.
        WebClient adminPages = carnet.signedIn("admin@media.test", PW);
        var ok = adminPages.submit("/photos/admin/media/" + others + "/delete", "form#media-delete-form", Map.of());
        assertThat(ok.status()).isEqualTo(303);
    }

    private static User author() {
        return author;
    }

    @Test
    void theLibraryUploadsWithoutJavaScriptSearchesByNameAndKeepsAltText() throws Exception {
        Blog library = carnet.blog(admin, "library");
        WebClient adminPages = carnet.signedIn("admin@media.test", PW);
        MediaHttp admin = new MediaHttp(carnet.baseUrl(), adminPages);
        var sent = admin.uploadForm("library", List.of(new MediaHttp.File("Chat roux.jpg", TestImages.jpeg(900, 600)),
                new MediaHttp.File("chien.png", TestImages.png(300, 300))), "Un animal");
        assertThat(sent.status()).as(sent.text()).isEqualTo(303);
        assertThat(sent.header("Location")).isEqualTo("/library/admin/media?uploaded=2");
        var page = adminPages.get("/library/admin/media?uploaded=2");
        assertThat(page.doc().select("p.notice").text()).isEqualTo("2 images added.");
        assertThat(page.doc().select("#media-grid .media-name").eachText()).containsExactlyInAnyOrder("Chat roux.jpg",
                "chien.png");
        assertThat(page.doc().select("#media-grid img").eachAttr("alt")).containsOnly("Un animal");
        assertThat(page.doc().select("script[src=/static/media-library.js]")).hasSize(1);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(adminPages.get("/static/media-library.js").status()).isEqualTo(200);

        var found = adminPages.get("/library/admin/media?q=ROUX");
        assertThat(found.doc().select("#media-grid .media-name").eachText()).containsExactly("Chat roux.jpg");
        String href = found.doc().selectFirst("#media-grid a").attr("href");
        var saved = adminPages.submit(href, "form#media-alt-form", Map.of("alt", "Un chat roux sur un mur"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(adminPages.get(href).doc().select("#alt").text()).isEqualTo("Un chat roux sur un mur");
        assertThat(mediaRows(library)).isEqualTo(2);

        // The same picture again is the same image, not a second one.
        admin.uploadForm("library", List.of(new MediaHttp.File("copie.png", TestImages.png(300, 300))), "");
        assertThat(mediaRows(library)).isEqualTo(2);
    }

    @Test
    void theFileSizeLimitAndTheBlogsQuotaAreInstanceSettings() throws Exception {
        Blog small = carnet.blog(admin, "small");
        MediaHttp who = as("admin@media.test");
        var settings = carnet.services().instance;
        try {
            settings.setAll(Map.of(InstanceSettings.MEDIA_MAX_FILE_MB, "1",
                    InstanceSettings.MEDIA_BLOG_QUOTA_MB, "1"));
            // Refused as it streams in, before anything is decoded.
            byte[] big = new byte[1_100_000];
            new java.util.Random(1).nextBytes(big);
            MediaHttp.Bytes tooBig = who.uploadJson("small", "big.jpg", big, "");
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.json().at("/error/message").asText())
                    .isEqualTo("This file is larger than the limit of 1 MB per image.");
            // Images until the blog's megabyte is full: the one that would pass it is refused.
            int accepted = 0;
            MediaHttp.Bytes last = null;
            for (int i = 0; i < 20; i++) {
                last = who.uploadJson("small", "n" + i + ".png", TestImages.png(700 + i, 700), "");
                if (last.status() != 201) {
                    break;
                }
                accepted++;
            }
            assertThat(accepted).isGreaterThan(0);
            assertThat(last.status()).isEqualTo(413);
            assertThat(last.json().at("/error/message").asText()).isEqualTo(
                    "The blog has no room left for this image (limit: 1 MB). Delete unused images.");
            assertThat(carnet.services().media.usage(small)[0]).isLessThanOrEqualTo(1_000_000);
        } finally {
            settings.setAll(Map.of(InstanceSettings.MEDIA_MAX_FILE_MB, "20",
                    InstanceSettings.MEDIA_BLOG_QUOTA_MB, "1024"));
        }
        assertThatThrownBy(() -> settings.set(InstanceSettings.MEDIA_MAX_MEGAPIXELS, "many"))
                .isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.key()).isEqualTo("instance.setting.number.invalid"));
    }

    @Test
    void aBlogOnItsOwnHostServesItsImagesAtTheRootOfThatHost() throws Exception {
        Blog hosted = carnet.blog(admin, "hosted", "host", "images.example.test");
        JsonNode json = uploaded(as("admin@media.test"), "hosted", "port.jpg", TestImages.jpeg(800, 400));
        String hash = json.get("url").asText().split("/")[3];
        MediaHttp.Bytes onHost = anonymous().get("/media/" + hash + "/w320/port.jpg", "Host", "images.example.test");
        assertThat(onHost.status()).isEqualTo(200);
        assertThat(TestImages.decode(onHost.body()).getWidth()).isEqualTo(320);
        // The instance's address of the same image serves it too: an address once given keeps working.
        assertThat(anonymous().get("/hosted/media/" + hash + "/port.jpg").status()).isEqualTo(200);
        assertThat(MediaService.url("", carnet.services().media.require(Viewer.of(admin), hosted,
                json.get("id").asLong()))).isEqualTo("/media/" + hash + "/port.jpg");
    }

    @Test
    void deletingABlogDeletesItsImagesFiles() throws Exception {
        Blog doomed = carnet.blog(admin, "doomed");
        uploaded(as("admin@media.test"), "doomed", "a.jpg", TestImages.jpeg(100, 100));
        assertThat(blogFiles(doomed)).exists();
        carnet.services().blogs.delete(Viewer.of(admin), doomed, "doomed");
        assertThat(mediaRows(doomed)).isZero();
        assertThat(blogFiles(doomed)).doesNotExist();
    }
}
