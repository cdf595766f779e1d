package org.carnet.transfer;

/** What an import did, for the CLI's last line and the admin page. */
public record ImportSummary(String blogName, int entries, int posts, int pages, int drafts, int comments,
                            int skipped, int alreadyThere, int redirects) {
}
