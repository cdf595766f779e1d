package org.carnet.transfer;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images an imported body shows from the old blog's hosts, found in its {@code src} and {@code href} values:
 * for Blogger, blogger.googleusercontent.com, *.bp.blogspot.com, *.googleusercontent.com and the blog's own address
 * (files with an image extension there); for WordPress, the site's /wp-content/uploads/ files (and those of
 * *.files.wordpress.com). The same picture in several sizes is one {@link Picture}: Blogger's size in the path
 * (/s320/, /w640-h480/, /s1600-h/) or after "=" (=s1600, =w640-h480), WordPress's -300x200 before the extension.
 * Found by a pattern over attribute values, like the link rewriting of ImportService, so that a body is changed only
 * where an image address was (no re-serialising of the whole HTML).
 */
final class OldImages {

    /** src="..." or href='...' anywhere in a tag. */
    private static final Pattern ATTRIBUTE = Pattern.compile("(?i)(\\s(?:src|href)\\s*=\\s*)(?:\"([^\"<>]*)\"|'([^'<>]*)')");
    /** A Blogger size segment: s320, s1600-h, w640-h480, w640-h480-c, h200, s0. */
    private static final String SIZE = "(?:s\\d+|w\\d+-h\\d+|w\\d+|h\\d+)(?:-[a-z0-9-]+)?";
    private static final Pattern BLOGGER_PATH = Pattern.compile("^(.*/)(" + SIZE + ")(/[^/]+)$");
    private static final Pattern BLOGGER_PARAM = Pattern.compile("^([^=]+)=(" + SIZE + ")$");
    private static final Pattern WP_SIZE = Pattern.compile("^(.*/wp-content/uploads/.*?)(-\\d+x\\d+)(\\.[A-Za-z0-9]+)$");
    private static final Pattern IMAGE_FILE = Pattern.compile("(?i).*\\.(?:jpe?g|png|gif|webp)$");

    private enum Kind { BLOGGER, WORDPRESS, OWN_FILE }

    /** One picture: the addresses to ask for it, best first, and every address of it the bodies use. */
    static final class Picture {
        final String key;
        private String bestSize;
        private int bestPixels = -1;
        private String prefix;
        private String suffix;
        private String plain;
        final List<String> seen = new ArrayList<>();

        Picture(String key) {
            this.key = key;
        }

        /** Where to fetch it: the original first (s0, or WordPress's unsuffixed file), then the largest seen. */
        List<String> candidates() {
            List<String> c = new ArrayList<>();
            if (plain != null) {
                c.add(plain);
            }
            if (prefix != null) {
                c.add(prefix + "s0" + suffix);
                c.add(prefix + bestSize + suffix);
            }
            c.addAll(seen);
            return c.stream().distinct().toList();
        }
    }

    private final String ownHost;

    /** sourceUrl: the old blog's address as the export gives it (null when it does not). */
    OldImages(String sourceUrl) {
        this.ownHost = host(sourceUrl);
    }

    /** The pictures of html added to found (by key). */
    void collect(String html, Map<String, Picture> found) {
        if (html == null) {
            return;
        }
        Matcher m = ATTRIBUTE.matcher(html);
        while (m.find()) {
            String url = decode(m.group(2) != null ? m.group(2) : m.group(3));
            add(url, found);
        }
    }

    /** html with every address of a fetched picture replaced by its new one (newUrl gives null: left as it is). */
    String rewrite(String html, Function<String, String> newUrlByKey) {
        if (html == null) {
            return null;
        }
        Matcher m = ATTRIBUTE.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean doubleQuoted = m.group(2) != null;
            String url = decode(doubleQuoted ? m.group(2) : m.group(3));
            String key = keyOf(url);
            String to = key == null ? null : newUrlByKey.apply(key);
            if (to == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                String q = doubleQuoted ? "\"" : "'";
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + q + to + q));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private void add(String url, Map<String, Picture> found) {
        String key = keyOf(url);
        if (key == null) {
            return;
        }
        Picture p = found.computeIfAbsent(key, Picture::new);
        String absolute = absolute(url);
        if (!p.seen.contains(absolute)) {
            p.seen.add(absolute);
        }
        Kind kind = kindOf(uri(url));
        Matcher path = BLOGGER_PATH.matcher(absolute);
        Matcher param = BLOGGER_PARAM.matcher(absolute);
        Matcher wp = WP_SIZE.matcher(absolute);
        if (kind == Kind.BLOGGER && path.matches()) {
            sized(p, path.group(1), path.group(2), path.group(3));
        } else if (kind == Kind.BLOGGER && param.matches()) {
            sized(p, param.group(1) + "=", param.group(2), "");
        } else if (kind == Kind.WORDPRESS && wp.matches()) {
            p.plain = wp.group(1) + wp.group(3);
        } else if (p.plain == null) {
            p.plain = absolute;
        }
    }

