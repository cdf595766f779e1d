package org.carnet.search;

import java.time.Instant;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;

/**
 * The index's fields, and how a {@link PostDoc} becomes a Lucene document.
 *
 * <p>Title and text live in one field per language ({@code title_fr}, {@code text_fr}, {@code title_en} …)
 * so that each is analyzed, at index and query time, by its language's analyzer (see
 * {@link BlogAnalyzers#perField()}) and term statistics of one language do not skew the other's scores.
 */
final class PostFields {

    static final String ID = "id";            // exact term, the key for update and delete
    static final String POST_ID = "postId";   // stored
    static final String BLOG_ID = "blogId";   // points: blog filter and deleteBlog
    static final String LANGUAGE = "language";
    static final String LABEL = "label";      // exact, one value per label
    static final String PATH = "path";
    static final String PUBLISHED = "published";

    /**
     * The text keeps its offsets in the postings so the highlighter reads them instead of analysing
     * each result's text again.
     */
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.setStored(true);
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_TYPE.freeze();
    }

    private PostFields() {
    }

    static String title(String lang) {
        return "title_" + BlogAnalyzers.languageOf(lang);
    }

    static String text(String lang) {
        return "text_" + BlogAnalyzers.languageOf(lang);
    }

    static Term idTerm(long postId) {
        return new Term(ID, Long.toString(postId));
    }

    static Document toDocument(PostDoc post) {
        Document d = new Document();
        d.add(new StringField(ID, Long.toString(post.postId()), Field.Store.NO));
        d.add(new StoredField(POST_ID, post.postId()));
        d.add(new LongField(BLOG_ID, post.blogId(), Field.Store.NO));
        d.add(new StringField(LANGUAGE, BlogAnalyzers.languageOf(post.language()), Field.Store.YES));
        d.add(new Field(title(post.language()), post.title(), TEXT_TYPE));
        d.add(new Field(text(post.language()), post.text(), TEXT_TYPE));
        for (String label : post.labels()) {
            d.add(new StringField(LABEL, label, Field.Store.NO));
        }
        d.add(new StoredField(PATH, post.path()));
        // Stored and as doc values: shown in results, and breaks ties between equally relevant posts.
        d.add(new LongField(PUBLISHED, post.publishedAt().toEpochMilli(), Field.Store.YES));
        return d;
    }

    static Instant published(Document d) {
        return Instant.ofEpochMilli(d.getField(PUBLISHED).numericValue().longValue());
    }
}
