package org.carnet.core;

import java.time.Instant;

/** A signed-in browser. tokenHash identifies it in the database; csrfToken goes into its forms. */
public record Session(String tokenHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt) {
}
