package org.carnet.search;

import java.time.Instant;

/**
 * One search result.
 *
 * @param snippetHtml safe HTML: the text is escaped and only {@code <mark>…</mark>} around matches is raw
 */
public record Hit(long postId, String path, String title, Instant publishedAt, String snippetHtml) {
}
