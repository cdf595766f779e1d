package org.carnet.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the index holds for one visible post. The caller decides visibility: drafts and scheduled posts
 * are never given here, they are deleted from the index instead.
 *
 * @param language the blog's language ("fr", "en" …); it picks the analyzer and the fields
 * @param text     the post's plain text (markup already stripped): it is searched and snippets come from it
 * @param path     the post's address on its blog, e.g. {@code /2024/05/lecons.html}
 */
public record PostDoc(long postId, long blogId, String language, String title, String text,
                      List<String> labels, Instant publishedAt, String path) {

    public PostDoc {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(path, "path");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
