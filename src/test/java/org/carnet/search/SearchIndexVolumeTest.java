package org.carnet.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 short French posts and 100 searches: checks that counts, labels and paging stay exact at a
 * realistic blog size. Results only; timing belongs to the benchmarks, not to a test.
 */
@Tier.Volume
class SearchIndexVolumeTest {

    static final int POSTS = 10_000;
    static final String[] NOUNS = {"élection", "grève", "forêt", "rivière", "théâtre", "église", "château",
            "hôpital", "bibliothèque", "cinéma", "fenêtre", "écurie", "îlot", "côte", "pâtisserie", "musée",
            "lycée", "aéroport", "épicerie", "boulangerie"};
    static final String[] ADJECTIVES = {"célèbre", "ancien", "fermé", "rénové", "bondé", "désert", "étroit"};

    @TempDir
    Path dir;

    static PostDoc post(int i) {
        String noun = NOUNS[i % NOUNS.length];
        String adjective = ADJECTIVES[i % ADJECTIVES.length];
        return new PostDoc(i, 1, "fr", "Billet numéro " + i,
                "Aujourd'hui, l'" + noun + " du quartier était " + adjective + ". Rien d'autre à signaler.",
                List.of("L" + i % 5), Instant.ofEpochSecond(1_600_000_000L + i * 60L), "/" + i + ".html");
    }

    static String unaccented(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    @Test
    void tenThousandPostsAndAHundredSearches() throws IOException {
        try (SearchIndex index = SearchIndex.open(dir)) {
            index.rebuild(IntStream.range(0, POSTS).mapToObj(SearchIndexVolumeTest::post).toList());
            // Another blog with the same words must not leak into the counts.
            index.replaceAll(2, IntStream.range(POSTS, POSTS + 200).mapToObj(i ->
                    new PostDoc(i, 2, "fr", "Autre", "Le " + NOUNS[i % NOUNS.length] + " " + ADJECTIVES[0],
                            List.of(), Instant.EPOCH, "/x" + i)));

            for (int q = 0; q < 100; q++) {
                int n = q % NOUNS.length, a = q % ADJECTIVES.length;
                String label = q % 4 == 0 ? "L" + q % 5 : null;
                String words = NOUNS[n] + " " + ADJECTIVES[a];
                String typed = q % 2 == 0 ? words : unaccented(words);
                long expected = IntStream.range(0, POSTS)
                        .filter(i -> i % NOUNS.length == n && i % ADJECTIVES.length == a)
                        .filter(i -> label == null || label.equals("L" + i % 5))
                        .count();

                Results page = index.search(1, "fr", typed, label, q % 3 * 5, 10);

                assertThat(page.total()).as(typed + " / " + label).isEqualTo(expected).isPositive();
                assertThat(page.hits()).hasSize((int) Math.min(10, Math.max(0, expected - q % 3 * 5)));
                for (Hit hit : page.hits()) {
                    assertThat(hit.postId() % NOUNS.length).isEqualTo(n);
                    assertThat(hit.snippetHtml()).contains("<mark>");
                }
            }
        }
    }
}
