package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.carnet.post.RevisionDiff.Kind;
import org.carnet.post.RevisionDiff.Line;
import org.junit.jupiter.api.Test;

class RevisionDiffTest {

    @Test
    void sameTextsHaveNoDifference() {
        assertThat(RevisionDiff.between("a\nb", "a\r\nb")).isEmpty();
    }

    @Test
    void aChangedLineShowsWhatWentAndWhatCameWithItsNeighbours() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10";
        String after = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10";
        assertThat(RevisionDiff.between(before, after)).containsExactly(
                new Line(Kind.FOLDED, "3"), new Line(Kind.SAME, "4"), new Line(Kind.SAME, "5"),
                new Line(Kind.REMOVED, "6"), new Line(Kind.ADDED, "six"),
                new Line(Kind.SAME, "7"), new Line(Kind.SAME, "8"), new Line(Kind.FOLDED, "2"));
    }

    @Test
    void shortUnchangedRunsAreShownWhole() {
        assertThat(RevisionDiff.between("a\nb\nc", "a\nB\nc")).extracting(Line::kind)
                .containsExactly(Kind.SAME, Kind.REMOVED, Kind.ADDED, Kind.SAME);
        assertThat(RevisionDiff.between("", "new")).isEqualTo(List.of(new Line(Kind.ADDED, "new")));
    }
}