    private static void sized(Picture p, String prefix, String size, String suffix) {
        String clean = size.replaceFirst("^(s\\d+|w\\d+-h\\d+|w\\d+|h\\d+).*$", "$1");
        int pixels = pixels(clean);
        if (pixels > p.bestPixels) {
            p.bestPixels = pixels;
            p.bestSize = clean;
            p.prefix = prefix;
            p.suffix = suffix;
        }
    }

    /** The largest side a size asks for; s0 (the original) is the largest of all. */
    private static int pixels(String size) {
        if (size.equals("s0")) {
            return Integer.MAX_VALUE;
        }
        int max = 0;
        for (String n : size.split("[^0-9]+")) {
            if (!n.isEmpty()) {
                max = Math.max(max, Integer.parseInt(n.length() > 6 ? "999999" : n));
            }
        }
        return max;
    }

    /** Blogger's image hosts; the old site's uploads (WordPress); another image file of the old site; or null. */
    private Kind kindOf(URI uri) {
        if (uri == null) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (host.endsWith(".bp.blogspot.com") || host.equals("googleusercontent.com")
                || host.endsWith(".googleusercontent.com")) {
            return Kind.BLOGGER;
        }
        boolean own = ownHost != null && sameSite(host, ownHost);
        if ((own && path.contains("/wp-content/uploads/") || host.endsWith(".files.wordpress.com"))
                && IMAGE_FILE.matcher(path).matches()) {
            return Kind.WORDPRESS;
        }
        return own && IMAGE_FILE.matcher(path).matches() ? Kind.OWN_FILE : null;
    }

    /** The picture url shows (its sizes folded together), or null when it is not an old image. */
    String keyOf(String url) {
        URI uri = uri(url);
        Kind kind = kindOf(uri);
        if (kind == null) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        // 1.bp, 2.bp, 3.bp...: the same files.
        String hostKey = host.endsWith(".bp.blogspot.com") ? "bp.blogspot.com" : host;
        String path = uri.getRawPath();
        if (kind == Kind.BLOGGER) {
            Matcher m = BLOGGER_PATH.matcher(path);
            if (m.matches()) {
                return hostKey + m.group(1) + m.group(3);
            }
            Matcher q = BLOGGER_PARAM.matcher(path);
            return hostKey + (q.matches() ? q.group(1) : path);
        }
        Matcher wp = WP_SIZE.matcher(path);
        return hostKey + (kind == Kind.WORDPRESS && wp.matches() ? wp.group(1) + wp.group(3) : path);
    }

    private static boolean sameSite(String host, String own) {
        return host.replaceFirst("^www\\.", "").equals(own);
    }

    private static URI uri(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(absolute(url));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** //host/x becomes https://host/x. */
    private static String absolute(String url) {
        String u = url.strip();
        return u.startsWith("//") ? "https:" + u : u;
    }

    private static String host(String sourceUrl) {
        URI uri = sourceUrl == null ? null : uri(sourceUrl);
        return uri == null ? null : uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    }

    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|quot|apos|lt|gt));");

    /**
     * An attribute value as the address it stands for: the entities it may carry decoded (&amp;amp;, and the
     * sanitiser's numeric ones, such as &amp;#61; for "=").
     */
    static String decode(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        Matcher m = ENTITY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int c;
            if (m.group(1) != null) {
                c = Integer.parseInt(m.group(1));
            } else if (m.group(2) != null) {
                c = Integer.parseInt(m.group(2), 16);
            } else {
                c = switch (m.group(3)) {
                    case "amp" -> '&';
                    case "quot" -> '"';
                    case "apos" -> '\'';
                    case "lt" -> '<';
                    default -> '>';
                };
            }
            m.appendReplacement(out, Character.isValidCodePoint(c) && c != 0
                    ? Matcher.quoteReplacement(new String(Character.toChars(c))) : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Pictures of several bodies, in the order first seen. */
    static Map<String, Picture> newFound() {
        return new LinkedHashMap<>();
    }
}
