package org.carnet.transfer;

/**
 * Where a reader of an export file (Blogger, WordPress) sends what it finds, entry by entry, as it streams
 * through the file: nothing is kept in memory by the reader, so a 500 MB export stays cheap to read.
 * The order of calls follows the file; comments may come before their posts.
 */
public interface ImportSink {

    /** The blog's own settings (title, description, language...), once, whenever the reader has them. */
    void blog(ImportedBlog blog);

    void post(ImportedPost post);

    void comment(ImportedComment comment);

    /** An entry deliberately not imported (trashed post, template, settings...), for the summary. */
    void skipped(String sourceId, String reason);
}
