package org.carnet.blog;

import java.time.Instant;

/** A user's membership of a blog, with what the members page shows of them. */
public record Member(long blogId, long userId, Role role, Instant joinedAt, String displayName, String email) {
}
