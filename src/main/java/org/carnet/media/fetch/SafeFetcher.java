package org.carnet.media.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Fetches files from other people's servers (an imported blog's images) without becoming a way into the network
 * Carnet runs in (SSRF):
 * <ul>
 *   <li>only http and https;</li>
 *   <li>the host name is resolved once, by {@link Guard}, Jetty's client's only resolver: every address it resolves
 *       to must be public ({@link PublicAddresses}), else nothing is connected to; the connection goes to those very
 *       addresses (no second lookup a DNS-rebinding server could answer differently);</li>
 *   <li>redirects are followed here, not by the client, at most {@link Limits#maxRedirects}, each new address going
 *       through the same checks;</li>
 *   <li>each file is streamed to a temporary file and aborted past {@link Limits#maxBytes} or
 *       {@link Limits#timeout}; at most {@link Limits#concurrency} fetches run at once.</li>
 * </ul>
 * allowPrivate lifts the address check (tests that serve from 127.0.0.1, and `carnet import
 * --allow-private-addresses` run by the instance's operator); never from a web request.
 */
public final class SafeFetcher implements AutoCloseable {

    /** The bounds of fetching. */
    public record Limits(long maxBytes, Duration timeout, int concurrency, int maxRedirects) {
        public static Limits defaults(long maxBytes) {
            return new Limits(maxBytes, Duration.ofSeconds(30), 4, 5);
        }
    }

    /** A fetched file (deleted on close), its Content-Type as the server said, and where it came from at last. */
    public record Fetched(Path file, String contentType, URI finalUri, long bytes) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Resolves a host name (the JDK's resolver; a test may give another). */
    @FunctionalInterface
    public interface Lookup {
        List<InetAddress> all(String host) throws UnknownHostException;

        Lookup SYSTEM = Boolean.getBoolean("carnet.test.offline") ? Lookup::offline
                : host -> Arrays.asList(InetAddress.getAllByName(host));

        /**
         * The test suite's resolver (-Dcarnet.test.offline=true, set by the build for tests only): an address
         * written as such and localhost resolve, any other name is unknown without asking DNS. The fixtures'
         * exports name Blogger's real image hosts; a test must never fetch from the internet, nor wait for it.
         */
        private static List<InetAddress> offline(String host) throws UnknownHostException {
            if (host.equals("localhost") || host.matches("[0-9.]+|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*]?")) {
                return Arrays.asList(InetAddress.getAllByName(host));
            }
            throw new UnknownHostException(host + " (the tests run offline)");
        }
    }

    private final Limits limits;
    private final Path work;
    private final Semaphore slots;
    private final HttpClient client;

    public SafeFetcher(Limits limits, boolean allowPrivate, Path work) {
        this(limits, allowPrivate, work, Lookup.SYSTEM);
    }

    /** The same, host names resolved by lookup (tests: the old blog's hosts played by a local server). */
    public SafeFetcher(Limits limits, boolean allowPrivate, Path work, Lookup lookup) {
        this(limits, allowPrivate ? a -> true : PublicAddresses::isPublic, work, lookup);
    }

    /** allowed: which addresses may be connected to (tests narrow it to one loopback address). */
    SafeFetcher(Limits limits, Predicate<InetAddress> allowed, Path work, Lookup lookup) {
        this.limits = limits;
        this.work = work;
        this.slots = new Semaphore(Math.max(1, limits.concurrency()));
        this.client = new HttpClient();
        client.setFollowRedirects(false);
        client.setSocketAddressResolver(new Guard(lookup, allowed, client::getExecutor));
        client.setConnectTimeout(Math.min(limits.timeout().toMillis(), 10_000));
        client.setIdleTimeout(limits.timeout().toMillis());
        client.setMaxConnectionsPerDestination(Math.max(1, limits.concurrency()));
        client.setUserAgentField(new org.eclipse.jetty.http.HttpField(HttpHeader.USER_AGENT,
                "Carnet (importing a blog's images)"));
        client.setHttpCookieStore(new org.eclipse.jetty.http.HttpCookieStore.Empty());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
    }

    /** The file at url, in a temporary file the caller closes; refused as FetchException says why. */
    public Fetched fetch(String url) throws FetchException {
        URI uri = checkedUri(url, null);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.FAILED, url + ": interrupted", e);
        }
        try {
            long deadline = System.nanoTime() + limits.timeout().toNanos();
            for (int redirects = 0; ; redirects++) {
                Step step = once(uri, deadline);
                if (step.fetched() != null) {
                    return step.fetched();
                }
                if (redirects >= limits.maxRedirects()) {
                    throw new FetchException(FetchException.Reason.REDIRECTS, url + ": more than "
                            + limits.maxRedirects() + " redirects");
                }
                uri = checkedUri(step.location(), uri);
            }
        } finally {
            slots.release();
        }
    }

    /** url (relative to base, for a redirect's Location) if it is an http(s) address with a host. */
    static URI checkedUri(String url, URI base) throws FetchException {
        URI uri;
        try {
            uri = base == null ? new URI(url.strip()) : base.resolve(new URI(url.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException | NullPointerException e) {
            throw new FetchException(FetchException.Reason.SCHEME, url + ": not a web address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Reason.SCHEME, url + ": only http and https are fetched");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new FetchException(FetchException.Reason.SCHEME, url + ": not a web address");
        }
        return uri;
    }

    /** What one request gave: the file, or where it redirects to. */
    private record Step(Fetched fetched, String location) {
    }

    private Step once(URI uri, long deadline) throws FetchException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new FetchException(FetchException.Reason.TIMEOUT, uri + ": took too long");
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        Request request = client.newRequest(uri).timeout(left, TimeUnit.NANOSECONDS)
                .headers(h -> h.put(HttpHeader.ACCEPT, "image/*"));
        request.send(listener);
        Response response;
        try {
            response = listener.get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.FAILED, uri + ": interrupted", e);
        } catch (TimeoutException e) {
            request.abort(e);
            throw new FetchException(FetchException.Reason.TIMEOUT, uri + ": took too long", e);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
        int status = response.getStatus();
        try (InputStream in = listener.getInputStream()) {
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.getHeaders().get(HttpHeader.LOCATION);
                if (location == null || location.isBlank()) {
                    throw new FetchException(FetchException.Reason.REDIRECTS, uri + ": a redirect to nowhere");
                }
                return new Step(null, location);
            }
            if (status != 200) {
                request.abort(new IOException("status " + status));
                throw new FetchException(FetchException.Reason.STATUS, uri + ": the server answered " + status);
            }
            long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared > limits.maxBytes()) {
                request.abort(new IOException("too large"));
                throw tooLarge(uri);
            }
            Path file = Files.createTempFile(Files.createDirectories(work), "fetch-", ".part");
            try {
                long total = copy(in, file, uri, request, deadline);
                return new Step(new Fetched(file, response.getHeaders().get(HttpHeader.CONTENT_TYPE), uri, total), null);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw failure(uri, e);
        }
    }

    private long copy(InputStream in, Path file, URI uri, Request request, long deadline) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    request.abort(new IOException("too large"));
                    throw tooLarge(uri);
                }
                if (System.nanoTime() > deadline) {
                    request.abort(new IOException("too long"));
                    throw new FetchException(FetchException.Reason.TIMEOUT, uri + ": took too long");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private FetchException tooLarge(URI uri) {
        return new FetchException(FetchException.Reason.TOO_LARGE, uri + ": larger than "
                + limits.maxBytes() / 1_000_000 + " MB");
    }

    private static FetchException failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FetchException f) {
                return new FetchException(f.reason(), uri + ": " + f.getMessage(), f);
            }
            if (t instanceof UnknownHostException) {
                return new FetchException(FetchException.Reason.UNKNOWN_HOST, uri + ": unknown host", t);
            }
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new FetchException(FetchException.Reason.TIMEOUT, uri + ": took too long", t);
            }
        }
        return new FetchException(FetchException.Reason.FAILED, uri + ": " + (cause == null ? "failed"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping: nothing left to do with it.
        }
    }

    /**
     * The HTTP client's only way from a host name to addresses: one lookup, every address checked, and the
     * addresses checked are the ones returned (Jetty connects to them as they are). Runs the lookup off the
     * caller's thread, on the client's executor (it may block on DNS).
     */
    static final class Guard implements SocketAddressResolver {

        private final Lookup lookup;
        private final Predicate<InetAddress> allowed;
        private final java.util.function.Supplier<Executor> executor;

        Guard(Lookup lookup, Predicate<InetAddress> allowed, java.util.function.Supplier<Executor> executor) {
            this.lookup = lookup;
            this.allowed = allowed;
            this.executor = executor;
        }

        @Override
        public void resolve(String host, int port, Map<String, Object> context,
                            Promise<List<InetSocketAddress>> promise) {
            executor.get().execute(() -> {
                try {
                    promise.succeeded(resolve(host, port));
                } catch (Throwable t) {
                    promise.failed(t);
                }
            });
        }

        /** The addresses to connect to for host, all of them checked; refused when any one is not public. */
        List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException, FetchException {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            List<InetAddress> addresses = lookup.all(h);
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            if (!addresses.stream().allMatch(allowed)) {
                throw new FetchException(FetchException.Reason.NOT_PUBLIC, host
                        + " is not a public address (or resolves to one that is not)");
            }
            return addresses.stream().map(a -> new InetSocketAddress(a, port)).toList();
        }
    }
}
