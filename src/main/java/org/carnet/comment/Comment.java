package org.carnet.comment;

import java.time.Instant;

/**
 * A comment. parentId is the top-level comment of its thread (null for a top-level one). bodyHtml is already
 * sanitised (CommentText). A DELETED comment keeps its place (and its replies) but not its text.
 */
public record Comment(long id, long blogId, long postId, Long parentId, Long authorId, String authorName,
                      String authorUrl, String visitorHash, String bodyHtml, Status status, String deletedBy,
                      String spamReason, Instant createdAt) {

    public enum Status { LIVE, PENDING, SPAM, DELETED }

    public boolean isDeleted() {
        return status == Status.DELETED;
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    /**
     * Held back from readers until someone reviews it: pending, or taken for spam (its author is told the same
     * "awaiting moderation" either way: never that it was judged spam, and never nothing).
     */
    public boolean awaitsReview() {
        return status == Status.PENDING || status == Status.SPAM;
    }

    /** Why it was taken for spam, as a message key (never the stored code itself); null when it was not. */
    public String spamReasonKey() {
        if (spamReason == null) {
            return null;
        }
        return switch (spamReason) {
            case "honeypot", "too-fast", "no-form", "links", "admin" -> "spam.reason." + spamReason;
            default -> "spam.reason.other";
        };
    }

}
