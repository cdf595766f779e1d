package org.carnet.web;

import org.carnet.account.Viewer;
import org.carnet.blog.Blog;
import org.carnet.core.Messages;

/**
 * What every template needs besides its own data: the language, the visitor, the CSRF token for its forms,
 * the request id, and the blog when the page belongs to one (with the path prefix its links use).
 */
public record Page(Messages messages, String title, Viewer viewer, String csrf, String requestId, Blog blog,
                   String blogBase) {

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
