package org.carnet.blog;

import java.time.Instant;

/** A blog and its settings. name is its short name in URLs (/{name}/...). */
public record Blog(long id, String name, String title, String description, String language, String timeZone,
                   Visibility visibility, CommentPolicy commentPolicy, String host, int postsPerPage,
                   String moderation, boolean hiddenFromEngines, Instant createdAt, Instant updatedAt,
                   long contentVersion) {

    /** When new comments wait for approval (the stored text is always valid: BlogSettings checks it). */
    public Moderation moderationRule() {
        return Moderation.parse(moderation);
    }

    public boolean isPrivate() {
        return visibility == Visibility.PRIVATE;
    }
}
