package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on files under a folder, and what only files need: a crash mid-put leaves nothing visible. */
class LocalMediaStoreTest extends MediaStoreContract {

    private static Path root;
    private static LocalMediaStore store;

    @BeforeAll
    static void open() throws Exception {
        root = Files.createTempDirectory("carnet-media-");
        store = new LocalMediaStore(root);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    MediaStore store() {
        return store;
    }

    @Test
    void openingAStoreCreatesNoFolderUntilSomethingIsPut() throws Exception {
        Path fresh = work.resolve("never-used");
        MediaStore unused = new LocalMediaStore(fresh);
        assertThat(unused.exists("blogs/1/x/original")).isFalse();
        assertThat(unused.get("blogs/1/x/original", null)).isEmpty();
        unused.deleteAll("blogs/1");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aTemporaryFileLeftByACrashIsNeverAKeyAndIsSweptAtStart() throws Exception {
        // What a process killed in the middle of a put leaves: a temporary file, named like no key can be.
        Path half = Files.write(Files.createDirectories(root.resolve(".incoming")).resolve("put-123"), new byte[] {1, 2});
        assertThat(store.exists("blogs/9/half/original")).isFalse();
        store.put("blogs/9/whole/original", Files.write(work.resolve("w"), new byte[] {3}));
        new LocalMediaStore(root);
        assertThat(half).doesNotExist();
        assertThat(store.exists("blogs/9/whole/original")).isTrue();
        try (Stream<Path> left = Files.list(root.resolve(".incoming"))) {
            assertThat(left).isEmpty();
        }
    }
}
