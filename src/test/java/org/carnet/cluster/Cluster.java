package org.carnet.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Several Carnet nodes, each a real `java -jar target/carnet.jar serve` process on its own port and its own data
 * directory, on one PostgreSQL database, behind a real nginx with round-robin upstreams: what an operator runs,
 * on one machine. Used by ClusterIT (the proof, run by CI) and ClusterLab (bench/cluster.sh).
 */
public final class Cluster implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@cluster.test";
    public static final String ADMIN_PASSWORD = "cluster-admin-password-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String jdbcUrl;
    private final Path jar;
    private final Path work;
    private final int[] ports;
    private final Process[] nodes;
    private final int lbPort;
    private final NodeOptions options;
    private Process nginx;

    /**
     * What every node is started with besides the database and its port: more arguments of `serve` and more
     * environment (e.g. an S3 media store that every node sees, and its credentials).
     */
    public record NodeOptions(List<String> args, Map<String, String> env) {
        public static final NodeOptions NONE = new NodeOptions(List.of(), Map.of());
    }

    private Cluster(String jdbcUrl, Path jar, Path work, int nodeCount, NodeOptions options) throws IOException {
        this.jdbcUrl = jdbcUrl;
        this.jar = jar;
        this.work = work;
        this.options = options;
        this.ports = new int[nodeCount];
        this.nodes = new Process[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            ports[i] = freePort();
        }
        this.lbPort = freePort();
    }

    /** Starts nodeCount nodes on the database at jdbcUrl (the first one creates the admin) and nginx before them. */
    public static Cluster start(String jdbcUrl, int nodeCount, Path work) throws Exception {
        return start(jdbcUrl, nodeCount, work, NodeOptions.NONE);
    }

    public static Cluster start(String jdbcUrl, int nodeCount, Path work, NodeOptions options) throws Exception {
        Path jar = Path.of("target", "carnet.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn package)");
        }
        Files.createDirectories(work);
        // nginx's workers run as nobody when the tests run as root (CI): they must reach their temp directories.
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Cluster c = new Cluster(jdbcUrl, jar, work.toAbsolutePath(), nodeCount, options);
        // Nodes and nginx are processes of their own: never leave them running when this JVM ends, however.
        Runtime.getRuntime().addShutdownHook(new Thread(c::destroyAll));
        try {
            for (int i = 0; i < nodeCount; i++) {
                c.startNode(i, false);
            }
            for (int i = 0; i < nodeCount; i++) {
                c.awaitHealthy(i);
            }
            c.startNginx();
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int size() {
        return nodes.length;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The load balancer (nginx) everyone should use. */
    public String url() {
        return "http://127.0.0.1:" + lbPort;
    }

    /** One node directly, bypassing nginx. */
    public String nodeUrl(int i) {
        return "http://127.0.0.1:" + ports[i];
    }

    public long pid(int i) {
        return nodes[i].pid();
    }

    /** Starts node i (again, after a kill: same port, same data directory). */
    public void startNode(int i, boolean await) throws Exception {
        Path data = work.resolve("node" + i);
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-jar", jar.toString(),
                "serve", "--db", jdbcUrl, "--data", data.toString(), "--port", Integer.toString(ports[i]),
                "--trust-proxy", "--pool-size", "8"));
        command.addAll(options.args());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(options.env());
        pb.environment().put("CARNET_ADMIN_EMAIL", ADMIN_EMAIL);
        pb.environment().put("CARNET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("node" + i + ".log").toFile()));
        nodes[i] = pb.start();
        if (await) {
            awaitHealthy(i);
        }
    }

    /** kill -9: the node gets no chance to finish anything. */
    public void kill(int i) throws InterruptedException {
        nodes[i].destroyForcibly();
        nodes[i].waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive(int i) {
        return nodes[i].isAlive();
    }

    /** Runs the CLI (`carnet args... --db url`) as an operator would beside the running nodes; returns its output. */
    public String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--db", jdbcUrl));
        Path output = Files.createTempFile(work, "cli-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(output);
        if (!ended || p.exitValue() != 0) {
            throw new IllegalStateException("carnet " + String.join(" ", args) + (ended ? " failed: " : " hung: ")
                    + out);
        }
        return out;
    }

    public void awaitHealthy(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!nodes[i].isAlive()) {
                throw new IllegalStateException("node " + i + " stopped: " + log(i));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(nodeUrl(i) + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node " + i + " did not start: " + log(i));
    }

    public String log(int i) {
        try {
            return Files.readString(work.resolve("node" + i + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void startNginx() throws Exception {
        String nginxBin = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Path dir = work.resolve("nginx");
        Files.createDirectories(dir.resolve("logs"));
        StringBuilder upstreams = new StringBuilder();
        for (int port : ports) {
            // A node that refuses connections is left alone for 2 s, then tried again (it may have restarted).
            upstreams.append("    server 127.0.0.1:").append(port).append(" max_fails=1 fail_timeout=2s;\n");
        }
        String conf = """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream carnet {
                %2$s    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    client_max_body_size 8m;
                    client_body_buffer_size 1m;
                    location / {
                      proxy_pass http://carnet;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      # A read that fails on a node is tried on the next one; a POST is not (it may have
                      # been applied): its client sees the error and nothing is acknowledged twice.
                      proxy_next_upstream error timeout http_502 http_503;
                      proxy_connect_timeout 1s;
                    }
                  }
                }
                """.formatted(dir, upstreams, lbPort);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        nginx = new ProcessBuilder(nginxBin, "-p", dir.toString(), "-c", confFile.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs/stdout.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(dir.resolve("logs/stdout.log")));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nginx did not start");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void destroyAll() {
        if (nginx != null) {
            nginx.destroyForcibly();
        }
        for (Process p : nodes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        if (nginx != null) {
            nginx.destroy();
        }
        for (Process p : nodes) {
            if (p != null) {
                p.destroy();
            }
        }
        for (Process p : nodes) {
            if (p != null) {
                try {
                    if (!p.waitFor(15, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (nginx != null) {
            try {
                nginx.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
