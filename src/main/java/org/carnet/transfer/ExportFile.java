package org.carnet.transfer;

/**
 * An export file that can be read more than once: the import reads posts first and comments second, so
 * that comments listed before their posts (as Blogger writes them) need no buffering in memory.
 */
@FunctionalInterface
public interface ExportFile {

    void readInto(ImportSink sink);

    /** The export at file, read as format says: "blogger" (any of Blogger's three kinds) or "wordpress". */
    static ExportFile open(String format, java.nio.file.Path file) {
        if (format.equals("blogger")) {
            return sink -> BloggerExportReader.readFile(file, sink);
        }
        if (format.equals("wordpress")) {
            return sink -> {
                try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
                    WxrReader.read(in, sink);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }
        throw org.carnet.core.Problem.invalid("import.format.invalid");
    }
}
