package org.carnet.notify;

import java.time.Instant;

/** Something a blog author should know about, shown in the app (and sent by email when SMTP is set up). */
public record Notification(long id, long userId, long blogId, Long postId, Long commentId, Kind kind,
                           Instant createdAt, Instant readAt, String blogName, String blogTitle,
                           String blogLanguage, String postTitle,
                           String postPath, String commentAuthor, String commentText) {

    public enum Kind { NEW_COMMENT, COMMENT_WAITING }
}
