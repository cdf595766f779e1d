package org.carnet.blog;

import java.util.Set;
import java.util.regex.Pattern;
import org.carnet.core.Problem;

/** The rules for a blog's short name: its first path segment, so it must not shadow the server's own paths. */
public final class BlogName {

    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9-]{3,40}$");

    /** Top-level paths of the server, and words reserved for its future ones. */
    public static final Set<String> RESERVED = Set.of(
            "account", "accounts", "admin", "api", "static", "assets", "healthz", "health", "metrics", "feeds",
            "feed", "v3", "blogger", "dashboard", "search", "login", "logout", "signin", "signup", "register",
            "settings", "help", "about", "www", "mail", "robots", "sitemap", "favicon", "new", "blog", "blogs",
            "p", "invite", "invitations", "auth", "oauth", "well-known", "import", "export", "status", "root",
            "carnet", "system", "public", "private", "null", "undefined");

    private BlogName() {
    }

    public static String check(String name) {
        String n = name == null ? "" : name.trim();
        if (!SHAPE.matcher(n).matches() || n.startsWith("-") || n.endsWith("-")) {
            throw Problem.invalid("blog.name.invalid");
        }
        if (RESERVED.contains(n)) {
            throw Problem.invalid("blog.name.reserved", n);
        }
        return n;
    }
}
