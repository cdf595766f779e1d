package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every media store does, whatever it keeps bytes in: run on local files and on a real S3 server. */
abstract class MediaStoreContract {

    @TempDir
    Path work;

    /** The store under test (the same for the whole class; keys of each test are their own). */
    abstract MediaStore store();

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(work.resolve(name), bytes);
    }

    private static byte[] read(MediaStore store, String key, MediaStore.ByteRange range) throws Exception {
        try (MediaStore.Blob blob = store.get(key, range).orElseThrow()) {
            return blob.content().readAllBytes();
        }
    }

    @Test
    void whatIsPutIsReadBackWholeAndByRange() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(15).nextBytes(bytes);
        MediaStore store = store();
        store.put("blogs/1/abc/original", file("a", bytes));
        assertThat(store.exists("blogs/1/abc/original")).isTrue();
        assertThat(read(store, "blogs/1/abc/original", null)).isEqualTo(bytes);

        try (MediaStore.Blob part = store.get("blogs/1/abc/original", new MediaStore.ByteRange(100L, 199L))
                .orElseThrow()) {
            assertThat(part.offset()).isEqualTo(100);
            assertThat(part.length()).isEqualTo(100);
            assertThat(part.total()).isEqualTo(bytes.length);
            assertThat(part.partial()).isTrue();
            assertThat(part.content().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
        }
        // To the end, and the last n bytes.
        assertThat(read(store, "blogs/1/abc/original", new MediaStore.ByteRange(299_990L, null)))
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 299_990, 300_000));
        assertThat(read(store, "blogs/1/abc/original", MediaStore.ByteRange.suffix(5)))
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 299_995, 300_000));
        // A range past the end is refused, saying how long the file is (HTTP 416 with Content-Range: */total).
        assertThatThrownBy(() -> store.get("blogs/1/abc/original", new MediaStore.ByteRange(400_000L, null)))
                .isInstanceOfSatisfying(MediaStore.RangeNotSatisfiable.class,
                        e -> assertThat(e.total()).isEqualTo(bytes.length));
    }

    @Test
    void aMissingKeyIsEmptyAndDeletingItIsHarmless() throws Exception {
        MediaStore store = store();
        assertThat(store.get("blogs/2/none/original", null)).isEmpty();
        assertThat(store.exists("blogs/2/none/original")).isFalse();
        store.delete("blogs/2/none/original");
    }

    @Test
    void aPutReplacesAndADeleteRemoves() throws Exception {
        MediaStore store = store();
        store.put("blogs/3/h/w640", file("one", "first".getBytes(StandardCharsets.UTF_8)));
        store.put("blogs/3/h/w640", file("two", "second".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(read(store, "blogs/3/h/w640", null), StandardCharsets.UTF_8)).isEqualTo("second");
        store.delete("blogs/3/h/w640");
        assertThat(store.exists("blogs/3/h/w640")).isFalse();
    }

    @Test
    void deletingABlogsPrefixDeletesOnlyItsKeys() throws Exception {
        MediaStore store = store();
        Path f = file("x", new byte[] {1, 2, 3});
        store.put("blogs/40/h1/original", f);
        store.put("blogs/40/h1/w320", f);
        store.put("blogs/40/h2/original", f);
        store.put("blogs/400/h1/original", f);   // a blog whose id starts the same
        store.deleteAll("blogs/40");
        assertThat(store.exists("blogs/40/h1/original")).isFalse();
        assertThat(store.exists("blogs/40/h1/w320")).isFalse();
        assertThat(store.exists("blogs/40/h2/original")).isFalse();
        assertThat(store.exists("blogs/400/h1/original")).isTrue();
    }

    @Test
    void anEmptyFileIsAFileToo() throws Exception {
        MediaStore store = store();
        store.put("blogs/5/empty/original", file("empty", new byte[0]));
        assertThat(store.exists("blogs/5/empty/original")).isTrue();
        assertThat(read(store, "blogs/5/empty/original", null)).isEmpty();
    }

    @Test
    void keysThatCouldClimbOutOfTheStoreAreRefused() {
        MediaStore store = store();
        for (String key : new String[] {"../etc/passwd", "blogs/../../x", "/abs", "Blogs/1", "blogs//1", ""}) {
            assertThatThrownBy(() -> store.exists(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
