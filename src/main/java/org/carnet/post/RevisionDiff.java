package org.carnet.post;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a post's source, line by line, as a reader of the revisions page sees it:
 * removed and added lines, with a little of what stayed around them, and long unchanged stretches folded.
 */
public final class RevisionDiff {

    /** Unchanged lines kept on each side of a change; longer unchanged runs are folded. */
    static final int CONTEXT = 2;

    public enum Kind { SAME, REMOVED, ADDED, FOLDED }

    /** One line of the difference (for FOLDED: how many unchanged lines are not shown, as text). */
    public record Line(Kind kind, String text) {
    }

    private RevisionDiff() {
    }

    /** The difference from before to after; empty when they are the same. */
    public static List<Line> between(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Line> out = new ArrayList<>();
        if (patch.getDeltas().isEmpty()) {
            return out;
        }
        int next = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            same(out, a.subList(next, start), next == 0, false);
            delta.getSource().getLines().forEach(l -> out.add(new Line(Kind.REMOVED, l)));
            delta.getTarget().getLines().forEach(l -> out.add(new Line(Kind.ADDED, l)));
            next = start + delta.getSource().size();
        }
        same(out, a.subList(next, a.size()), false, true);
        return out;
    }

    /** An unchanged run: all of it when short, else its ends next to changes and a fold between. */
    private static void same(List<Line> out, List<String> run, boolean first, boolean last) {
        int keepBefore = first ? 0 : CONTEXT;
        int keepAfter = last ? 0 : CONTEXT;
        if (run.size() <= keepBefore + keepAfter + 1) {
            run.forEach(l -> out.add(new Line(Kind.SAME, l)));
            return;
        }
        run.subList(0, keepBefore).forEach(l -> out.add(new Line(Kind.SAME, l)));
        out.add(new Line(Kind.FOLDED, Integer.toString(run.size() - keepBefore - keepAfter)));
        run.subList(run.size() - keepAfter, run.size()).forEach(l -> out.add(new Line(Kind.SAME, l)));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.replace("\r\n", "\n").split("\n", -1));
    }
}
