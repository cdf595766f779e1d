package org.carnet.post;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.carnet.core.Problem;

/** Labels as an author types them: "Politique, Asie centrale , politique" is [Asie centrale, Politique]. */
public final class Labels {

    public static final int MAX_LABELS = 20;
    public static final int MAX_LENGTH = 100;

    /**
     * The order labels are shown in, everywhere (the sidebar, a post's footer, the editor, its preview): as a French or
     * English reader sorts words, case and accents second ("économie" with the e's, "Asie" before "art" only by case),
     * not by character code (capitals first, accented letters last). French and English collate alike here.
     */
    public static final Comparator<String> ORDER = collator()::compare;

    private static Collator collator() {
        Collator c = Collator.getInstance(Locale.FRENCH);
        c.setStrength(Collator.TERTIARY);
        return c;
    }

    private Labels() {
    }

    public static List<String> parse(String typed) {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : typed.split(",")) {
            String label = part.strip().replaceAll("\\s+", " ");
            if (label.isEmpty()) {
                continue;
            }
            if (label.length() > MAX_LENGTH) {
                throw Problem.invalid("post.label.tooLong", MAX_LENGTH);
            }
            if (label.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20)) {
                throw Problem.invalid("post.label.invalid", label);
            }
            if (seen.add(label.toLowerCase(Locale.ROOT))) {
                labels.add(label);
            }
        }
        if (labels.size() > MAX_LABELS) {
            throw Problem.invalid("post.label.tooMany", MAX_LABELS);
        }
        labels.sort(ORDER);
        return labels;
    }
}
