package org.carnet.transfer;

/** Whether an import brings the old blog's images home, and from which addresses. */
public enum ImageFetching {
    /** Leave every image where it is (`carnet import --no-images`). */
    SKIP,
    /** Fetch them from public addresses only: the default, and always so from the admin page. */
    PUBLIC_ONLY,
    /**
     * Fetch them from any address, private networks and loopback included: `carnet import
     * --allow-private-addresses` (an operator's own test servers), never from a web request.
     */
    ALLOW_PRIVATE
}
