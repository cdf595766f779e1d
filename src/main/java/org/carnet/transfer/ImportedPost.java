package org.carnet.transfer;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post or static page from an export.
 *
 * @param sourceId  the entry's id in the export (kept so that importing the same file twice changes nothing)
 * @param html      the body as HTML (already XML-unescaped once; HTML entities in it are still entities)
 * @param path      the public path to keep: /2022/01/slug.html or /p/slug.html; null when the old blog never
 *                  gave it one (drafts)
 * @param published with the offset the export gave (Blogger classic: the blog's; Takeout: UTC)
 */
public record ImportedPost(String sourceId, Kind kind, String title, String html, List<String> labels,
                           String searchDescription, String path, boolean draft, OffsetDateTime published,
                           OffsetDateTime updated, ImportedAuthor author) {

    public enum Kind { POST, PAGE }
}
