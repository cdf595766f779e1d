package org.carnet.media.fetch;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * A web server on 127.0.0.1 (the JDK's) that plays the old blog's image hosts in tests: it serves the files it is
 * given by path, redirects where told, answers 404 for anything else, and remembers every path asked for.
 */
public final class ImageServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    public final List<String> asked = new CopyOnWriteArrayList<>();

    public ImageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "image-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            asked.add(path);
            try (exchange) {
                String to = redirects.get(path);
                if (to != null) {
                    exchange.getResponseHeaders().add("Location", to);
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                byte[] body = files.get(path);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", path.endsWith(".png") ? "image/png" : "image/jpeg");
                boolean chunked = exchange.getRequestURI().getQuery() != null
                        && exchange.getRequestURI().getQuery().contains("chunked");
                exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException closedByClient) {
                    // The client gave up (a file too large): expected in those tests.
                }
            }
        });
        server.start();
    }

    /** http://127.0.0.1:port */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public ImageServer serve(String path, byte[] body) {
        files.put(path, body);
        return this;
    }

    public ImageServer redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    public long hits(String path) {
        return asked.stream().filter(path::equals).count();
    }

    /** A picture with some detail (so that two sizes or colours give different bytes). */
    public static byte[] image(String format, int width, int height, Color color) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
