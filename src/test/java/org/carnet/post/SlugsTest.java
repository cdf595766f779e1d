package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carnet.core.Problem;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void frenchTitlesBecomeBloggerStyleSlugs() {
        assertThat(Slugs.fromTitle("Kazakhstan : les leçons d'une crise")).isEqualTo("kazakhstan-les-lecons-dune-crise");
        assertThat(Slugs.fromTitle("Kazakhstan : les leçons d’une crise")).isEqualTo("kazakhstan-les-lecons-dune-crise");
        assertThat(Slugs.fromTitle("Été à l'Hôtel-Dieu, « œuvre » naïve !")).isEqualTo("ete-a-lhotel-dieu-oeuvre-naive");
        assertThat(Slugs.fromTitle("  Ça va ?  Ça va... ")).isEqualTo("ca-va-ca-va");
        assertThat(Slugs.fromTitle("Straße & Ærø — 2022/01")).isEqualTo("strasse-aero-2022-01");
        assertThat(Slugs.fromTitle("!!!")).isEmpty();
        assertThat(Slugs.fromTitle(null)).isEmpty();
    }

    @Test
    void longTitlesAreCutAtAWordBoundary() {
        String slug = Slugs.fromTitle("mot ".repeat(60));
        assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
        assertThat(slug).doesNotEndWith("-").endsWith("mot").startsWith("mot-mot");
    }

    @Test
    void typedSlugsMustAlreadyBeSlugs() {
        assertThat(Slugs.check(" mon-billet-2 ")).isEqualTo("mon-billet-2");
        for (String bad : new String[] {"", "Majuscule", "deux--tirets", "-debut", "fin-", "avec espace", "é",
                "a/b", "x".repeat(101)}) {
            assertThatThrownBy(() -> Slugs.check(bad)).as(bad).isInstanceOf(Problem.class);
        }
    }
}
