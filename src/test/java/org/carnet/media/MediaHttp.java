package org.carnet.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carnet.testkit.WebClient;

/**
 * What a browser (or the editor's script) does with images that WebClient, a client of pages, does not: upload
 * several files or ask for JSON, and read bytes back with their headers. It acts as the same browser as a
 * WebClient (its cookies).
 */
final class MediaHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final WebClient browser;

    MediaHttp(String base, WebClient browser) {
        this.base = base;
        this.browser = browser;
    }

    record Bytes(int status, byte[] body, HttpResponse<byte[]> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    record File(String name, byte[] content) {
    }

    Bytes get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (browser != null && !browser.cookieHeader().isEmpty()) {
            b.header("Cookie", browser.cookieHeader());
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.body(), r);
    }

    /** POST /{blog}/admin/media as the editor would: multipart, CSRF token in its header, JSON asked for. */
    Bytes uploadJson(String blog, String name, byte[] content, String alt) throws Exception {
        return upload(blog, List.of(new File(name, content)), alt, true);
    }

    /** The library's form, as a browser without JavaScript sends it (one or several files). */
    Bytes uploadForm(String blog, List<File> files, String alt) throws Exception {
        return upload(blog, files, alt, false);
    }

    private Bytes upload(String blog, List<File> files, String alt, boolean json) throws Exception {
        String token = browser.csrfToken("/" + blog + "/admin/media");
        String boundary = "----media" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = json ? Map.of("alt", alt) : Map.of("alt", alt, "_csrf", token);
        for (var f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (File f : files) {
            // The browser's Content-Type is a lie on purpose: Carnet must not look at it.
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + f.name() + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + blog + "/admin/media"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", browser.cookieHeader())
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (json) {
            b.header("Accept", "application/json").header("X-CSRF-Token", token);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.body(), r);
    }
}
