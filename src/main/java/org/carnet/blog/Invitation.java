package org.carnet.blog;

import java.time.Instant;

/**
 * A single-use invitation to join a blog with a role. The link carries a token; only its hash is stored.
 * invitee is whom the admin said it is for (a name or an email address, only a note: anyone with the link may
 * accept it); null when they did not say.
 */
public record Invitation(long id, long blogId, Role role, long createdBy, Instant createdAt, Instant expiresAt,
                         Long acceptedBy, Instant acceptedAt, String invitee) {

    public boolean usable(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }
}
