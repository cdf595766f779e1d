package org.carnet.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The full-text index of all blogs' visible posts on this node: one directory, one {@link IndexWriter}
 * and one {@link SearcherManager}, safe to share between threads.
 *
 * <p>The index is a cache of the database, never the truth: when it is missing or unreadable it is
 * recreated empty and {@link #wasRebuiltEmpty()} tells the caller to feed it again from the database
 * (a reindex beats failing to start over a file that can be rebuilt).
 *
 * <p>Changes become visible to searches on {@link #commit()}, which both makes them durable and
 * refreshes the searcher, so a post is searchable as soon as its save is committed.
 *
 * <p>I/O failures after opening are rethrown as {@link UncheckedIOException}: a caller can do nothing
 * better with them than let them surface as a server error.
 */
public final class SearchIndex implements AutoCloseable {

    /** No page of results reaches deeper than this: deep paging costs memory and no reader goes there. */
    static final int MAX_WINDOW = 10_000;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = BlogAnalyzers.perField();
    private final boolean rebuiltEmpty;

    private SearchIndex(Directory directory, IndexWriter writer, boolean rebuiltEmpty) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.rebuiltEmpty = rebuiltEmpty;
    }

    /**
     * Opens the index in {@code dir}, creating it if missing. A directory that holds no index, or an
     * index Lucene cannot read (corrupt, too old or too new), is emptied and started afresh; see
     * {@link #wasRebuiltEmpty()}. An index locked by another process is an error, not a reason to wipe it.
     */
    public static SearchIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FSDirectory directory = FSDirectory.open(dir);
        try {
            if (DirectoryReader.indexExists(directory)) {
                try {
                    return new SearchIndex(directory, newWriter(directory, IndexWriterConfig.OpenMode.APPEND), false);
                } catch (LockObtainFailedException e) {
                    throw e;
                } catch (IOException | RuntimeException unreadable) {
                    // CorruptIndexException, IndexFormatTooOld/TooNewException, a missing or truncated file:
                    // all mean the same here, the index cannot be trusted and the database can refill it.
                    wipe(directory);
                }
            }
            return new SearchIndex(directory, newWriter(directory, IndexWriterConfig.OpenMode.CREATE), true);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static IndexWriter newWriter(Directory directory, IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(BlogAnalyzers.perField()).setOpenMode(mode);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            // Opening a reader checks the segments themselves, not only the commit point that names them.
            DirectoryReader.open(writer).close();
            return writer;
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    private static void wipe(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                directory.deleteFile(file);
            }
        }
    }

    /** True when {@link #open} found no usable index and started an empty one: reindex from the database. */
    public boolean wasRebuiltEmpty() {
        return rebuiltEmpty;
    }

    /** Adds the post, or replaces its previous version. Visible to searches after {@link #commit()}. */
    public void upsert(PostDoc post) {
        io(() -> writer.updateDocument(PostFields.idTerm(post.postId()), PostFields.toDocument(post)));
    }

    /** Removes the post (deleted, back to draft, scheduled …). Absent posts are ignored. */
    public void delete(long postId) {
        io(() -> writer.deleteDocuments(PostFields.idTerm(postId)));
    }

    /** Removes all of a blog's posts. */
    public void deleteBlog(long blogId) {
        io(() -> writer.deleteDocuments(LongField.newExactQuery(PostFields.BLOG_ID, blogId)));
    }

    /**
     * Replaces a blog's posts with {@code posts} and commits, e.g. after an import or when the blog's
     * language changed (its posts must be analyzed again). Searches see the old or the new set, not a
     * mix, unless another thread commits meanwhile.
     */
    public void replaceAll(long blogId, Stream<PostDoc> posts) {
        deleteBlog(blogId);
        posts.forEach(this::upsert);
        commit();
    }

    /** Replaces the whole index with {@code posts} and commits: the reindex after {@link #wasRebuiltEmpty()}. */
    public void rebuild(Iterable<PostDoc> posts) {
        io(writer::deleteAll);
        posts.forEach(this::upsert);
        commit();
    }

    /** Makes every change so far durable and visible to searches. */
    public void commit() {
        io(() -> {
            writer.commit();
            searchers.maybeRefreshBlocking();
        });
    }

    /**
     * Searches one blog's posts.
     *
     * @param language the blog's language: picks the fields and the analyzer of the query
     * @param query    what the reader typed; never a syntax error (see {@link UserQueries})
     * @param label    only posts with exactly this label, or null for all
     * @return the posts at {@code offset .. offset+limit} by relevance (title matches first, then newest),
     *         and the total; an empty page for a blank query
     */
    public Results search(long blogId, String language, String query, String label, int offset, int limit) {
        Query words = UserQueries.parse(analyzer, language, query);
        if (words == null || limit <= 0 || offset < 0 || offset >= MAX_WINDOW) {
            return Results.EMPTY;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(words, Occur.MUST)
                .add(LongField.newExactQuery(PostFields.BLOG_ID, blogId), Occur.FILTER);
        if (label != null) {
            b.add(new TermQuery(new Term(PostFields.LABEL, label)), Occur.FILTER);
        }
        Query full = b.build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return page(searcher, full, language, offset, Math.min(limit, MAX_WINDOW - offset));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Results page(IndexSearcher searcher, Query query, String language, int offset, int limit)
            throws IOException {
        Sort byRelevanceThenNewest = new Sort(SortField.FIELD_SCORE,
                LongField.newSortField(PostFields.PUBLISHED, true, SortedNumericSelector.Type.MAX));
        TopDocs top = searcher.search(query, offset + limit, byRelevanceThenNewest, true);
        int total = searcher.count(query);
        if (top.scoreDocs.length <= offset) {
            return new Results(total, List.of());
        }
        ScoreDoc[] window = java.util.Arrays.copyOfRange(top.scoreDocs, offset, top.scoreDocs.length);
        TopDocs pageDocs = new TopDocs(top.totalHits, window);
        String[] snippets = Snippets.of(searcher, analyzer, PostFields.text(language), query, pageDocs);
        List<Hit> hits = new ArrayList<>(window.length);
        for (int i = 0; i < window.length; i++) {
            Document d = searcher.storedFields().document(window[i].doc);
            hits.add(new Hit(
                    d.getField(PostFields.POST_ID).numericValue().longValue(),
                    d.get(PostFields.PATH),
                    d.get(PostFields.title(d.get(PostFields.LANGUAGE))), // the post's own language, whatever was asked
                    PostFields.published(d),
                    snippets[i]));
        }
        return new Results(total, hits);
    }

    /** Commits what is pending, then closes; the index opens again as it was. */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close(); // commits pending changes (IndexWriterConfig's default commitOnClose)
        } finally {
            directory.close();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
