package org.carnet.transfer;

import org.carnet.core.Messages;

/**
 * An image of the old blog that an import could not bring home: its address (kept in the bodies) and why, as
 * a reason (a key under import.images.reason.) and its detail (the status a server answered, say).
 */
public record ImageNotFetched(String url, String reason, String detail) {

    /** "https://...: the server answered 404", in the reader's language. */
    public String describe(Messages m) {
        return m.t("import.images.notFetched.item", url, m.t("import.images.reason." + reason,
                detail == null ? "" : detail));
    }
}
