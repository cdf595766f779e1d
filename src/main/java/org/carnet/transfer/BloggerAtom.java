package org.carnet.transfer;

/**
 * The names Blogger's Atom exports are made of, namespaces and category schemes: one list for the writer
 * ({@link BloggerExport}) and the reader ({@link BloggerExportReader}), so that what one writes is what the
 * other looks for.
 */
final class BloggerAtom {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    /**
     * The Atom Publishing Protocol's namespace while it was a draft, which Blogger's classic export still
     * uses for {@code <app:control><app:draft>yes}; Carnet writes it too, so that Blogger can read Carnet's.
     */
    static final String ATOM_PUB_DRAFT = "http://purl.org/atom/app#";

    /** The Atom Publishing Protocol's namespace as published (RFC 5023), which some exports use instead. */
    static final String ATOM_PUB = "http://www.w3.org/2007/app";

    /** Atom threading (RFC 4685): a comment's {@code <thr:in-reply-to ref>} names its post. */
    static final String THREAD = "http://purl.org/syndication/thread/1.0";

    /** Google Data: {@code <gd:extendedProperty name="blogger.contentRemoved">} marks a deleted comment. */
    static final String GDATA = "http://schemas.google.com/g/2005";

    /** Google Takeout's feed.atom: {@code blogger:type}, {@code blogger:status}, {@code blogger:parent}... */
    static final String BLOGGER = "http://schemas.google.com/blogger/2018";

    /** The classic export's entry kinds: a category in this scheme, its term {@link #KIND_PREFIX} + kind. */
    static final String KIND_SCHEME = "http://schemas.google.com/g/2005#kind";
    static final String KIND_PREFIX = "http://schemas.google.com/blogger/2008/kind#";

    /** The classic export's labels: categories in this scheme. */
    static final String LABEL_SCHEME = "http://www.blogger.com/atom/ns#";

    private BloggerAtom() {
    }
}
