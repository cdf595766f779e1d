package org.carnet.post;

import java.time.Instant;

/** A post as the foundation knows it; issue "posts and pages" grows this into the full editor's model. */
public record Post(long id, long blogId, Long authorId, String title, String slug, String bodyHtml, String status,
                   Instant publishedAt, Instant createdAt, Instant updatedAt) {
}
