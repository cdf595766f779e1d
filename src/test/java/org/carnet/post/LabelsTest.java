package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carnet.core.Problem;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void labelsAreTrimmedDeduplicatedAndSorted() {
        assertThat(Labels.parse("Politique, Asie  centrale , politique,,  ")).containsExactly("Asie centrale",
                "Politique");
        assertThat(Labels.parse("")).isEmpty();
    }

    @Test
    void badLabelsAreRefused() {
        assertThatThrownBy(() -> Labels.parse("a/b")).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Labels.parse("x".repeat(101))).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Labels.parse("l1,l2,l3,l4,l5,l6,l7,l8,l9,l10,l11,l12,l13,l14,l15,l16,l17,l18,l19,"
                + "l20,l21")).isInstanceOf(Problem.class);
    }
}
