package org.carnet.transfer;

import java.time.OffsetDateTime;

/**
 * A comment from an export.
 *
 * @param postSourceId   the sourceId of the post it is on
 * @param parentSourceId the sourceId of the comment it answers, or null for a top-level comment
 * @param authorUrl      the commenter's web site or profile, or null
 */
public record ImportedComment(String sourceId, String postSourceId, String parentSourceId, ImportedAuthor author,
                              String authorUrl, String html, OffsetDateTime published, Status status) {

    /** LIVE shown, PENDING awaiting moderation, SPAM, DELETED a placeholder that keeps its thread's shape. */
    public enum Status { LIVE, PENDING, SPAM, DELETED }
}
