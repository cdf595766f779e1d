package org.carnet.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Snippets for a page of results: about {@value #LENGTH} characters of a post's text around the best
 * match, matching words in {@code <mark>}.
 *
 * <p>The snippet goes into the page as HTML, so all of the post's text in it is escaped by Lucene's
 * {@link DefaultPassageFormatter} (escape on); only the {@code <mark>} tags we add are raw. When only
 * the title matched, the highlighter has nothing to mark and returns the start of the text, through
 * the same formatter, so it is escaped the same way.
 */
final class Snippets {

    static final int LENGTH = 200;

    private Snippets() {
    }

    /** One snippet per hit of {@code top}, in the same order. */
    static String[] of(IndexSearcher searcher, Analyzer analyzer, String textField, Query query, TopDocs top)
            throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                // Word boundaries, not sentences: a sentence may be a whole paragraph long.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), LENGTH, 0.3f))
                .withFormatter(new Formatter())
                .withMaxNoHighlightPassages(1)
                // The default (10,000 chars) would miss matches late in a long post; offsets are in the
                // postings, so looking further costs little.
                .withMaxLength(1_000_000)
                .build();
        String[] snippets = highlighter.highlight(textField, query, top, 1);
        for (int i = 0; i < snippets.length; i++) {
            if (snippets[i] == null) {
                snippets[i] = "";
            }
        }
        return snippets;
    }

    /** Escapes the text, marks matches, and shows with an ellipsis that the passage was cut out. */
    private static final class Formatter extends PassageFormatter {
        private final DefaultPassageFormatter escaping = new DefaultPassageFormatter("<mark>", "</mark>", " … ", true);

        @Override
        public Object format(Passage[] passages, String content) {
            if (passages.length == 0) {
                return "";
            }
            String html = escaping.format(passages, content).strip();
            if (passages[0].getStartOffset() > 0) {
                html = "… " + html;
            }
            if (passages[passages.length - 1].getEndOffset() < content.length()) {
                html = html + " …";
            }
            return html;
        }
    }
}
