package org.carnet.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class BlogAnalyzersTest {

    static List<String> terms(String lang, String text) throws IOException {
        Analyzer a = BlogAnalyzers.forLanguage(lang);
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void frenchFoldsAccentsElidesArticlesAndStems() throws IOException {
        assertThat(terms("fr", "leçons")).isEqualTo(terms("fr", "lecons"));
        assertThat(terms("fr", "manifestants")).isEqualTo(terms("fr", "manifestant"));
        assertThat(terms("fr", "été")).isEqualTo(terms("fr", "ete")).isNotEmpty();
        assertThat(terms("fr", "l'insurrection"))
                .isEqualTo(terms("fr", "L’insurrection"))
                .isEqualTo(terms("fr", "insurrection"));
        assertThat(terms("fr", "jusqu'ici qu'il")).isEmpty();
    }

    @Test
    void frenchStopWordsAreDroppedWithOrWithoutAccents() throws IOException {
        // "a" goes too: it is "à" typed without its accent (and "a", has, is a word no one searches).
        assertThat(terms("fr", "le la les de des même meme à a")).isEmpty();
        assertThat(terms("fr", "la crise et les manifestants")).hasSize(2);
    }

    @Test
    void englishStemsAndDropsPossessivesAndStopWords() throws IOException {
        assertThat(terms("en", "protests")).isEqualTo(terms("en", "protest"));
        assertThat(terms("en", "the city's protests")).isEqualTo(terms("en", "city protest"));
        assertThat(terms("en", "café")).isEqualTo(terms("en", "cafe"));
    }

    @Test
    void unknownLanguagesAreAnalyzedAsEnglish() {
        assertThat(BlogAnalyzers.forLanguage("de")).isSameAs(BlogAnalyzers.forLanguage("en"));
        assertThat(BlogAnalyzers.forLanguage(null)).isSameAs(BlogAnalyzers.forLanguage("en"));
        assertThat(BlogAnalyzers.forLanguage("fr-CA")).isSameAs(BlogAnalyzers.forLanguage("fr"));
    }
}
