package org.carnet.transfer;

/**
 * An export file that can be read more than once: the import reads posts first and comments second, so
 * that comments listed before their posts (as Blogger writes them) need no buffering in memory.
 */
@FunctionalInterface
public interface ExportFile {

    void readInto(ImportSink sink);
}
