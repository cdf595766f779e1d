package org.carnet.post;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.carnet.core.Problem;

/** Labels as an author types them: "Politique, Asie centrale , politique" is [Asie centrale, Politique]. */
public final class Labels {

    public static final int MAX_LABELS = 20;
    public static final int MAX_LENGTH = 100;

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
        labels.sort(String.CASE_INSENSITIVE_ORDER);
        return labels;
    }
}
