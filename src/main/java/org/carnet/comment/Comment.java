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
}
