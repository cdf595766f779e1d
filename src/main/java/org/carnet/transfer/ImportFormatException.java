package org.carnet.transfer;

import org.carnet.core.Messages;

/**
 * A file that cannot be imported: not the expected format, hostile (DTD, external entities), truncated, or
 * an entry that makes no sense. Says which entry (1-based, 0 for the file itself) and why, as a message
 * (import.reason.* in the bundles) that the admin page and the CLI show in their reader's language; the
 * exception's own message is the English one, for logs.
 */
public final class ImportFormatException extends RuntimeException {

    private final int entry;
    private final Messages.Text reason;

    public ImportFormatException(int entry, String reasonKey, Object... args) {
        this(entry, null, reasonKey, args);
    }

    public ImportFormatException(int entry, Throwable cause, String reasonKey, Object... args) {
        this(entry, new Messages.Text("import.reason." + reasonKey, args), cause);
    }

    private ImportFormatException(int entry, Messages.Text reason, Throwable cause) {
        super(Messages.of("en").t(reason), cause);
        this.entry = entry;
        this.reason = reason;
    }

    /** The entry at which reading stopped (1-based), or 0 when the file as a whole is refused. */
    public int entry() {
        return entry;
    }

    /** Why, to be put in a sentence of the reader's language ("import.refused", "import.refused.file"). */
    public Messages.Text reason() {
        return reason;
    }
}
