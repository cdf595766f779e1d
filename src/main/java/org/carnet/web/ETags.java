package org.carnet.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Conditional requests and content codings, as pages and feeds answer them (RFC 9110). */
public final class ETags {

    private ETags() {
    }

    /**
     * Does If-None-Match name this entity tag? Weak comparison, as RFC 9110 asks for If-None-Match: W/"x"
     * matches "x"; "*" matches anything; a list matches when one of its tags does. Null never matches.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String tag = etag.startsWith("W/") ? etag.substring(2) : etag;
        if (ifNoneMatch.equals(tag)) {
            return true;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110: If-None-Match decides when present; If-Modified-Since (when there is a time to compare) only without it. */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag);
        }
        if (ifModifiedSince != null && lastModified != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /** An instant as HTTP writes dates (Last-Modified). */
    public static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
    }

    /** Does Accept-Encoding allow gzip (named with a quality above zero, or through "*")? */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) {
            return false;
        }
        boolean viaStar = false;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (p.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return !refused;
            }
            if (coding.equals("*")) {
                viaStar = !refused;
            }
        }
        return viaStar;
    }
}
