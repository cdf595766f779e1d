package org.carnet.transfer;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.carnet.blog.Blog;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes a blog as Blogger's classic "Back up content" Atom file, so that what Carnet exports Blogger (and
 * Carnet itself) can import: settings entries, then posts and pages, then comments. Streamed from the
 * database straight to the output.
 *
 * Entry ids follow Blogger's form: posts tag:blogger.com,1999:blog-BLOG.post-ID, pages ….page-ID, and
 * comments ….post-(COMMENT_ID + 10^12) so that a comment's number never equals a post's (Blogger's ids come
 * from one sequence, Carnet's from one per table).
 */
public final class BloggerExport {

    static final long COMMENT_OFFSET = 1_000_000_000_000L;

    private final Jdbi jdbi;
    private final ExportStore store;

    public BloggerExport(Jdbi jdbi, ExportStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    /** Writes blog to out; baseUrl (e.g. https://blogs.example.org) makes its links absolute. */
    public void write(Blog blog, String baseUrl, OutputStream out) {
        String home = baseUrl + "/" + blog.name();
        String prefix = "tag:blogger.com,1999:blog-" + blog.id();
        DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.of(blog.timeZone()));
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(BloggerAtom.ATOM);
            w.writeStartElement(BloggerAtom.ATOM, "feed");
            w.writeDefaultNamespace(BloggerAtom.ATOM);
            w.writeNamespace("thr", BloggerAtom.THREAD);
            w.writeNamespace("gd", BloggerAtom.GDATA);
            text(w, "id", prefix + ".archive");
            text(w, "updated", time.format(blog.updatedAt()));
            titled(w, blog.title());
            link(w, "alternate", "text/html", home + "/");
            text(w, "generator", "Carnet");
            // Every setting an import takes back (BloggerSettings reads what it writes).
            for (var setting : BloggerSettings.of(blog).entrySet()) {
                setting(w, prefix, setting.getKey(), setting.getValue(), time.format(blog.updatedAt()));
            }
            jdbi.useHandle(h -> store.posts(h, blog.id(), p -> post(w, prefix, home, time, absolute(p, blog, baseUrl))));
            jdbi.useHandle(h -> store.comments(h, blog.id(), c -> comment(w, prefix, home, time, c)));
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the export: " + e.getMessage(), e);
        }
    }

    /**
     * Links inside the blog are written relative to this server (/{name}/2022/01/x.html); in a file that
     * leaves the server they must say which server, so that an importer can point them at the new blog.
     */
    private static ExportStore.PostRow absolute(ExportStore.PostRow p, Blog blog, String baseUrl) {
        String html = p.bodyHtml() == null ? null : p.bodyHtml()
                .replace("href=\"/" + blog.name() + "/", "href=\"" + baseUrl + "/" + blog.name() + "/")
                .replace("src=\"/" + blog.name() + "/", "src=\"" + baseUrl + "/" + blog.name() + "/");
        return new ExportStore.PostRow(p.id(), p.kind(), p.title(), p.source(), html, p.path(), p.status(),
                p.publishedAt(), p.updatedAt(), p.authorName(), p.searchDescription(), p.labels());
    }

    private static void setting(XMLStreamWriter w, String prefix, String name, String value, String updated)
            throws XMLStreamException {
        w.writeStartElement(BloggerAtom.ATOM, "entry");
        text(w, "id", prefix + ".settings." + name);
        text(w, "updated", updated);
        kind(w, "settings");
        titled(w, name);
        content(w, value == null ? "" : value);
        w.writeEndElement();
    }

    private static void post(XMLStreamWriter w, String prefix, String home, DateTimeFormatter time,
                             ExportStore.PostRow p) {
        try {
            boolean page = "PAGE".equals(p.kind());
            boolean draft = "DRAFT".equals(p.status()) || p.path() == null;
            w.writeStartElement(BloggerAtom.ATOM, "entry");
            text(w, "id", prefix + (page ? ".page-" : ".post-") + p.id());
            Instant published = p.publishedAt() != null ? p.publishedAt() : p.updatedAt();
            text(w, "published", time.format(published));
            text(w, "updated", time.format(p.updatedAt()));
            kind(w, page ? "page" : "post");
            if (p.labels() != null && !page) {
                for (String label : p.labels().split("\u001f")) {
                    w.writeEmptyElement(BloggerAtom.ATOM, "category");
                    w.writeAttribute("scheme", BloggerAtom.LABEL_SCHEME);
                    w.writeAttribute("term", label);
                }
            }
            titled(w, p.title());
            content(w, p.bodyHtml());
            if (!draft) {
                link(w, "alternate", "text/html", home + p.path());
            }
            if (p.authorName() != null) {
                w.writeStartElement(BloggerAtom.ATOM, "author");
                text(w, "name", p.authorName());
                w.writeEndElement();
            }
            if (draft) {
                w.writeStartElement("app", "control", BloggerAtom.ATOM_PUB_DRAFT);
                w.writeNamespace("app", BloggerAtom.ATOM_PUB_DRAFT);
                w.writeStartElement("app", "draft", BloggerAtom.ATOM_PUB_DRAFT);
                w.writeCharacters("yes");
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void comment(XMLStreamWriter w, String prefix, String home, DateTimeFormatter time,
                                ExportStore.CommentRow c) {
        try {
            w.writeStartElement(BloggerAtom.ATOM, "entry");
            text(w, "id", prefix + ".post-" + (COMMENT_OFFSET + c.id()));
            text(w, "published", time.format(c.createdAt()));
            text(w, "updated", time.format(c.createdAt()));
            kind(w, "comment");
            titled(w, "");
            content(w, c.bodyHtml());
            if (c.parentId() != null) {
                link(w, "related", "application/atom+xml", home + "/feeds/" + c.postId() + "/comments/default/"
                        + (COMMENT_OFFSET + c.parentId()));
            }
            w.writeStartElement(BloggerAtom.ATOM, "author");
            text(w, "name", c.authorName());
            if (c.authorUrl() != null) {
                text(w, "uri", c.authorUrl());
            }
            w.writeEndElement();
            w.writeEmptyElement("thr", "in-reply-to", BloggerAtom.THREAD);
            w.writeAttribute("ref", prefix + ".post-" + c.postId());
            if ("DELETED".equals(c.status())) {
                w.writeEmptyElement("gd", "extendedProperty", BloggerAtom.GDATA);
                w.writeAttribute("name", "blogger.contentRemoved");
                w.writeAttribute("value", "true");
            }
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void kind(XMLStreamWriter w, String kind) throws XMLStreamException {
        w.writeEmptyElement(BloggerAtom.ATOM, "category");
        w.writeAttribute("scheme", BloggerAtom.KIND_SCHEME);
        w.writeAttribute("term", BloggerAtom.KIND_PREFIX + kind);
    }

    private static void titled(XMLStreamWriter w, String title) throws XMLStreamException {
        w.writeStartElement(BloggerAtom.ATOM, "title");
        w.writeAttribute("type", "text");
        w.writeCharacters(title == null ? "" : title);
        w.writeEndElement();
    }

    /** The HTML as text: the XML writer escapes it once, as Blogger's export does. */
    private static void content(XMLStreamWriter w, String html) throws XMLStreamException {
        w.writeStartElement(BloggerAtom.ATOM, "content");
        w.writeAttribute("type", "html");
        w.writeCharacters(html == null ? "" : html);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String type, String href) throws XMLStreamException {
        w.writeEmptyElement(BloggerAtom.ATOM, "link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", href);
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(BloggerAtom.ATOM, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
