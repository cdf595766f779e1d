package org.carnet.blog;

import java.time.Instant;

/** A blog and its settings. name is its short name in URLs (/{name}/...). */
public record Blog(long id, String name, String title, String description, String language, String timeZone,
                   Visibility visibility, CommentPolicy commentPolicy, String host, int postsPerPage,
                   Instant createdAt, Instant updatedAt) {

    public boolean isPrivate() {
        return visibility == Visibility.PRIVATE;
    }
}
