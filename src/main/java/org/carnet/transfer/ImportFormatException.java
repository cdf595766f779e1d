package org.carnet.transfer;

/**
 * A file that cannot be imported: not the expected format, hostile (DTD, external entities), truncated, or
 * an entry that makes no sense. Says which entry (1-based, 0 for the file itself) and why, in English (the
 * CLI and the admin page show it inside a translated sentence).
 */
public final class ImportFormatException extends RuntimeException {

    private final int entry;

    public ImportFormatException(int entry, String reason) {
        super(reason);
        this.entry = entry;
    }

    public ImportFormatException(int entry, String reason, Throwable cause) {
        super(reason, cause);
        this.entry = entry;
    }

    /** The entry at which reading stopped (1-based), or 0 when the file as a whole is refused. */
    public int entry() {
        return entry;
    }
}
