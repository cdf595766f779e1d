package org.carnet.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where image bytes live, by key ("blogs/12/{sha256}/original"). Two kinds: files under the data directory (one
 * machine) and an S3-compatible object store (every node sees the same files). Both pass one contract test
 * (MediaStoreContract), so the rest of Carnet never asks which one it has.
 *
 * <p>What is put is visible whole or not at all: a crash in the middle of a put never leaves half a file behind a
 * key. Bytes arrive from a file (never a byte array): uploads are streamed to a temporary file first.
 */
public interface MediaStore extends AutoCloseable {

    /** Keys are made by Carnet, never taken from a request; still, nothing that could climb out of a folder. */
    Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$");

    /** Stores the file's bytes under key, replacing what was there (same key, same content: a hash is in it). */
    void put(String key, Path file) throws IOException;

    /**
     * The bytes under key, the whole or the range asked for; empty when there is no such key. Throws
     * {@link RangeNotSatisfiable} when the range starts past the end. The caller closes the Blob.
     */
    Optional<Blob> get(String key, ByteRange range) throws IOException;

    boolean exists(String key) throws IOException;

    /** Deletes the key; nothing happens when it does not exist. */
    void delete(String key) throws IOException;

    /** Deletes every key that starts with prefix + "/" (a deleted blog's images). */
    void deleteAll(String prefix) throws IOException;

    @Override
    default void close() {
    }

    static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return key;
    }

    /**
     * A byte range as HTTP asks for one: first-last, first- (to the end), or -n (the last n bytes: first null).
     * Resolved against the size of what is stored by the store.
     */
    record ByteRange(Long first, Long last) {

        public static ByteRange suffix(long n) {
            return new ByteRange(null, n);
        }

        /** The first and last byte offsets in a file of size total; null when the range is past its end. */
        long[] resolve(long total) {
            long start;
            long end;
            if (first == null) {
                start = Math.max(0, total - last);
                end = total - 1;
            } else {
                start = first;
                end = last == null ? total - 1 : Math.min(last, total - 1);
            }
            if (start >= total || end < start) {
                return null;
            }
            return new long[] {start, end};
        }

        /** The same range as an HTTP Range header value (S3 takes it as is). */
        String header() {
            return "bytes=" + (first == null ? "-" + last : first + "-" + (last == null ? "" : last));
        }
    }

    /** What get returns: a stream of length bytes starting at offset, of a file of total bytes. */
    record Blob(InputStream content, long offset, long length, long total) implements AutoCloseable {

        public boolean partial() {
            return length != total;
        }

        @Override
        public void close() {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A range that starts at or past the end of what is stored (HTTP 416). */
    final class RangeNotSatisfiable extends IOException {
        private final long total;

        public RangeNotSatisfiable(long total) {
            super("range not satisfiable: " + total + " bytes");
            this.total = total;
        }

        public long total() {
            return total;
        }
    }
}
