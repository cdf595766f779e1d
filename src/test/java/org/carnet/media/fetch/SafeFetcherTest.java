package org.carnet.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher an import uses for the old blog's images: what it fetches, and every way in it refuses. */
class SafeFetcherTest {

    static final byte[] PNG = ImageServer.image("png", 40, 30, Color.BLUE);
    static final byte[] BIG = new byte[3_000_000];
    static ImageServer server;
    static final SafeFetcher.Limits LIMITS = new SafeFetcher.Limits(1_000_000, Duration.ofSeconds(20), 4, 5);

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = new ImageServer().serve("/a.png", PNG).serve("/big.jpg", BIG);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Resolves every name to 127.0.0.1: a public-looking name whose DNS answers loopback. */
    static final SafeFetcher.Lookup LOOPBACK_DNS = host -> List.of(InetAddress.getByName("127.0.0.1"));

    @Test
    void fetchesAFileWhenPrivateAddressesAreAllowed() throws Exception {
        try (SafeFetcher f = new SafeFetcher(LIMITS, true, work);
             SafeFetcher.Fetched got = f.fetch(server.base() + "/a.png")) {
            assertThat(Files.readAllBytes(got.file())).isEqualTo(PNG);
            assertThat(got.contentType()).isEqualTo("image/png");
            assertThat(got.bytes()).isEqualTo(PNG.length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/a.png", "http://10.1.2.3:%d/a.png", "http://169.254.169.254:%d/a.png",
            "http://[::1]:%d/a.png", "http://0.0.0.0:%d/a.png", "http://[::ffff:127.0.0.1]:%d/a.png",
            "http://100.64.0.1:%d/a.png", "http://192.168.1.1:%d/a.png", "http://localhost:%d/a.png"})
    void privateAddressesAreRefusedWithoutTheFlag(String url) {
        int before = server.asked.size();
        try (SafeFetcher f = new SafeFetcher(LIMITS, false, work)) {
            assertThatThrownBy(() -> f.fetch(url.formatted(server.port())))
                    .isInstanceOfSatisfying(FetchException.class,
                            e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.NOT_PUBLIC));
        }
        assertThat(server.asked).hasSize(before);   // refused before any connection
    }

    @Test
    void aPublicLookingNameThatResolvesToLoopbackIsRefusedAndNeverConnected() throws Exception {
        int before = server.asked.size();
        try (SafeFetcher f = new SafeFetcher(LIMITS, false, work, LOOPBACK_DNS)) {
            assertThatThrownBy(() -> f.fetch("http://images.example.com:" + server.port() + "/a.png"))
                    .isInstanceOfSatisfying(FetchException.class,
                            e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.NOT_PUBLIC));
        }
        assertThat(server.asked).hasSize(before);
    }

    @Test
    void theResolverRefusesANameWhenAnyOfItsAddressesIsNotPublic() throws Exception {
        InetAddress pub = InetAddress.getByName("93.184.216.34");
        InetAddress priv = InetAddress.getByName("10.0.0.7");
        var guard = new SafeFetcher.Guard(h -> List.of(pub, priv), PublicAddresses::isPublic, () -> Runnable::run);
        assertThatThrownBy(() -> guard.resolve("mixed.example", 80)).isInstanceOf(FetchException.class);
        var ok = new SafeFetcher.Guard(h -> List.of(pub), PublicAddresses::isPublic, () -> Runnable::run);
        // The address handed to the connection is the very one checked: no second lookup.
        assertThat(ok.resolve("public.example", 443)).singleElement().satisfies(a -> {
            assertThat(a.getAddress()).isEqualTo(pub);
            assertThat(a.getPort()).isEqualTo(443);
            assertThat(a.isUnresolved()).isFalse();
        });
        var none = new SafeFetcher.Guard(h -> List.of(), PublicAddresses::isPublic, () -> Runnable::run);
        assertThatThrownBy(() -> none.resolve("nothing.example", 80)).isInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "192.0.2.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:7f00:1::1", "2001:db8::1", "fec0::1"})
    void notPublic(String ip) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(ip))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8", "2002:808:808::1"})
    void isPublic(String ip) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(ip))).isTrue();
    }

    @Test
    void aRedirectToAPrivateAddressIsRefused() throws Exception {
        server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-private", "http://10.0.0.5/x.png")
                .redirect("/to-file", "file:///etc/passwd")
                .redirect("/to-ok", "/a.png");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // Only the test server's own address counts as allowed: it plays a public host.
        try (SafeFetcher f = new SafeFetcher(LIMITS, a -> a.equals(loopback) || PublicAddresses.isPublic(a), work,
                SafeFetcher.Lookup.SYSTEM)) {
            try (SafeFetcher.Fetched ok = f.fetch(server.base() + "/to-ok")) {
                assertThat(Files.readAllBytes(ok.file())).isEqualTo(PNG);
            }
            for (String path : List.of("/to-metadata", "/to-private")) {
                assertThatThrownBy(() -> f.fetch(server.base() + path))
                        .isInstanceOfSatisfying(FetchException.class,
                                e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.NOT_PUBLIC));
            }
            assertThatThrownBy(() -> f.fetch(server.base() + "/to-file"))
                    .isInstanceOfSatisfying(FetchException.class,
                            e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.SCHEME));
        }
    }

    @Test
    void redirectsAreFollowedAFewTimesOnly() {
        for (int i = 0; i < 7; i++) {
            server.redirect("/loop" + i, "/loop" + (i + 1));
        }
        try (SafeFetcher f = new SafeFetcher(LIMITS, true, work)) {
            assertThatThrownBy(() -> f.fetch(server.base() + "/loop0"))
                    .isInstanceOfSatisfying(FetchException.class,
                            e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.REDIRECTS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/a.png", "javascript:alert(1)", "gopher://x/",
            "//example.com/a.png", "http://user:pw@example.com/a.png", "not a url"})
    void onlyHttpAndHttps(String url) {
        try (SafeFetcher f = new SafeFetcher(LIMITS, true, work)) {
            assertThatThrownBy(() -> f.fetch(url)).isInstanceOfSatisfying(FetchException.class,
                    e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.SCHEME));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/big.jpg", "/big.jpg?chunked"})
    void aFileTooLargeIsAbortedAndLeavesNothing(String path) throws Exception {
        try (SafeFetcher f = new SafeFetcher(LIMITS, true, work)) {
            assertThatThrownBy(() -> f.fetch(server.base() + path)).isInstanceOfSatisfying(FetchException.class,
                    e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_LARGE));
        }
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aMissingFileSaysItsStatus() {
        try (SafeFetcher f = new SafeFetcher(LIMITS, true, work)) {
            assertThatThrownBy(() -> f.fetch(server.base() + "/nothing.png"))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FetchException.Reason.STATUS);
                        assertThat(e.getMessage()).contains("404");
                    });
        }
    }
}
