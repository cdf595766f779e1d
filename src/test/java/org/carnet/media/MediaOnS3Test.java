package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.carnet.app.CarnetServer;
import org.carnet.app.Config;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.notify.MailSettings;
import org.carnet.store.Database;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose images live in an S3 bucket (a real S3Proxy): what several nodes share. Upload, serving with
 * ranges, a variant made and kept in the bucket, and a blog's deletion emptying its part of the bucket.
 */
class MediaOnS3Test {

    private static final String PW = "mot de passe s3";
    private static S3ProxyServer s3;
    private static S3MediaStore bucket;
    private static Services services;
    private static CarnetServer server;
    private static User admin;
    private static Blog blog;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(Files.createTempDirectory("carnet-s3-server-"));
        MediaSettings settings = s3.settings("carnet-server");
        bucket = new S3MediaStore(settings);
        bucket.createBucketIfMissing();
        Path data = Files.createTempDirectory("carnet-s3-data-");
        String jdbc = TestDatabases.fresh(TestDatabases.Kind.SQLITE);
        services = new Services(Database.open(jdbc, 5), Clock.systemUTC(), new S3MediaStore(settings),
                data.resolve("media-incoming"));
        server = CarnetServer.start(new Config(0, data, jdbc, null, false, 5, MailSettings.none(), settings), services);
        admin = services.accounts.create("admin@s3.test", "Admin", PW, false);
        blog = services.blogs.create(admin.id(), "nuage", java.util.Map.of("title", "Nuage"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
        if (bucket != null) {
            bucket.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void imagesGoToTheBucketAndAreServedFromIt() throws Exception {
        String base = "http://localhost:" + server.port();
        WebClient browser = WebClient.at(base);
        assertThat(browser.signIn("admin@s3.test", PW).status()).isEqualTo(303);
        MediaHttp http = new MediaHttp(base, browser);
        MediaHttp.Bytes up = http.uploadJson("nuage", "ciel.jpg", TestImages.jpeg(1200, 800), "Le ciel");
        assertThat(up.status()).as(up.text()).isEqualTo(201);
        JsonNode json = up.json();
        String url = json.get("url").asText();
        String hash = url.split("/")[3];
        assertThat(bucket.exists("blogs/" + blog.id() + "/" + hash + "/original")).isTrue();

        MediaHttp reader = new MediaHttp(base, null);
        MediaHttp.Bytes whole = reader.get(url);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(ImageIntakeHash.sha256(whole.body())).isEqualTo(hash);
        MediaHttp.Bytes part = reader.get(url, "Range", "bytes=10-19");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/" + whole.body().length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 10, 20));
        assertThat(reader.get(url, "Range", "bytes=" + whole.body().length + "-").status()).isEqualTo(416);

        MediaHttp.Bytes w640 = reader.get(url.replace("/ciel.jpg", "/w640/ciel.jpg"));
        assertThat(w640.status()).isEqualTo(200);
        assertThat(TestImages.decode(w640.body()).getWidth()).isEqualTo(640);
        assertThat(bucket.exists("blogs/" + blog.id() + "/" + hash + "/w640")).isTrue();

        services.blogs.delete(Viewer.of(admin), blog, "nuage");
        assertThat(bucket.exists("blogs/" + blog.id() + "/" + hash + "/original")).isFalse();
        assertThat(bucket.exists("blogs/" + blog.id() + "/" + hash + "/w640")).isFalse();
    }
}
