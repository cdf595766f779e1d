package org.carnet.post;

import java.time.Instant;

/**
 * A post or a static page. source is what the author wrote (Markdown or HTML); bodyHtml and summaryHtml are
 * the sanitised HTML rendered from it, the only HTML ever shown to readers. path is the public path inside
 * the blog (/2022/01/slug.html, /p/slug.html), set when the post is first scheduled or published. An imported
 * post whose author has no account here has no authorId, its author's name in authorName and maybe a link to
 * their old profile in guestAuthorUrl.
 */
public record Post(long id, long blogId, Kind kind, Long authorId, String authorName, String title, String slug,
                   String path, BodyFormat format, String source, String bodyHtml, String summaryHtml,
                   String bodyText, String searchDescription, Status status, Instant publishedAt,
                   Instant createdAt, Instant updatedAt, boolean commentsClosed, boolean commentsHidden,
                   String guestAuthorUrl) {

    public CommentSwitches commentSwitches() {
        return new CommentSwitches(commentsClosed, commentsHidden);
    }

    public enum Kind { POST, PAGE }

    public enum Status { DRAFT, SCHEDULED, PUBLISHED }

    /** Whether readers see it at this instant: published, or scheduled and its time has come. */
    public boolean visibleAt(Instant now) {
        return status != Status.DRAFT && publishedAt != null && !publishedAt.isAfter(now);
    }

    public boolean isPage() {
        return kind == Kind.PAGE;
    }

    /** What a listing shows: the part before the "read more" break, else the whole body. */
    public String teaserHtml() {
        return summaryHtml != null ? summaryHtml : bodyHtml;
    }

    public boolean hasMore() {
        return summaryHtml != null;
    }
}
