package org.carnet.feed;

import java.time.Instant;

/** A live comment as a feed shows it, with the post it is on (for its title and link). */
public record FeedComment(long id, long postId, String authorName, String bodyHtml, String bodyText,
                          Instant createdAt, Instant updatedAt, String postTitle, String postPath) {
}
