package org.carnet.transfer;

/** Who wrote a post or comment in the old blog. Never matched to a Carnet account silently. */
public record ImportedAuthor(String name, String profileUrl, boolean anonymous) {
}
