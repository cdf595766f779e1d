package org.carnet.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.post.BlogReader;
import org.carnet.post.Post;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Turns feed content into Atom 1.0 or RSS 2.0 with Rome (no hand-written XML: Rome escapes titles, HTML
 * content and attributes). Entries carry Blogger's extras that readers rely on: labels as categories in
 * Blogger's scheme and the live comment count as thr:total (RFC 4685).
 */
final class FeedWriter {

    static final String LABEL_SCHEME = "http://www.blogger.com/atom/ns#";
    static final Namespace THR = Namespace.getNamespace("thr", "http://purl.org/syndication/thread/1.0");
    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    static final int SUMMARY_CHARS = 300;
    private static final int COMMENT_TITLE_CHARS = 80;

    /** Where the feed is served: absolute links are origin + blogBase + a path inside the blog. */
    record Where(String origin, String blogBase, FeedIds ids) {
        String url(String rest) {
            return origin + blogBase + rest;
        }
    }

    /** The document, and the newest time in it (the feed's updated, the response's Last-Modified). */
    record Rendered(String xml, Instant updated) {
    }

    /** What every feed says about itself. */
    record Head(String id, String title, String feedPath, FeedParams params, boolean more) {
    }

    Rendered posts(Blog blog, Where where, Head head, FeedService.Posts posts, boolean summary) {
        List<SyndEntry> entries = new ArrayList<>();
        Instant updated = blog.updatedAt();
        for (BlogReader.Entry e : posts.slice().items()) {
            Post post = e.post();
            Instant entryUpdated = latest(post.updatedAt(), post.publishedAt());
            updated = latest(updated, entryUpdated);
            SyndEntry entry = entry(where.ids().post(post.id()), post.title(), where.url(post.path()),
                    post.authorName(), post.publishedAt(), entryUpdated);
            List<SyndCategory> categories = new ArrayList<>();
            for (String label : e.labels()) {
                SyndCategory c = new SyndCategoryImpl();
                c.setName(label);
                c.setTaxonomyUri(LABEL_SCHEME);
                categories.add(c);
            }
            entry.setCategories(categories);
            if (summary) {
                entry.setDescription(content("text", shorten(post.bodyText(), SUMMARY_CHARS)));
            } else {
                entry.setContents(List.of(content("html", post.bodyHtml())));
                if (head.params().rss()) {
                    // RSS readers show <description>; Rome puts the content in content:encoded besides.
                    entry.setDescription(content("html", post.bodyHtml()));
                }
            }
            if (!post.commentsHidden()) {
                List<SyndLink> links = new ArrayList<>(entry.getLinks());
                links.add(link("replies", "application/atom+xml",
                        where.url("/feeds/" + post.id() + "/comments/default")));
                entry.setLinks(links);
            }
            int count = post.commentsHidden() ? 0 : posts.commentCounts().getOrDefault(post.id(), 0);
            entry.setForeignMarkup(List.of(new Element("total", THR).setText(Integer.toString(count))));
            entries.add(entry);
        }
        return write(blog, where, head, entries, updated);
    }

    Rendered comments(Blog blog, Where where, Head head, List<FeedComment> comments) {
        List<SyndEntry> entries = new ArrayList<>();
        Instant updated = blog.updatedAt();
        for (FeedComment c : comments) {
            Instant entryUpdated = latest(c.updatedAt(), c.createdAt());
            updated = latest(updated, entryUpdated);
            SyndEntry entry = entry(where.ids().comment(c.postId(), c.id()),
                    shorten(c.bodyText(), COMMENT_TITLE_CHARS), where.url(c.postPath() + "#c" + c.id()),
                    c.authorName(), c.createdAt(), entryUpdated);
            entry.setContents(List.of(content("html", c.bodyHtml())));
            if (head.params().rss()) {
                entry.setDescription(content("html", c.bodyHtml()));
            }
            // thr:in-reply-to: which post the comment answers, by the post's entry id and page.
            Element inReplyTo = new Element("in-reply-to", THR)
                    .setAttribute("ref", where.ids().post(c.postId()))
                    .setAttribute("href", where.url(c.postPath()))
                    .setAttribute("type", "text/html");
            entry.setForeignMarkup(List.of(inReplyTo));
            entries.add(entry);
        }
        return write(blog, where, head, entries, updated);
    }

    private Rendered write(Blog blog, Where where, Head head, List<SyndEntry> entries, Instant updated) {
        FeedParams params = head.params();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(params.rss() ? "rss_2.0" : "atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setUri(head.id());
        feed.setTitle(head.title());
        feed.setDescription(blog.description());
        feed.setLanguage(blog.language());
        feed.setPublishedDate(Date.from(updated));
        String home = where.url("/");
        feed.setLink(home);
        String self = where.url(head.feedPath()) + params.query(params.startIndex());
        String next = head.more()
                ? where.url(head.feedPath()) + params.query(params.startIndex() + params.maxResults()) : null;
        List<SyndLink> links = new ArrayList<>();
        links.add(link("alternate", "text/html", home));
        links.add(link("self", params.rss() ? "application/rss+xml" : "application/atom+xml", self));
        if (next != null) {
            links.add(link("next", params.rss() ? "application/rss+xml" : "application/atom+xml", next));
        }
        feed.setLinks(links);
        if (params.rss()) {
            // RSS has no links of its own but self and next matter to readers: atom:link, as Blogger does.
            List<Element> markup = new ArrayList<>();
            markup.add(atomLink("self", self));
            if (next != null) {
                markup.add(atomLink("next", next));
            }
            feed.setForeignMarkup(markup);
        }
        feed.setEntries(entries);
        try {
            return new Rendered(new SyndFeedOutput().outputString(feed), updated);
        } catch (FeedException e) {
            throw new IllegalStateException("could not write the feed " + head.id(), e);
        }
    }

    private static SyndEntry entry(String id, String title, String url, String author, Instant published,
                                   Instant updated) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(id);
        entry.setTitle(title);
        entry.setLink(url);
        entry.setLinks(new ArrayList<>(List.of(link("alternate", "text/html", url))));
        if (author != null && !author.isEmpty()) {
            entry.setAuthor(author);
        }
        entry.setPublishedDate(Date.from(published));
        entry.setUpdatedDate(Date.from(updated));
        return entry;
    }

    private static SyndLink link(String rel, String type, String href) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static Element atomLink(String rel, String href) {
        return new Element("link", ATOM).setAttribute("rel", rel).setAttribute("href", href)
                .setAttribute("type", "application/rss+xml");
    }

    private static SyndContent content(String type, String value) {
        SyndContent c = new SyndContentImpl();
        c.setType(type);
        c.setValue(value == null ? "" : value);
        return c;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** The text cut at a word boundary near max characters, with an ellipsis when something was cut. */
    static String shorten(String text, int max) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.length() <= max) {
            return t;
        }
        int cut = t.lastIndexOf(' ', max);
        if (cut < max / 2) {
            cut = max;
        }
        if (Character.isHighSurrogate(t.charAt(cut - 1))) {
            cut--;
        }
        return t.substring(0, cut).stripTrailing() + "…";
    }
}
