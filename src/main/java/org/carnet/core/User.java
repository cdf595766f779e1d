package org.carnet.core;

import java.time.Instant;

/** An account. The password hash never leaves the account package's stores and services. */
public record User(long id, String email, String displayName, String about, String language,
                   boolean instanceAdmin, Instant createdAt) {
}
