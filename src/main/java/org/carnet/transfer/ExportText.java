package org.carnet.transfer;

import java.util.Locale;

/**
 * The rules both export readers (Blogger's and WordPress's) apply to the values they find, so that the same
 * value reaches the importer in the same form whichever file it came from.
 */
final class ExportText {

    private ExportText() {
    }

    /** The value stripped of surrounding whitespace, or null when there is none or nothing but whitespace. */
    static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** "fr", "fr_FR", "fr-CA" -> "fr"; "en", "EN-us" -> "en"; any other language (or none) -> null. */
    static String language(String locale) {
        if (locale == null) {
            return null;
        }
        String primary = locale.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return primary.equals("fr") || primary.equals("en") ? primary : null;
    }

    /** A post's title, stripped; "" (not null) when there is none: the importer names untitled posts. */
    static String title(String title) {
        return title == null ? "" : title.strip();
    }
}
