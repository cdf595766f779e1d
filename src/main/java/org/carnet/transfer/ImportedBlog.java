package org.carnet.transfer;

/**
 * A blog's settings as found in an export. Any field may be null when the export does not say.
 *
 * @param language   "fr" or "en" when the export's locale maps to one of them, else null
 * @param sourceUrl  the old blog's home URL (https://monblog.blogspot.com/), used to rewrite links in bodies
 */
public record ImportedBlog(String title, String description, String language, String timeZone, String sourceUrl) {
}
