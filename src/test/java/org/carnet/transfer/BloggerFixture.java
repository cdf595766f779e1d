package org.carnet.transfer;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes Blogger export files for tests, in both formats, the way Blogger writes them (element order,
 * namespaces, links, the one level of XML escaping around HTML), so that the reader is tested against the
 * shape of real files without shipping anyone's blog in the repository.
 */
final class BloggerFixture {

    static final String BLOG_ID = "4815162342108";
    static final String TAG = "tag:blogger.com,1999:blog-" + BLOG_ID;
    static final String HOME = "https://carnetdasie.blogspot.com/";
    static final String PROFILE = "https://www.blogger.com/profile/01234567890123456789";
    static final String KIND = "http://schemas.google.com/blogger/2008/kind#";

    private BloggerFixture() {
    }

    static String postId(String number) {
        return TAG + ".post-" + number;
    }

    static String pageId(String number) {
        return TAG + ".page-" + number;
    }

    /** XML-escapes text as Blogger does for element text and attribute values. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&apos;").replace("\"", "&quot;");
    }

    /** A post or page entry of either format; fields left null are not written. */
    static final class Post {
        String kind = "post";
        String number;
        String title = "";
        String html = "";
        List<String> labels = List.of();
        String published;
        String updated;
        String url;              // classic: the permalink; Takeout: the filename
        boolean draft;           // classic: app:control/app:draft
        boolean repliesLinkOnly; // classic: no alternate link, only rel=replies
        String author = "Claire";
        String authorUri = PROFILE;
        // Takeout only
        String status;
        String metaDescription = "";
        String created;
        String trashed = "";

        Post(String number) {
            this.number = number;
        }

        String id() {
            return kind.equals("page") ? pageId(number) : postId(number);
        }
    }

    /** A comment entry of either format. */
    static final class Comment {
        String number;
        String postNumber;
        String postUrl;
        String parentNumber;     // null: top-level
        String html = "";
        String published;
        String author = "Anonyme";
        String authorUri;
        boolean removed;         // classic: blogger.contentRemoved
        // Takeout only
        String status = "LIVE";
        String parentRef;        // blogger:parent as written (default: the post's full id)
        String inReplyToRef;     // blogger:inReplyTo as written (default: the parent's full id, or empty)
        String authorType;
        String trashed = "";

        Comment(String number, String postNumber) {
            this.number = number;
            this.postNumber = postNumber;
        }
    }

    /** Blogger's classic "Back up content" file (blog-MM-DD-YYYY.xml). */
    static final class Classic {
        final List<String> entries = new ArrayList<>();
        private final String title;

        Classic(String title) {
            this.title = title;
        }

        Classic template() {
            entries.add("<entry><id>" + TAG + ".layout</id><published>2021-11-02T10:00:00.000+01:00</published>"
                    + "<updated>2022-01-18T09:00:00.000+01:00</updated>"
                    + kind("template") + "<title type='text'>Template: " + esc(title) + "</title>"
                    + "<content type='html'>" + esc("<?xml version=\"1.0\"?><html><b:skin>body {}</b:skin></html>")
                    + "</content>" + "<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/"
                    + BLOG_ID + "/template'/>" + author("Claire", PROFILE) + "</entry>");
            return this;
        }

        Classic setting(String name, String value) {
            entries.add("<entry><id>" + TAG + ".settings." + name + "</id>"
                    + "<published>2021-11-02T10:00:00.000+01:00</published>"
                    + "<updated>2022-01-18T09:00:00.000+01:00</updated>" + kind("settings")
                    + "<title type='text'></title><content type='text'>" + esc(value) + "</content>"
                    + "<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/" + BLOG_ID
                    + "/settings/" + name + "'/>" + author("Claire", PROFILE) + "</entry>");
            return this;
        }

