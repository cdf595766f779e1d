package org.carnet.search;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns what a reader typed in the search box into a query on a blog language's title and text.
 *
 * <p>{@link SimpleQueryParser} because it never throws: a lone quote, "AND", "(", "*", ":" or "~" is
 * read as plain words or ignored, never as a syntax error shown to a reader. Only the operators a blog
 * reader may expect are on: {@code "exact phrase"}, {@code -excluded}, {@code a | b} and parentheses.
 * Prefix ({@code *}) and fuzzy ({@code ~}) are off: their terms would bypass the stemmer and match
 * surprising things, and a lone {@code *} would match every post.
 *
 * <p>Words are all required (AND), as readers expect from a blog's search box; a word may be found in
 * the title or in the text. Title matches weigh three times as much, so they rank first.
 */
final class UserQueries {

    static final float TITLE_BOOST = 3f;

    private static final int OPERATORS = SimpleQueryParser.PHRASE_OPERATOR
            | SimpleQueryParser.NOT_OPERATOR
            | SimpleQueryParser.OR_OPERATOR
            | SimpleQueryParser.PRECEDENCE_OPERATORS
            | SimpleQueryParser.WHITESPACE_OPERATOR;

    private UserQueries() {
    }

    /** The query, or null when nothing searchable remains (blank, only stop words or operators). */
    static Query parse(Analyzer analyzer, String language, String userText) {
        if (userText == null || userText.isBlank()) {
            return null;
        }
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of(
                PostFields.title(language), TITLE_BOOST,
                PostFields.text(language), 1f), OPERATORS);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query q = parser.parse(userText);
        // The parser reads a lone "*" as "everything", whatever the operators: a reader asked for nothing.
        return q instanceof MatchAllDocsQuery ? null : q;
    }
}
