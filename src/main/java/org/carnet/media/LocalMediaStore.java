package org.carnet.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Media as files under one folder (the data directory's "media"): key a/b/c is the file a/b/c. A put writes a
 * temporary file in the folder's ".incoming" (same file system, a name no key can have), forces it to disk, then
 * renames it over the target in one atomic step: a reader, or a restart after a crash, sees the old file or the new
 * one, never half of one. What a crash leaves in ".incoming" is deleted at start, without walking every image.
 */
public final class LocalMediaStore implements MediaStore {

    private final Path root;
    private final Path incoming;

    /** Creates nothing yet: a CLI command that opens Services but adds no image leaves no folder behind. */
    public LocalMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            sweepTemporaryFiles();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot use " + root + " for media: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    private Path file(String key) {
        return root.resolve(MediaStore.checkKey(key));
    }

    @Override
    public void put(String key, Path source) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Files.createDirectories(incoming);
        Path temp = Files.createTempFile(incoming, "put-", "");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The media folder " + root + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<Blob> get(String key, ByteRange range) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            long total = channel.size();
            long start = 0;
            long end = total - 1;
            if (range != null) {
                long[] resolved = range.resolve(total);
                if (resolved == null) {
                    throw new RangeNotSatisfiable(total);
                }
                start = resolved[0];
                end = resolved[1];
            }
            channel.position(start);
            long length = Math.max(0, end - start + 1);
            InputStream in = new BoundedInputStream(Channels.newInputStream(channel), length);
            return Optional.of(new Blob(in, start, length, total));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(file(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path folder = file(prefix);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What a process that stopped in the middle of a put left: never visible under a key, deleted at start. */
    private void sweepTemporaryFiles() throws IOException {
        if (!Files.isDirectory(incoming)) {
            return;
        }
        try (Stream<Path> left = Files.list(incoming)) {
            for (Path p : left.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** At most limit bytes of a stream (the end of a range), closing the file with it. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
