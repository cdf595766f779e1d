package org.carnet.seo;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogName;
import org.carnet.blog.BlogService;
import org.carnet.core.Problem;
import org.carnet.post.BlogReader;
import org.carnet.post.PostStore;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/**
 * What search engines ask for: robots.txt (the server's own pages, admin and search pages disallowed; hidden
 * and private blogs disallowed entirely) and sitemaps (each public blog's posts and pages with their last change,
 * and an index of them at the root).
 */
public final class SeoRoutes {

    private static final String SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private final BlogService blogs;
    private final BlogReader reader;

    public SeoRoutes(BlogService blogs, BlogReader reader) {
        this.blogs = blogs;
        this.reader = reader;
    }

    public void register(RoutesConfig r) {
        r.get("/robots.txt", this::instanceRobots);
        r.get("/sitemap.xml", this::sitemapIndex);
        r.get("/{blog}/robots.txt", this::blogRobots);
        r.get("/{blog}/sitemap.xml", this::blogSitemap);
    }

    private void instanceRobots(Context ctx) {
        StringBuilder txt = new StringBuilder("User-agent: *\n");
        for (String path : new String[] {"/account/", "/admin", "/dashboard"}) {
            txt.append("Disallow: ").append(path).append('\n');
        }
        for (Blog b : blogs.allBlogs()) {
            if (b.isPrivate()) {
                // Not named here: that a private blog exists is its members' business (its pages refuse everyone
                // else anyway).
                continue;
            }
            if (b.hiddenFromEngines()) {
                txt.append("Disallow: /").append(b.name()).append("/\n");
            } else {
                txt.append("Disallow: /").append(b.name()).append("/admin/\n");
                txt.append("Disallow: /").append(b.name()).append("/search\n");
            }
        }
        txt.append("\nSitemap: ").append(Web.origin(ctx)).append("/sitemap.xml\n");
        ctx.contentType("text/plain; charset=utf-8").result(txt.toString());
    }

    /** robots.txt of a blog served on its own host name (/robots.txt there is this blog's). */
    private void blogRobots(Context ctx) {
        Blog blog = blogs.find(ctx.pathParam("blog")).filter(b -> !b.isPrivate()).orElse(null);
        if (blog == null) {
            // The same answer for a private blog and for no blog: nothing to index, nothing revealed.
            ctx.contentType("text/plain; charset=utf-8").result("User-agent: *\nDisallow: /\n");
            return;
        }
        String base = Pages.blogBase(ctx, blog);
        StringBuilder txt = new StringBuilder("User-agent: *\n");
        if (blog.hiddenFromEngines()) {
            txt.append("Disallow: ").append(base).append("/\n");
        } else {
            txt.append("Disallow: ").append(base).append("/admin/\n");
            txt.append("Disallow: ").append(base).append("/search\n");
            txt.append("\nSitemap: ").append(Web.origin(ctx)).append(base).append("/sitemap.xml\n");
        }
        ctx.contentType("text/plain; charset=utf-8").result(txt.toString());
    }

    private void sitemapIndex(Context ctx) throws XMLStreamException {
        xml(ctx, w -> {
            w.writeStartElement("sitemapindex");
            w.writeDefaultNamespace(SITEMAPS);
            for (Blog b : blogs.allBlogs()) {
                if (!b.isPrivate() && !b.hiddenFromEngines()) {
                    w.writeStartElement("sitemap");
                    element(w, "loc", Web.origin(ctx) + "/" + b.name() + "/sitemap.xml");
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        });
    }

    private void blogSitemap(Context ctx) throws XMLStreamException {
        Blog blog = blog(ctx);
        if (blog.isPrivate() || blog.hiddenFromEngines()) {
            throw Problem.notFound("error.404.text");
        }
        String base = Web.origin(ctx) + Pages.blogBase(ctx, blog);
        xml(ctx, w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(SITEMAPS);
            w.writeStartElement("url");
            element(w, "loc", base + "/");
            w.writeEndElement();
            for (PostStore.SitemapEntry e : reader.sitemap(blog)) {
                w.writeStartElement("url");
                element(w, "loc", base + e.path());
                element(w, "lastmod", DateTimeFormatter.ISO_INSTANT.format(e.updatedAt()));
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    private Blog blog(Context ctx) {
        String name = ctx.pathParam("blog");
        if (BlogName.RESERVED.contains(name)) {
            throw Problem.notFound("error.404.text");
        }
        return blogs.require(name);
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static void xml(Context ctx, Body body) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(SITEMAPS);
        body.write(w);
        w.writeEndDocument();
        w.close();
        ctx.contentType("application/xml; charset=utf-8").result(out.toString(StandardCharsets.UTF_8));
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
