package org.carnet.media.fetch;

import java.io.IOException;

/** Why an address could not be fetched; the message names the address and the reason, for the import's summary. */
public final class FetchException extends IOException {

    /** What went wrong, in words a summary can show. */
    public enum Reason {
        /** Not http or https (file:, ftp:, javascript:...). */
        SCHEME,
        /** The address, or one the host name resolves to, is not public (loopback, private, link-local...). */
        NOT_PUBLIC,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The server answered with an error status (404...). */
        STATUS,
        /** Larger than the per-file limit. */
        TOO_LARGE,
        /** Longer than the per-file time limit. */
        TIMEOUT,
        /** More redirects than allowed, or a redirect without a usable Location. */
        REDIRECTS,
        /** Anything else: connection refused, reset, TLS... */
        FAILED
    }

    private final Reason reason;

    public FetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
