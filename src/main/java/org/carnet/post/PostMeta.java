package org.carnet.post;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.blog.Blog;
import org.carnet.web.Meta;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** What search engines and link previews read about a blog's pages: canonical, description, image, JSON-LD. */
public final class PostMeta {

    private static final Pattern FIRST_IMAGE = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final int DESCRIPTION = 160;

    private PostMeta() {
    }

    /** A post or page: its search description (else the start of its text), first image, BlogPosting data. */
    public static Meta forPost(Context ctx, Blog blog, Post post) {
        String base = Web.origin(ctx) + Pages.blogBase(ctx, blog);
        String url = base + post.path();
        String description = !post.searchDescription().isBlank() ? post.searchDescription()
                : shorten(post.bodyText());
        String image = firstImage(post.bodyHtml(), Web.origin(ctx));
        Map<String, Object> ld = new LinkedHashMap<>();
        ld.put("@context", "https://schema.org");
        ld.put("@type", post.isPage() ? "WebPage" : "BlogPosting");
        ld.put("headline", post.title());
        ld.put("url", url);
        ld.put("mainEntityOfPage", url);
        ld.put("inLanguage", blog.language());
        if (post.publishedAt() != null) {
            ld.put("datePublished", post.publishedAt().toString());
        }
        ld.put("dateModified", post.updatedAt().toString());
        if (post.authorName() != null) {
            ld.put("author", Map.of("@type", "Person", "name", post.authorName()));
        }
        ld.put("description", description);
        if (image != null) {
            ld.put("image", image);
        }
        ld.put("publisher", Map.of("@type", "Organization", "name", blog.title()));
        return new Meta(url, description, image, "article", json(ld));
    }

    /** A listing of the blog (home, archive, label, author): canonical and the blog's description. */
    public static Meta forListing(Context ctx, Blog blog, String pathInBlog) {
        return new Meta(Web.origin(ctx) + Pages.blogBase(ctx, blog) + pathInBlog, blog.description(), null,
                "website", null);
    }

    static String shorten(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() <= DESCRIPTION) {
            return t;
        }
        int cut = t.lastIndexOf(' ', DESCRIPTION - 1);
        return t.substring(0, cut > DESCRIPTION / 2 ? cut : DESCRIPTION - 1) + "…";
    }

    static String firstImage(String html, String origin) {
        Matcher m = FIRST_IMAGE.matcher(html == null ? "" : html);
        if (!m.find()) {
            return null;
        }
        String src = m.group(1).replace("&amp;", "&");
        if (src.startsWith("//")) {
            return "https:" + src;
        }
        return src.startsWith("/") ? origin + src : src;
    }

    /** JSON for a script element (see JsonInHtml: nothing in it can end or confuse the element). */
    private static String json(Map<String, Object> data) {
        return org.carnet.web.JsonInHtml.write(data);
    }
}
