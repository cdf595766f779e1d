package org.carnet.post;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.carnet.core.Problem;

/**
 * Permalink slugs as Blogger makes them: lower case, accents folded, apostrophes dropped, other punctuation
 * and spaces turned into single hyphens. "Kazakhstan : les leçons d'une crise" becomes
 * kazakhstan-les-lecons-dune-crise.
 */
public final class Slugs {

    public static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘ʼ`´]");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {
    }

    /** The slug for a title; "" when the title has no letter or digit at all. */
    public static String fromTitle(String title) {
        if (title == null) {
            return "";
        }
        String s = title.toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss").replace("ø", "o").replace("ł", "l")
                .replace("đ", "d").replace("ð", "d").replace("þ", "th");
        s = COMBINING_MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = APOSTROPHES.matcher(s).replaceAll("");
        s = NOT_ALNUM.matcher(s).replaceAll("-");
        s = trimHyphens(s);
        if (s.length() > MAX_LENGTH) {
            int cut = s.lastIndexOf('-', MAX_LENGTH);
            s = trimHyphens(s.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH));
        }
        return s;
    }

    /** A slug the author typed: it must already be in slug form. */
    public static String check(String slug) {
        String s = slug == null ? "" : slug.trim();
        if (s.length() > MAX_LENGTH || !VALID.matcher(s).matches()) {
            throw Problem.invalid("post.slug.invalid", MAX_LENGTH);
        }
        return s;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