        Classic post(Post p) {
            StringBuilder e = new StringBuilder("<entry><id>").append(p.id()).append("</id>");
            e.append("<published>").append(p.published).append("</published>");
            e.append("<updated>").append(p.updated).append("</updated>");
            if (p.draft) {
                e.append("<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>");
            }
            e.append(kind(p.kind));
            for (String label : p.labels) {
                e.append("<category scheme='http://www.blogger.com/atom/ns#' term='").append(esc(label)).append("'/>");
            }
            e.append("<title type='text'>").append(esc(p.title)).append("</title>");
            e.append("<content type='html'>").append(esc(p.html)).append("</content>");
            if (p.url != null && !p.draft) {
                e.append("<link rel='replies' type='application/atom+xml' href='").append(HOME).append("feeds/")
                        .append(p.number).append("/comments/default' title='Publier les commentaires'/>");
                e.append("<link rel='replies' type='text/html' href='").append(p.url)
                        .append("#comment-form' title='0 commentaires'/>");
            }
            e.append("<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/")
                    .append(BLOG_ID).append("/posts/default/").append(p.number).append("'/>");
            e.append("<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/")
                    .append(BLOG_ID).append("/posts/default/").append(p.number).append("'/>");
            if (p.url != null && !p.draft && !p.repliesLinkOnly) {
                e.append("<link rel='alternate' type='text/html' href='").append(p.url).append("' title='")
                        .append(esc(p.title)).append("'/>");
            }
            e.append(author(p.author, p.authorUri));
            if (!p.draft) {
                e.append("<thr:total>0</thr:total>");
            }
            entries.add(e.append("</entry>").toString());
            return this;
        }

        Classic comment(Comment c) {
            StringBuilder e = new StringBuilder("<entry><id>").append(postId(c.number)).append("</id>");
            e.append("<published>").append(c.published).append("</published>");
            e.append("<updated>").append(c.published).append("</updated>");
            e.append(kind("comment"));
            e.append("<title type='text'>").append(esc(c.html.replaceAll("<[^>]*>", " ").strip()))
                    .append("</title>");
            e.append("<content type='html'>").append(esc(c.html)).append("</content>");
            e.append("<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/")
                    .append(BLOG_ID).append("/").append(c.postNumber).append("/comments/default/")
                    .append(c.number).append("'/>");
            e.append("<link rel='alternate' type='text/html' href='").append(c.postUrl)
                    .append("?showComment=1642440000000#c").append(c.number).append("' title=''/>");
            if (c.parentNumber != null) {
                e.append("<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/")
                        .append(BLOG_ID).append("/").append(c.postNumber).append("/comments/default/")
                        .append(c.parentNumber).append("'/>");
            }
            e.append(author(c.author, c.authorUri));
            e.append("<thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' href='")
                    .append(c.postUrl).append("' ref='").append(postId(c.postNumber))
                    .append("' source='https://www.blogger.com/feeds/").append(BLOG_ID).append("/posts/default/")
                    .append(c.postNumber).append("' type='text/html'/>");
            e.append("<gd:extendedProperty name='blogger.itemClass' value='pid-1234567'/>");
            e.append("<gd:extendedProperty name='blogger.displayTime' value='17 janvier 2022 à 19:20'/>");
            if (c.removed) {
                e.append("<gd:extendedProperty name='blogger.contentRemoved' value='true'/>");
            }
            entries.add(e.append("</entry>").toString());
            return this;
        }

        String header() {
            return "<?xml version='1.0' encoding='UTF-8'?>"
                    + "<?xml-stylesheet href=\"https://www.blogger.com/styles/atom.css\" type=\"text/css\"?>"
                    + "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'"
                    + " xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'"
                    + " xmlns:georss='http://www.georss.org/georss'>"
                    + "<id>" + TAG + ".archive</id><updated>2022-02-01T10:00:00.000+01:00</updated>"
                    + "<title type='text'>" + esc(title) + "</title>"
                    + "<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='https://www.blogger.com/feeds/" + BLOG_ID + "/archive'/>"
                    + "<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/" + BLOG_ID + "/archive'/>"
                    + "<link rel='http://schemas.google.com/g/2005#post' type='application/atom+xml' href='https://www.blogger.com/feeds/" + BLOG_ID + "/archive'/>"
                    + "<link rel='alternate' type='text/html' href='" + HOME + "'/>"
                    + author("Claire", PROFILE)
                    + "<generator version='7.00' uri='https://www.blogger.com'>Blogger</generator>\n";
        }

        static String footer() {
            return "</feed>\n";
        }

