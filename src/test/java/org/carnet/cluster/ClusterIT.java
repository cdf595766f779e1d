package org.carnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.carnet.media.S3ProxyServer;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The proof of issue 8, on real processes: one PostgreSQL, three Carnet nodes started from the built jar, a Debian
 * nginx in front with round-robin upstreams. Everything a reader or writer does goes through nginx unless a step
 * names a node; nothing here waits for a cache to expire: each check is the very next request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String BLOG = "grappe";
    private static final String BUCKET = "carnet-cluster";
    private static Cluster cluster;
    private static S3ProxyServer s3;
    private static String postPath;

    /** The nodes keep their images in one S3 bucket (S3Proxy here), as a cluster must: every node sees them. */
    @BeforeAll
    static void startCluster() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "cluster-");
        s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")));
        cluster = Cluster.start(TestDatabases.freshPostgres(), 3, work, new Cluster.NodeOptions(
                List.of("--media-store", "s3", "--s3-endpoint", s3.endpoint(), "--s3-bucket", BUCKET),
                Map.of("CARNET_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                        "CARNET_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY)));
        cluster.cli("blog", "create", BLOG, "--title", "Grappe", "--lang", "en", "--owner", Cluster.ADMIN_EMAIL);
        cluster.cli("blog", "set", BLOG, "comment-policy=anyone");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static WebClient admin(String base) {
        WebClient c = WebClient.at(base);
        Response r = c.signIn(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(303);
        return c;
    }

    /** Publishes through the editor of the given client's server; returns the post's public path. */
    private static String publish(WebClient c, String title, String body) {
        Map<String, String> fields = new HashMap<>();
        fields.put("title", title);
        fields.put("format", "markdown");
        fields.put("body", body);
        fields.put("labels", "cluster");
        fields.put("action", "publish");
        Response r = c.submit("/" + BLOG + "/admin/posts/new", "form#editor", fields);
        assertThat(r.status()).as(r.text()).isEqualTo(303);
        Response edit = c.follow(r);
        String href = edit.doc().select("a[href^=/" + BLOG + "/20]").attr("href");
        assertThat(href).as("the edit page links the published post").isNotEmpty();
        return href;
    }

    private static Response anonymous(int node, String path) {
        return WebClient.at(cluster.nodeUrl(node)).get(path);
    }

    @Test
    @Order(1)
    void signedInOnOneNodeIsSignedInOnAll() {
        WebClient viaNginx = admin(cluster.url());
        // Round robin: six requests reach every node twice; each knows the session (it lives in the database).
        for (int i = 0; i < 6; i++) {
            Response dashboard = viaNginx.get("/dashboard");
            assertThat(dashboard.status()).as("request %d", i).isEqualTo(200);
        }
        for (int node = 0; node < cluster.size(); node++) {
            Response direct = viaNginx.on(cluster.nodeUrl(node)).get("/dashboard");
            assertThat(direct.status()).as("node %d", node).isEqualTo(200);
            assertThat(direct.body()).contains("Grappe");
        }
    }

    @Test
    @Order(2)
    void aPostPublishedThroughAIsOnBAndCAtTheNextRequestPagesAndSearch() {
        // B and C have the home page in their anonymous cache, and have answered a search, before the post exists.
        for (int node : new int[] {1, 2}) {
            anonymous(node, "/" + BLOG + "/");
            Response cached = anonymous(node, "/" + BLOG + "/");
            assertThat(cached.header("X-Carnet-Cache")).isEqualTo("hit");
            assertThat(anonymous(node, "/" + BLOG + "/search?q=aubergine").body()).doesNotContain("Aubergine");
        }
        postPath = publish(admin(cluster.nodeUrl(0)), "Aubergine farcie", "Une aubergine farcie au four, "
                + "servie tiède.");
        for (int node : new int[] {1, 2}) {
            assertThat(anonymous(node, "/" + BLOG + "/").body()).as("home on node %d", node)
                    .contains("Aubergine farcie");
            Response post = anonymous(node, postPath);
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.doc().select("article h1, article h2, h1, h3").text()).contains("Aubergine farcie");
            Document found = anonymous(node, "/" + BLOG + "/search?q=aubergine").doc();
            assertThat(found.select("ol.search-results a").text()).as("search on node %d", node)
                    .contains("Aubergine farcie");
        }
    }

    @Test
    @Order(3)
    void aCommentThroughCIsCountedOnA() {
        Response before = anonymous(0, postPath);
        assertThat(before.body()).doesNotContain("Cuite à point");
        WebClient viaC = admin(cluster.nodeUrl(2));
        Response page = viaC.get(postPath);
        Response sent = viaC.submit(page, "form#comment-form", Map.of("body", "Cuite à point, merci !"));
        assertThat(sent.status()).as(sent.text()).isEqualTo(303);
        Response onA = anonymous(0, postPath);
        assertThat(onA.doc().select(".comment-count").text()).contains("1 comment");
        assertThat(onA.body()).contains("Cuite à point, merci !");
    }

    @Test
    @Order(4)
    void aPolicyChangedByTheCliChangesTheNoteOnEveryNode() throws Exception {
        for (int node = 0; node < cluster.size(); node++) {
            anonymous(node, postPath);
            Response cached = anonymous(node, postPath);
            assertThat(cached.header("X-Carnet-Cache")).isEqualTo("hit");
            assertThat(cached.doc().select("form#comment-form")).as("anyone may comment").isNotEmpty();
            assertThat(cached.body()).doesNotContain("Only a member of this blog");
        }
        cluster.cli("blog", "set", BLOG, "comment-policy=members");
        for (int node = 0; node < cluster.size(); node++) {
            Response page = anonymous(node, postPath);
            assertThat(page.body()).as("node %d", node).contains("Note: Only a member of this blog may post a comment.")
                    .doesNotContain("Anyone may post");
            assertThat(page.doc().select("form#comment-form")).as("no form for a visitor").isEmpty();
        }
        cluster.cli("blog", "set", BLOG, "comment-policy=anyone");
        for (int node = 0; node < cluster.size(); node++) {
            assertThat(anonymous(node, postPath).doc().select("form#comment-form")).as("node %d", node).isNotEmpty();
        }
    }

    @Test
    @Order(5)
    void killNineOneNodeUnderLoadLosesNoAcknowledgedCommentAndItCatchesUpWhenBack() throws Exception {
        int readers = 4;
        int writers = 2;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger readsAfterKill = new AtomicInteger();
        AtomicInteger failedReads = new AtomicInteger();
        AtomicInteger refusedWrites = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService load = Executors.newFixedThreadPool(readers + writers);
        List<WebClient> writerClients = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writerClients.add(admin(cluster.url()));
        }
        for (int r = 0; r < readers; r++) {
            load.submit(() -> {
                WebClient reader = WebClient.at(cluster.url());
                while (running.get()) {
                    try {
                        int status = reader.get(postPath).status();
                        reads.incrementAndGet();
                        if (status != 200) {
                            failedReads.incrementAndGet();
                        } else if (killed.get()) {
                            readsAfterKill.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failedReads.incrementAndGet();
                    }
                }
            });
        }
        for (int w = 0; w < writers; w++) {
            WebClient writer = writerClients.get(w);
            int id = w;
            load.submit(() -> {
                int n = 0;
                while (running.get()) {
                    String text = "Load comment " + id + "-" + (n++);
                    try {
                        Response page = writer.get(postPath);
                        Response sent = writer.submit(page, "form#comment-form", Map.of("body", text));
                        if (sent.status() == 303) {
                            acknowledged.add(text);
                        } else {
                            refusedWrites.incrementAndGet();
                        }
                    } catch (RuntimeException | AssertionError e) {
                        refusedWrites.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(3_000);
        cluster.kill(1);
        killed.set(true);
        // While node B is dead, a post is published (through nginx): B must find it when it is back.
        String whileDead = publish(admin(cluster.url()), "Potimarron rôti", "Un potimarron rôti au thym.");
        Thread.sleep(4_000);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        System.out.printf("cluster load: %d reads (%d failed, %d after the kill), %d comments acknowledged, "
                + "%d writes refused%n", reads.get(), failedReads.get(), readsAfterKill.get(), acknowledged.size(),
                refusedWrites.get());
        assertThat(acknowledged).as("comments were written under load").hasSizeGreaterThan(10);
        assertThat(readsAfterKill.get()).as("the other nodes kept serving").isGreaterThan(20);
        assertThat(failedReads.get()).as("nginx failed reads over to the live nodes")
                .isLessThanOrEqualTo(Math.max(2, reads.get() / 100));

        // Nothing acknowledged is lost: every comment answered 303 is in the database, and shown.
        Set<String> stored = storedComments();
        assertThat(stored).containsAll(acknowledged);
        int live = stored.size();
        for (int node : new int[] {0, 2}) {
            assertThat(anonymous(node, postPath).doc().select(".comment-count").text())
                    .as("node %d", node).contains(live + " comments");
        }

        // B comes back (same port, same data directory) and catches up: page, cache and index match the others.
        cluster.startNode(1, true);
        Response onB = anonymous(1, postPath);
        Response onA = anonymous(0, postPath);
        assertThat(onB.doc().select(".comment-count").text()).isEqualTo(onA.doc().select(".comment-count").text());
        assertThat(commentIds(onB.doc())).isEqualTo(commentIds(onA.doc())).hasSize(live);
        assertThat(anonymous(1, whileDead).status()).isEqualTo(200);
        assertThat(anonymous(1, "/" + BLOG + "/").body()).contains("Potimarron rôti");
        assertThat(anonymous(1, "/" + BLOG + "/search?q=potimarron").doc().select("ol.search-results a").text())
                .as("B's own index caught up from the change log").contains("Potimarron rôti");
        assertThat(anonymous(1, "/" + BLOG + "/search?q=thym").doc().select("ol.search-results a").text())
                .isEqualTo(anonymous(0, "/" + BLOG + "/search?q=thym").doc().select("ol.search-results a").text());
    }

    @Test
    @Order(7)
    void anImageUploadedThroughAIsShownThroughBAndC() throws Exception {
        WebClient a = admin(cluster.nodeUrl(0));
        byte[] picture = png(900, 500);
        Response added = a.postMultipart("/" + BLOG + "/admin/media", Map.of("_csrf",
                a.csrfToken("/" + BLOG + "/admin/media"), "alt", "Un ciel"), "file", "ciel.png", picture);
        assertThat(added.status()).as(added.text()).isEqualTo(303);
        String hash = query("SELECT content_hash FROM media WHERE original_name = 'ciel.png'");
        assertThat(hash).isNotNull();
        String original = "/" + BLOG + "/media/" + hash + "/ciel.png";
        byte[] servedByA = null;
        for (int node = 0; node < cluster.size(); node++) {
            java.net.http.HttpResponse<byte[]> r = bytes(cluster.nodeUrl(node) + original);
            assertThat(r.statusCode()).as("node " + node).isEqualTo(200);
            if (servedByA == null) {
                servedByA = r.body();
            }
            assertThat(r.body()).as("node " + node + " serves the same bytes").isEqualTo(servedByA);
        }
        // A variant made on C's first request is kept in the bucket: B serves it without making it again.
        String variant = "/" + BLOG + "/media/" + hash + "/w320/ciel.png";
        assertThat(bytes(cluster.nodeUrl(2) + variant).statusCode()).isEqualTo(200);
        byte[] fromB = bytes(cluster.nodeUrl(1) + variant).body();
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(fromB)).getWidth()).isEqualTo(320);
    }

    @Test
    @Order(8)
    void aNodeKilledDuringAnUploadLeavesNoHalfImageVisible() throws Exception {
        int node = 1;
        WebClient a = admin(cluster.nodeUrl(node));
        String token = a.csrfToken("/" + BLOG + "/admin/media");
        String before = query("SELECT COUNT(*) FROM media");
        // Half of a large upload is sent, then the node dies while it reads the rest.
        String boundary = "----cluster" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"moitie.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] picture = png(2000, 2000);
        int total = head.length + picture.length + boundary.length() + 8;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1",
                Integer.parseInt(cluster.nodeUrl(node).replaceAll(".*:", "")))) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /" + BLOG + "/admin/media HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + a.cookieHeader()
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + total
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(head);
            out.write(picture, 0, picture.length / 2);
            out.flush();
            cluster.kill(node);
        }
        cluster.startNode(node, true);
        assertThat(query("SELECT COUNT(*) FROM media")).isEqualTo(before);
        assertThat(query("SELECT COUNT(*) FROM media WHERE original_name = 'moitie.png'")).isEqualTo("0");
        // Every image the library lists is whole on every node.
        Response library = admin(cluster.url()).get("/" + BLOG + "/admin/media");
        for (String src : library.doc().select("#media-grid img").eachAttr("src")) {
            for (int n = 0; n < cluster.size(); n++) {
                java.net.http.HttpResponse<byte[]> r = bytes(cluster.nodeUrl(n) + src);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()))).isNotNull();
            }
        }
    }

    private static java.net.http.HttpResponse<byte[]> bytes(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).timeout(java.time.Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] png(int width, int height) throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        for (int y = 0; y < height; y += 10) {
            g.setColor(new java.awt.Color((y * 7) % 256, (y * 3) % 256, (y * 11) % 256));
            g.fillRect(0, y, width, 10);
        }
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    @Order(6)
    void whenTheNodeRunningScheduledPublishingDiesAnotherNodeTakesTheJobOver() throws Exception {
        // The node holding the lease now (a lease of the node killed before may still be on record, expired).
        String holder = waitFor(() -> query("SELECT holder FROM job_lease WHERE name = 'publish-scheduled' "
                + "AND expires_at > " + System.currentTimeMillis()));
        int dead = -1;
        for (int node = 0; node < cluster.size(); node++) {
            if (holder.contains(":" + cluster.nodeUrl(node).replaceAll(".*:", "") + "/")) {
                dead = node;
            }
        }
        assertThat(dead).as("the lease names its node: " + holder).isNotNegative();
        cluster.kill(dead);
        int alive = (dead + 1) % cluster.size();
        // Due in 20 s: well after the editor has saved it (as scheduled), and after the dead node's lease ends.
        String at = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Paris")).plusSeconds(20)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Map<String, String> fields = new HashMap<>();
        fields.put("title", "Courge d’hiver");
        fields.put("format", "markdown");
        fields.put("body", "Programmée.");
        fields.put("publish-at", at);
        fields.put("action", "publish");
        Response r = admin(cluster.nodeUrl(alive)).submit("/" + BLOG + "/admin/posts/new", "form#editor", fields);
        assertThat(r.status()).as(r.text()).isEqualTo(303);
        assertThat(query("SELECT status FROM post WHERE title = 'Courge d’hiver'")).isEqualTo("SCHEDULED");
        // The dead node's lease runs out (15 s), a live node takes the job and publishes the post.
        waitFor(() -> "PUBLISHED".equals(query("SELECT status FROM post WHERE title = 'Courge d’hiver'"))
                ? "published" : null);
        String taker = query("SELECT holder FROM job_lease WHERE name = 'publish-scheduled'");
        assertThat(taker).isNotEqualTo(holder).doesNotContain(":" + cluster.nodeUrl(dead).replaceAll(".*:", "") + "/");
        cluster.startNode(dead, true);
    }

    /** Polls (every 200 ms, at most 60 s) until the supplier gives a value. */
    private static String waitFor(java.util.concurrent.Callable<String> value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String v = value.call();
            if (v != null) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing came within 60 s");
    }

    private static String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> commentIds(Document page) {
        return page.select("#comments [id^=c]").eachAttr("id").stream().filter(id -> id.matches("c[0-9]+")).toList();
    }

    private static Set<String> storedComments() throws Exception {
        Set<String> texts = new HashSet<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement s = c.prepareStatement("SELECT body_text FROM comment WHERE status = 'LIVE'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                texts.add(rs.getString(1).strip());
            }
        }
        return texts;
    }
}
