package org.carnet.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchIndexTest {

    static final long FR = 1, EN = 2;

    @TempDir
    Path dir;
    SearchIndex index;

    @BeforeEach
    void open() throws IOException {
        index = SearchIndex.open(dir);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    static PostDoc fr(long id, String title, String text, String... labels) {
        return new PostDoc(id, FR, "fr", title, text, List.of(labels), Instant.ofEpochSecond(1_700_000_000L + id), "/p/" + id + ".html");
    }

    static PostDoc en(long id, String title, String text, String... labels) {
        return new PostDoc(id, EN, "en", title, text, List.of(labels), Instant.ofEpochSecond(1_700_000_000L + id), "/p/" + id + ".html");
    }

    List<Long> ids(long blog, String lang, String q) {
        return index.search(blog, lang, q, null, 0, 50).hits().stream().map(Hit::postId).toList();
    }

    List<Long> fr(String q) {
        return ids(FR, "fr", q);
    }

    void add(PostDoc... posts) {
        for (PostDoc p : posts) {
            index.upsert(p);
        }
        index.commit();
    }

    @Test
    void frenchWordsMatchWhateverTheirAccentsElisionOrNumber() {
        add(fr(1, "Chronique", "Le récit de l'insurrection, jour après jour."),
                fr(2, "Bilan", "Les leçons d’une crise et la colère des manifestants."),
                fr(3, "Vacances", "Un été au bord de la mer."));
        assertThat(fr("l'insurrection")).containsExactly(1L);
        assertThat(fr("l’insurrection")).containsExactly(1L);
        assertThat(fr("insurrection")).containsExactly(1L);
        assertThat(fr("lecons")).containsExactly(2L);
        assertThat(fr("leçons")).containsExactly(2L);
        assertThat(fr("manifestant")).containsExactly(2L);
        assertThat(fr("ete")).containsExactly(3L);
        assertThat(fr("été")).containsExactly(3L);
        assertThat(fr("recit")).containsExactly(1L);
    }

    @Test
    void frenchStopWordsAreIgnoredInQueries() {
        add(fr(1, "Bilan", "Les leçons d'une crise."), fr(2, "Autre", "Rien à voir, mais la mer."));
        assertThat(fr("les leçons de la crise")).containsExactly(1L);
        assertThat(fr("la le les de")).isEmpty();
    }

    @Test
    void englishWordsMatchTheirStems() {
        add(en(1, "Downtown", "A protest was held in the city's main square."),
                en(2, "Gardening", "Growing tomatoes on a balcony."));
        assertThat(ids(EN, "en", "protests")).containsExactly(1L);
        assertThat(ids(EN, "en", "city")).containsExactly(1L);
        assertThat(ids(EN, "en", "the tomato")).containsExactly(2L);
    }

    @Test
    void allWordsAreRequiredAndMayBeInTitleOrText() {
        add(fr(1, "La crise", "Les manifestants dans la rue."), fr(2, "La crise", "Un autre sujet."));
        assertThat(fr("crise manifestants")).containsExactly(1L);
    }

    @Test
    void titleMatchesRankAboveTextMatches() {
        add(fr(1, "Un jardin", "On y parle longuement de la révolution et de la révolution encore, une révolution."),
                fr(2, "La révolution", "Un texte sur autre chose, assez long pour que le titre pèse."),
                fr(3, "Rien", "Une ligne qui mentionne la révolution une fois."));
        assertThat(fr("révolution")).first().isEqualTo(2L);
        assertThat(fr("révolution")).hasSize(3);
    }

    @Test
    void quotedPhrasesMatchOnlyTheWordsInOrder() {
        add(fr(1, "A", "Les leçons d'une crise qui dure."),
                fr(2, "B", "Une crise, et des leçons pour plus tard."));
        assertThat(fr("\"leçons d'une crise\"")).containsExactly(1L);
        assertThat(fr("\"lecons d’une crise\"")).containsExactly(1L);
        assertThat(fr("leçons crise")).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void labelFilterIsExact() {
        add(fr(1, "A", "Le marché du jour", "Politique"), fr(2, "B", "Le marché du soir", "politique", "Cuisine"),
                fr(3, "C", "Le marché aux puces"));
        assertThat(index.search(FR, "fr", "marché", "Politique", 0, 10).hits()).extracting(Hit::postId).containsExactly(1L);
        assertThat(index.search(FR, "fr", "marché", "Cuisine", 0, 10).hits()).extracting(Hit::postId).containsExactly(2L);
        assertThat(index.search(FR, "fr", "marché", null, 0, 10).total()).isEqualTo(3);
    }

    @Test
    void pagesCoverAllResultsWithAnExactTotal() {
        IntStream.rangeClosed(1, 25).forEach(i -> index.upsert(fr(i, "Billet " + i, "Une histoire de vélo.")));
        index.commit();
        Results first = index.search(FR, "fr", "vélo", null, 0, 10);
        Results third = index.search(FR, "fr", "velo", null, 20, 10);
        Results beyond = index.search(FR, "fr", "velo", null, 30, 10);
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.hits()).hasSize(10);
        assertThat(third.total()).isEqualTo(25);
        assertThat(third.hits()).hasSize(5);
        assertThat(beyond.total()).isEqualTo(25);
        assertThat(beyond.hits()).isEmpty();
        List<Long> all = Stream.of(0, 10, 20)
                .flatMap(o -> index.search(FR, "fr", "vélo", null, o, 10).hits().stream())
                .map(Hit::postId).toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(25);
        // Equal relevance: newest first.
        assertThat(all.get(0)).isEqualTo(25L);
    }

    @Test
    void blogsDoNotSeeEachOthersPosts() {
        add(fr(1, "Vélo", "Une balade à vélo."),
                new PostDoc(2, 99, "fr", "Vélo aussi", "Une autre balade à vélo.", List.of(), Instant.now(), "/x.html"));
        assertThat(fr("vélo")).containsExactly(1L);
        assertThat(ids(99, "fr", "vélo")).containsExactly(2L);
        index.deleteBlog(99);
        index.commit();
        assertThat(ids(99, "fr", "vélo")).isEmpty();
        assertThat(fr("vélo")).containsExactly(1L);
    }

    @Test
    void anEditIsFoundRightAfterCommitAndTheOldTextNoLongerIs() {
        add(fr(1, "Brouillon", "Il était une fois un château."));
        assertThat(fr("château")).containsExactly(1L);
        add(fr(1, "Publié", "Il était une fois une forteresse."));
        assertThat(fr("château")).isEmpty();
        assertThat(fr("forteresse")).containsExactly(1L);
        assertThat(index.search(FR, "fr", "forteresse", null, 0, 10).hits().get(0).title()).isEqualTo("Publié");
        index.delete(1);
        index.commit();
        assertThat(fr("forteresse")).isEmpty();
    }

    @Test
    void replaceAllSwapsOneBlogsPostsOnly() {
        add(fr(1, "Ancien", "Texte ancien."), en(2, "Old", "Old text."));
        index.replaceAll(FR, Stream.of(fr(3, "Nouveau", "Texte nouveau.")));
        assertThat(fr("texte")).containsExactly(3L);
        assertThat(ids(EN, "en", "text")).containsExactly(2L);
        index.rebuild(List.of(fr(4, "Seul", "Texte seul.")));
        assertThat(fr("texte")).containsExactly(4L);
        assertThat(ids(EN, "en", "text")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"leçons", "(", ")", "((crise", "AND", "OR", "NOT", "*", "?", "~", ":", "title:",
            "text_fr:crise", "crise~2", "cri*", "+", "-", "!", "[a TO", "{", "}", "^", "^3", "\\", "crise\\",
            "a && || b", "/regex/", "\"\"\"", "-crise", "| |", "<script>", "AND OR NOT", "crise )) \"(", "      "})
    void nastyQueriesNeverThrow(String q) {
        add(fr(1, "Crise", "Une crise. AND OR."));
        assertThatCode(() -> index.search(FR, "fr", q, null, 0, 10)).doesNotThrowAnyException();
        assertThatCode(() -> index.search(EN, "en", q, "x", 0, 10)).doesNotThrowAnyException();
    }

    @Test
    void syntaxCharactersAroundWordsStillFindThem() {
        add(fr(1, "Crise", "Une crise grave."));
        assertThat(fr("crise)")).containsExactly(1L);
        assertThat(fr("\"crise")).containsExactly(1L);
        assertThat(fr("crise:")).containsExactly(1L);
        assertThat(fr("*")).isEmpty();
    }

    @Test
    void blankQueriesGiveAnEmptyPage() {
        add(fr(1, "Crise", "Une crise."));
        assertThat(index.search(FR, "fr", "", null, 0, 10)).isEqualTo(Results.EMPTY);
        assertThat(index.search(FR, "fr", "  \t", null, 0, 10)).isEqualTo(Results.EMPTY);
        assertThat(index.search(FR, "fr", null, null, 0, 10)).isEqualTo(Results.EMPTY);
    }

    @Test
    void snippetsMarkMatchesAndEscapeEverythingElse() {
        add(fr(1, "Piège", "Avant <script>alert('x')</script> & la crise <b>grave</b> \"citée\"."));
        Hit hit = index.search(FR, "fr", "crise", null, 0, 10).hits().get(0);
        assertThat(hit.snippetHtml())
                .contains("<mark>crise</mark>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("<b>")
                .contains("&amp;");
        assertThat(hit.snippetHtml().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
    }

    @Test
    void snippetsAreShortAndAroundTheMatch() {
        String filler = "Une phrase de remplissage sans intérêt particulier. ".repeat(40);
        add(fr(1, "Long", filler + "Enfin la révolution arrive. " + filler));
        String snippet = index.search(FR, "fr", "révolution", null, 0, 10).hits().get(0).snippetHtml();
        assertThat(snippet).contains("<mark>révolution</mark>").startsWith("…").endsWith("…");
        assertThat(snippet.length()).isBetween(100, 320);
    }

    @Test
    void aTitleOnlyMatchShowsTheStartOfTheTextEscaped() {
        String text = "<i>Début</i> du texte. " + "Suite sans rapport aucun. ".repeat(30);
        add(fr(1, "Révolution", text));
        String snippet = index.search(FR, "fr", "révolution", null, 0, 10).hits().get(0).snippetHtml();
        assertThat(snippet).startsWith("&lt;i&gt;Début&lt;&#x2F;i&gt; du texte").doesNotContain("<mark>", "<i>");
        assertThat(snippet.length()).isLessThan(320);
    }

    @Test
    void aMatchFarIntoALongPostIsHighlighted() {
        add(fr(1, "Long", "Du remplissage sans rien. ".repeat(1000) + "Enfin la révolution."));
        assertThat(index.search(FR, "fr", "révolution", null, 0, 10).hits().get(0).snippetHtml())
                .contains("<mark>révolution</mark>");
    }

    @Test
    void hitsCarryWhatTheResultsPageShows() {
        add(fr(7, "Titre", "Le texte."));
        Hit hit = index.search(FR, "fr", "texte", null, 0, 10).hits().get(0);
        assertThat(hit.postId()).isEqualTo(7);
        assertThat(hit.path()).isEqualTo("/p/7.html");
        assertThat(hit.title()).isEqualTo("Titre");
        assertThat(hit.publishedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_007L));
    }

    @Test
    void aReopenedIndexKeepsItsPosts() throws IOException {
        assertThat(index.wasRebuiltEmpty()).isTrue(); // a new directory: the caller should index everything
        add(fr(1, "Crise", "Une crise."));
        index.close();
        index = SearchIndex.open(dir);
        assertThat(index.wasRebuiltEmpty()).isFalse();
        assertThat(fr("crise")).containsExactly(1L);
    }

    @Test
    void uncommittedChangesAreKeptByClose() throws IOException {
        index.upsert(fr(1, "Crise", "Une crise."));
        index.close();
        index = SearchIndex.open(dir);
        assertThat(fr("crise")).containsExactly(1L);
    }

    @Test
    void aCorruptIndexReopensEmpty() throws IOException {
        add(fr(1, "Crise", "Une crise."));
        index.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments")).toList()) {
                Files.writeString(f, "garbage, not an index", StandardCharsets.UTF_8);
            }
        }
        index = SearchIndex.open(dir);
        assertThat(index.wasRebuiltEmpty()).isTrue();
        assertThat(fr("crise")).isEmpty();
        add(fr(2, "Crise", "Une autre crise."));
        assertThat(fr("crise")).containsExactly(2L);
    }

    @Test
    void aCorruptSegmentReopensEmpty() throws IOException {
        add(fr(1, "Crise", "Une crise."));
        index.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".si")).toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }
        index = SearchIndex.open(dir);
        assertThat(index.wasRebuiltEmpty()).isTrue();
        assertThat(fr("crise")).isEmpty();
    }

    @Test
    void aDirectoryWithoutAnIndexOpensEmpty() throws IOException {
        Path other = dir.resolve("missing/deeper");
        try (SearchIndex fresh = SearchIndex.open(other)) {
            assertThat(fresh.wasRebuiltEmpty()).isTrue();
            assertThat(fresh.search(FR, "fr", "crise", null, 0, 10).total()).isZero();
        }
    }

    @Test
    void searchesAndWritesFromSeveralThreads() {
        IntStream.range(0, 8).parallel().forEach(t -> {
            for (int i = 0; i < 50; i++) {
                index.upsert(fr(t * 100 + i, "Fil " + t, "Un texte parallèle numéro " + i));
                if (i % 10 == 0) {
                    index.commit();
                }
                index.search(FR, "fr", "parallèle", null, 0, 5);
            }
        });
        index.commit();
        assertThat(index.search(FR, "fr", "parallele", null, 0, 5).total()).isEqualTo(400);
    }
}
