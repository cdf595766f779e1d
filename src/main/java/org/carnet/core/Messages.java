package org.carnet.core;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible strings of one language, from i18n/messages_{lang}.properties (read as UTF-8).
 * Patterns use MessageFormat, so plural forms are written with {0,choice,...} in the bundle itself.
 * Apostrophes are written as the typographic ’ (MessageFormat would treat ' as a quote); a test keeps it so.
 */
public final class Messages {

    public static final List<String> LANGUAGES = List.of("fr", "en");
    public static final String DEFAULT_LANGUAGE = "en";

    private static final Map<String, Messages> ALL = Map.of(
            "fr", new Messages("fr"),
            "en", new Messages("en"));

    private final String lang;
    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(String lang) {
        this.lang = lang;
        this.locale = Locale.forLanguageTag(lang);
        this.bundle = ResourceBundle.getBundle("i18n.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The messages of a supported language; anything else falls back to the default language. */
    public static Messages of(String lang) {
        Messages m = lang == null ? null : ALL.get(lang);
        return m != null ? m : ALL.get(DEFAULT_LANGUAGE);
    }

    public static boolean supports(String lang) {
        return lang != null && ALL.containsKey(lang);
    }

    public String lang() {
        return lang;
    }

    public Locale locale() {
        return locale;
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The message for key, formatted with args. A missing key shows as itself so it is noticed, not hidden. */
    public String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args == null || args.length == 0) {
            return pattern;
        }
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Text nested) {
                shown[i] = t(nested);
            }
        }
        return new MessageFormat(pattern, locale).format(shown);
    }

    /** A message with its arguments, itself an argument of another: translated in the same language. */
    public String t(Text text) {
        return t(text.key(), text.args());
    }

    /**
     * A message not yet put in words: its key and arguments, which may be Texts too. It can be kept (an
     * import's refusal is stored, then shown in whoever reads it's language) and put in a sentence of another.
     */
    public record Text(String key, Object... args) {
    }

    /** All keys, for the test that both bundles say the same things. */
    public java.util.Set<String> keys() {
        return bundle.keySet();
    }
}
