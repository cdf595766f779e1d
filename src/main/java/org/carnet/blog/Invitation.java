package org.carnet.blog;

import java.time.Instant;

/** A single-use invitation to join a blog with a role. The link carries a token; only its hash is stored. */
public record Invitation(long id, long blogId, Role role, long createdBy, Instant createdAt, Instant expiresAt,
                         Long acceptedBy, Instant acceptedAt) {

    public boolean usable(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }
}
