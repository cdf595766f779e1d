package org.carnet.transfer;

import java.util.List;
import java.util.Map;

/**
 * A blog's settings as found in an export. Any of the first five may be null when the export does not say.
 *
 * @param language      "fr" or "en" when the export's locale maps to one of them, else null
 * @param sourceUrl     the old blog's home URL (https://monblog.blogspot.com/), used to rewrite links in bodies
 * @param settings      the export's other settings already in Carnet's words, by their BlogSettings key
 *                      (comment-policy=members, moderation=older:14, visibility, posts-per-page, search-engines);
 *                      only those the export has
 * @param notUnderstood the export's settings whose value the reader could not put in Carnet's words
 */
public record ImportedBlog(String title, String description, String language, String timeZone, String sourceUrl,
                           Map<String, String> settings, List<UnappliedSetting> notUnderstood) {

    public ImportedBlog {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        notUnderstood = notUnderstood == null ? List.of() : List.copyOf(notUnderstood);
    }

    /** What an export that carries only these says (WordPress's, or a Blogger feed without settings). */
    public ImportedBlog(String title, String description, String language, String timeZone, String sourceUrl) {
        this(title, description, language, timeZone, sourceUrl, Map.of(), List.of());
    }
}