        String xml() {
            return header() + String.join("\n", entries) + "\n" + footer();
        }

        private static String kind(String kind) {
            return "<category scheme='http://schemas.google.com/g/2005#kind' term='" + KIND + kind + "'/>";
        }

        private static String author(String name, String uri) {
            return "<author><name>" + esc(name) + "</name>" + (uri == null ? "" : "<uri>" + uri + "</uri>")
                    + "<email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail'"
                    + " width='16' height='16' src='https://img1.blogblog.com/img/b16-rounded.gif'/></author>";
        }
    }

    /** Google Takeout's Takeout/Blogger/Blogs/&lt;name&gt;/feed.atom. */
    static final class Takeout {
        final List<String> entries = new ArrayList<>();
        private final String title;

        Takeout(String title) {
            this.title = title;
        }

        Takeout post(Post p) {
            StringBuilder e = new StringBuilder("<entry><id>").append(p.id()).append("</id>");
            e.append("<blogger:type>").append(p.kind.toUpperCase()).append("</blogger:type>");
            if (p.status != null) {
                e.append("<blogger:status>").append(p.status).append("</blogger:status>");
            }
            e.append(author(p.author, p.authorUri, "BLOGGER"));
            e.append("<title>").append(esc(p.title)).append("</title>");
            e.append("<content type='html'>").append(esc(p.html)).append("</content>");
            e.append("<blogger:metaDescription>").append(esc(p.metaDescription)).append("</blogger:metaDescription>");
            e.append("<blogger:created>").append(p.created).append("</blogger:created>");
            e.append("<published>").append(p.published).append("</published>");
            e.append("<updated>").append(p.updated).append("</updated>");
            e.append("<blogger:location/>");
            for (String label : p.labels) {
                e.append("<category scheme='").append(TAG).append("' term='").append(esc(label)).append("'/>");
            }
            e.append("<blogger:filename>").append(p.url == null ? "" : p.url).append("</blogger:filename>");
            e.append("<link/><enclosure/>");
            e.append("<blogger:trashed>").append(p.trashed).append("</blogger:trashed>");
            entries.add(e.append("</entry>").toString());
            return this;
        }

        Takeout comment(Comment c) {
            String parent = c.parentRef != null ? c.parentRef : postId(c.postNumber);
            String inReplyTo = c.inReplyToRef != null ? c.inReplyToRef
                    : c.parentNumber == null ? "" : postId(c.parentNumber);
            StringBuilder e = new StringBuilder("<entry><id>").append(postId(c.number)).append("</id>");
            e.append("<blogger:parent>").append(parent).append("</blogger:parent>");
            e.append(inReplyTo.isEmpty() ? "<blogger:inReplyTo/>" : "<blogger:inReplyTo>" + inReplyTo + "</blogger:inReplyTo>");
            e.append("<blogger:type>COMMENT</blogger:type>");
            e.append("<blogger:status>").append(c.status).append("</blogger:status>");
            e.append(author(c.author, c.authorUri, c.authorType != null ? c.authorType
                    : c.authorUri == null ? "ANONYMOUS" : "BLOGGER"));
            e.append("<title></title>");
            e.append("<content type='html'>").append(esc(c.html)).append("</content>");
            e.append("<blogger:created>").append(c.published).append("</blogger:created>");
            e.append("<published>").append(c.published).append("</published>");
            e.append("<updated>").append(c.published).append("</updated>");
            e.append("<blogger:location/><link/><enclosure/>");
            e.append("<blogger:trashed>").append(c.trashed).append("</blogger:trashed>");
            entries.add(e.append("</entry>").toString());
            return this;
        }

        String header() {
            return "<?xml version='1.0' encoding='UTF-8'?>\n"
                    + "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>"
                    + "<id>" + TAG + "</id><title>" + esc(title) + "</title>\n";
        }

        String xml() {
            return header() + String.join("\n", entries) + "\n</feed>\n";
        }

        private static String author(String name, String uri, String type) {
            return "<author><name>" + esc(name) + "</name>" + (uri == null ? "" : "<uri>" + uri + "</uri>")
                    + "<blogger:type>" + type + "</blogger:type></author>";
        }
    }
}
