package org.carnet.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves a blog at / on its own host name: a request for blog.example/2022/01/x.html is handled exactly as
 * /{name}/2022/01/x.html, so every blog route exists once. The server's own paths (/account, /static...) are
 * left alone, so signing in works on the blog's host too.
 */
public final class HostBlogFilter implements Filter {

    /** Paths that belong to the server on every host. */
    static final Set<String> SERVER_PATHS = Set.of("account", "static", "healthz", "metrics", "blogger",
            "dashboard", "favicon.ico");
    public static final String ORIGINAL_PATH = "carnet.originalPath";

    // Short-lived so that a host given to a blog on another node (or by the CLI) is served within seconds.
    private final LoadingCache<String, Optional<String>> blogByHost;

    private final String instanceHost;

    /** instanceHost: the instance's own host name (from its base URL), never taken by a blog; may be null. */
    public HostBlogFilter(Function<String, Optional<String>> lookUpBlogName, String instanceHost) {
        this.instanceHost = instanceHost == null ? null : instanceHost.toLowerCase(Locale.ROOT);
        this.blogByHost = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofSeconds(5))
                .build(lookUpBlogName::apply);
    }

    /** Forgets every host looked up (a blog's host name may have changed, on this node or another). */
    public void forget() {
        blogByHost.invalidateAll();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String host = req.getServerName();
        String uri = req.getRequestURI();
        req.setAttribute(ORIGINAL_PATH, uri);
        Optional<String> blog = host == null || host.isEmpty() || host.length() > 253
                || host.equalsIgnoreCase(instanceHost) ? Optional.empty() : blogByHost.get(host.toLowerCase(Locale.ROOT));
        if (blog.isEmpty() || isServerPath(uri)) {
            chain.doFilter(request, response);
            return;
        }
        req.setAttribute(Web.HOST_BLOG, blog.get());
        String rewritten = "/" + blog.get() + (uri.equals("/") ? "/" : uri);
        chain.doFilter(new HttpServletRequestWrapper(req) {
            @Override
            public String getRequestURI() {
                return rewritten;
            }

            @Override
            public StringBuffer getRequestURL() {
                return new StringBuffer(req.getScheme() + "://" + req.getHeader("Host") + rewritten);
            }
        }, response);
    }

    static boolean isServerPath(String uri) {
        String first = uri.length() <= 1 ? "" : uri.substring(1).split("/", 2)[0];
        return SERVER_PATHS.contains(first);
    }
}
