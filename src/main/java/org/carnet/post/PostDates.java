package org.carnet.post;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.carnet.blog.Blog;

/** Dates written the blog's way: in its language and its time zone ("lundi 10 janvier 2022"). */
public final class PostDates {

    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter longDate;
    private final DateTimeFormatter dateTime;

    public PostDates(Blog blog) {
        this.locale = Locale.forLanguageTag(blog.language());
        this.zone = ZoneId.of(blog.timeZone());
        this.longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(zone);
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone);
    }

    public String longDate(Instant instant) {
        return instant == null ? "" : longDate.format(instant);
    }

    /** "janvier 2022" / "January 2022". */
    public String monthYear(int year, int month) {
        return monthName(month) + " " + year;
    }

    public String monthName(int month) {
        return java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, locale);
    }

    /** "lundi 10 janvier 2022, 09:30" for comments and revisions. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    /** Blogger's updated-max value for a listing link, URL-encoded: 2022-01-10T10:00:00.123%2B01:00. */
    public String updatedMax(Instant instant) {
        String iso = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
        return java.net.URLEncoder.encode(iso, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The machine-readable form for time datetime="...". */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
