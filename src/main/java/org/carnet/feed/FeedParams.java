package org.carnet.feed;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.carnet.core.Problem;

/**
 * Blogger's feed parameters: alt (atom, the default, or rss), max-results (25 by default, brought into
 * 1..500 rather than refused, as Blogger does) and start-index (1-based; below 1 means 1). A start-index past
 * MAX_START is refused: an offset that deep makes the database walk that many rows for every request, and no
 * feed reader pages that far. Anything that is not a number is a 400 with a message that says what is wanted.
 */
record FeedParams(boolean rss, int maxResults, int startIndex, String token) {

    static final int DEFAULT_MAX = 25;
    static final int MAX_MAX = 500;
    static final int MAX_START = 100_000;

    static FeedParams from(Context ctx) {
        String alt = ctx.queryParam("alt");
        boolean rss;
        if (alt == null || alt.isBlank() || alt.trim().equalsIgnoreCase("atom")) {
            rss = false;
        } else if (alt.trim().equalsIgnoreCase("rss")) {
            rss = true;
        } else {
            throw Problem.invalid("feed.alt.invalid");
        }
        int max = Math.max(1, Math.min(MAX_MAX, number(ctx.queryParam("max-results"), DEFAULT_MAX,
                "feed.maxResults.invalid")));
        int start = Math.max(1, number(ctx.queryParam("start-index"), 1, "feed.startIndex.invalid"));
        if (start > MAX_START) {
            throw Problem.invalid("feed.startIndex.invalid");
        }
        String token = ctx.queryParam("token");
        return new FeedParams(rss, max, start, token == null || token.isBlank() ? null : token.trim());
    }

    private static int number(String value, int otherwise, String errorKey) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Problem.invalid(errorKey);
        }
    }

    /** Rows skipped before this page. */
    int offset() {
        return startIndex - 1;
    }

    /** The query string of this feed at another start-index (token and format kept, so the reader follows). */
    String query(int start) {
        StringBuilder q = new StringBuilder();
        if (rss) {
            q.append("&alt=rss");
        }
        if (maxResults != DEFAULT_MAX) {
            q.append("&max-results=").append(maxResults);
        }
        if (start != 1) {
            q.append("&start-index=").append(start);
        }
        if (token != null) {
            q.append("&token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
        return q.isEmpty() ? "" : "?" + q.substring(1);
    }
}
