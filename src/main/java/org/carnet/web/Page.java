package org.carnet.web;

import java.util.Set;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.core.Messages;
import org.carnet.core.Viewer;

/**
 * What every template needs besides its own data: the language, the visitor, the CSRF token for its forms,
 * the request id, and the blog when the page belongs to one (with the path prefix its links use).
 */
public record Page(Messages messages, String title, Viewer viewer, String csrf, String requestId, Blog blog,
                   String blogBase, Meta meta, Admin admin) {

    /**
     * On a blog's admin pages: what the viewer may do there (asked of blog/Access once, when the page is made), so
     * that a page offers only that; and the path asked for, to mark where they are in the navigation.
     */
    public record Admin(Set<Action> allowed, String path) {
    }

    public Page(Messages messages, String title, Viewer viewer, String csrf, String requestId, Blog blog,
                String blogBase) {
        this(messages, title, viewer, csrf, requestId, blog, blogBase, null, null);
    }

    /** The same page with what search engines and link previews should read about it. */
    public Page withMeta(Meta m) {
        return new Page(messages, title, viewer, csrf, requestId, blog, blogBase, m, admin);
    }

    /** May the viewer do this on the page's blog? Only known on admin pages (false elsewhere). */
    public boolean may(Action action) {
        return admin != null && admin.allowed().contains(action);
    }

    /** May the viewer edit or delete this post (theirs, or anyone's when they may edit others' posts)? */
    public boolean mayEditPostBy(Long authorId) {
        return admin != null && Access.mayEditPost(admin.allowed(), viewer, authorId);
    }

    /** "page" when this admin page is the blog's section at rest (for aria-current), else null. */
    public String currentIf(String rest) {
        if (admin == null) {
            return null;
        }
        String section = blogUrl(rest);
        return admin.path().equals(section) || admin.path().startsWith(section + "/") ? "page" : null;
    }

    /** Whether engines are asked not to index this page: a private blog, or one hidden from them. */
    public boolean noindex() {
        return blog != null && (blog.isPrivate() || blog.hiddenFromEngines());
    }

    /** A translated message. */
    public String t(String key, Object... args) {
        return messages.t(key, args);
    }

    public String lang() {
        return messages.lang();
    }

    public boolean signedIn() {
        return viewer.signedIn();
    }

    public String userName() {
        return viewer.signedIn() ? viewer.user().displayName() : "";
    }

    /** A link inside the page's blog: "/{name}/rest" on the main host, "/rest" on the blog's own host. */
    public String blogUrl(String rest) {
        return blogBase + rest;
    }

    /** The full title for the head: "Title - Blog" or "Title - Carnet". */
    public String headTitle() {
        String site = blog != null ? blog.title() : "Carnet";
        return title == null || title.isEmpty() || title.equals(site) ? site : title + " - " + site;
    }
}
