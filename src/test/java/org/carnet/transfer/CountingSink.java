package org.carnet.transfer;

/** Counts what a reader finds, and keeps nothing (for the tests that stream large generated files). */
final class CountingSink implements ImportSink {
    int blogs;
    int posts;
    int comments;
    int skipped;
    long htmlChars;
    ImportedPost last;

    @Override
    public void blog(ImportedBlog blog) {
        blogs++;
    }

    @Override
    public void post(ImportedPost post) {
        posts++;
        htmlChars += post.html() == null ? 0 : post.html().length();
        last = post;
    }

    @Override
    public void comment(ImportedComment comment) {
        comments++;
    }

    @Override
    public void skipped(String sourceId, String reason) {
        skipped++;
    }
}
