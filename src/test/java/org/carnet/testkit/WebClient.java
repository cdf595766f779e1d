package org.carnet.testkit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An HTTP client that behaves like a browser with cookies: it keeps the session, and submit() fills a form
 * the way a browser would, hidden fields (the CSRF token) included. Redirects are not followed
 * automatically, so tests can check them; follow() does.
 */
public final class WebClient {

    private final String base;
    private final CookieManager cookies;
    private final HttpClient http;
    private String acceptLanguage = "en";

    WebClient(String base) {
        this(base, new CookieManager());
    }

    private WebClient(String base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client of the server at base (e.g. one node of several, or a load balancer in front of them). */
    public static WebClient at(String base) {
        return new WebClient(base);
    }

    /** The same browser (same cookies) talking to another server: another node of the same instance. */
    public WebClient on(String otherBase) {
        return new WebClient(otherBase, cookies).language(acceptLanguage);
    }

    public WebClient language(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
        return this;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** A raw form POST: exactly these fields, nothing added (a forged request, when no token is given). */
    public Response post(String path, Map<String, String> form, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    public Response postBytes(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A multipart/form-data POST with fields and one file, as a browser sends a file upload form. */
    public Response postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
                                  byte[] content) {
        String boundary = "----carnet" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return postBytes(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /**
     * Loads pagePath, finds the form (CSS selector), keeps its fields' values (hidden ones included),
     * overrides them with fields, and posts it to its action.
     */
    public Response submit(String pagePath, String formSelector, Map<String, String> fields) {
        Response page = get(pagePath);
        if (page.status() != 200) {
            throw new AssertionError("GET " + pagePath + " answered " + page.status() + ":\n" + page.body());
        }
        return submit(page, formSelector, fields);
    }

    public Response submit(Response page, String formSelector, Map<String, String> fields) {
        Element form = page.doc().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on the page:\n" + page.body());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name], textarea[name], select[name]")) {
            String type = input.attr("type");
            if ((type.equals("radio") || type.equals("checkbox")) && !input.hasAttr("checked")) {
                continue;
            }
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                if (selected == null) {
                    selected = input.selectFirst("option");
                }
                values.put(input.attr("name"), selected == null ? "" : selected.hasAttr("value")
                        ? selected.attr("value") : selected.text());
            } else if (input.tagName().equals("textarea")) {
                values.put(input.attr("name"), input.text());
            } else {
                values.put(input.attr("name"), input.attr("value"));
            }
        }
        values.putAll(fields);
        String action = form.attr("action");
        return post(action.isEmpty() ? URI.create(page.uri()).getPath() : action, values);
    }

    /** Follows a redirect response (GET on its Location), or returns the response unchanged. */
    public Response follow(Response r) {
        Response current = r;
        for (int i = 0; i < 5 && current.status() / 100 == 3; i++) {
            current = get(current.location());
        }
        return current;
    }

    public Response signIn(String email, String password) {
        return submit("/account/signin", "form#signin", Map.of("email", email, "password", password));
    }

    /** This client's cookies as a Cookie header (for a load generator acting as the same browser). */
    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** The CSRF token the server gives this client in its forms. */
    public String csrfToken(String pagePath) {
        Element input = get(pagePath).doc().selectFirst("input[name=_csrf]");
        if (input == null) {
            throw new AssertionError("No CSRF field on " + pagePath);
        }
        return input.attr("value");
    }

    private HttpRequest.Builder request(String path, String... headers) {
        URI uri = URI.create(path.startsWith("http") ? path : base + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept-Language", acceptLanguage);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers().map(), r.uri().toString());
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An HTTP response with its HTML parsed on demand. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers, String uri) {

        public Document doc() {
            return Jsoup.parse(body, uri);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String location() {
            return header("Location");
        }

        /** The visible text of the page (what a reader sees). */
        public String text() {
            return doc().body() == null ? body : doc().body().text();
        }
    }
}
