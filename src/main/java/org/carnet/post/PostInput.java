package org.carnet.post;

/**
 * What the editor sends, as typed: checked and turned into stored fields by PostService.
 *
 * @param labels    comma-separated, as typed
 * @param slug      empty: made from the title
 * @param publishAt local date-time in the blog's time zone (yyyy-MM-ddTHH:mm), empty: now
 */
public record PostInput(Post.Kind kind, String title, BodyFormat format, String source, String labels,
                        String searchDescription, String slug, String publishAt) {

    public PostInput {
        title = title == null ? "" : title.strip();
        source = source == null ? "" : source;
        labels = labels == null ? "" : labels;
        searchDescription = searchDescription == null ? "" : searchDescription.strip();
        slug = slug == null ? "" : slug.strip();
        publishAt = publishAt == null ? "" : publishAt.strip();
    }
}
