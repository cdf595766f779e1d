package org.carnet.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analyzers of a blog's language, the same at index and at query time.
 *
 * <p>Why not Lucene's {@code FrenchAnalyzer}: it folds accents only as a side effect of its stemmer and
 * leaves short words alone, so "été" and "ete" never meet. Here accents are folded explicitly, before
 * stemming, so readers who type without accents (most of them, on a phone) still find posts written
 * with them.
 *
 * <p>Only French and English are known; any other language falls back to English, whose analysis is
 * harmless (lower case, folding, a light stemmer) for most Latin-script text.
 */
public final class BlogAnalyzers {

    /** Accent-free French stop words are added so "meme" is dropped like "même" (stop runs before folding). */
    private static final CharArraySet FRENCH_STOP_WORDS = withFoldedForms(FrenchAnalyzer.getDefaultStopSet());

    private static final Analyzer FRENCH = new FrenchBlogAnalyzer();
    private static final Analyzer ENGLISH = new EnglishBlogAnalyzer();

    private BlogAnalyzers() {
    }

    /** The analyzer for a blog language ("fr", "fr-CA", "en" …); unknown languages get English. */
    public static Analyzer forLanguage(String lang) {
        return "fr".equals(languageOf(lang)) ? FRENCH : ENGLISH;
    }

    /** The language key the index uses for a blog language: "fr" or "en". */
    public static String languageOf(String lang) {
        if (lang == null) {
            return "en";
        }
        String l = lang.trim().toLowerCase(Locale.ROOT);
        return l.equals("fr") || l.startsWith("fr-") || l.startsWith("fr_") ? "fr" : "en";
    }

    /**
     * The index-wide analyzer: each language has its own fields ({@code title_fr}, {@code text_en} …),
     * and each field is analyzed with its language's analyzer. The writer needs one analyzer for all
     * documents; this is it.
     */
    static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(ENGLISH, Map.of(
                PostFields.title("fr"), FRENCH, PostFields.text("fr"), FRENCH));
    }

    private static CharArraySet withFoldedForms(CharArraySet words) {
        CharArraySet all = new CharArraySet(words.size() * 2, true);
        for (Object word : words) {
            String w = new String((char[]) word);
            all.add(w);
            all.add(fold(w));
        }
        return CharArraySet.unmodifiableSet(all);
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static final class FrenchBlogAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            // Elision first: "l'insurrection" and "l’insurrection" (typographic apostrophe) become "insurrection".
            TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
            s = new LowerCaseFilter(s);
            s = new StopFilter(s, FRENCH_STOP_WORDS);
            // Fold before stemming: the stemmer then sees "lecons" whether the author typed "leçons" or not.
            s = new ASCIIFoldingFilter(s);
            s = new FrenchLightStemFilter(s);
            return new TokenStreamComponents(source, s);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }

    private static final class EnglishBlogAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream s = new EnglishPossessiveFilter(source);
            s = new LowerCaseFilter(s);
            s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            s = new ASCIIFoldingFilter(s);
            s = new PorterStemFilter(s);
            return new TokenStreamComponents(source, s);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
