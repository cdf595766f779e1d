package org.carnet.post;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.carnet.blog.Blog;

/** Dates written the blog's way: in its language and its time zone ("lundi 10 janvier 2022"). */
public final class PostDates {

    private final DateTimeFormatter longDate;

    public PostDates(Blog blog) {
        this.longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(Locale.forLanguageTag(blog.language()))
                .withZone(ZoneId.of(blog.timeZone()));
    }

    public String longDate(Instant instant) {
        return instant == null ? "" : longDate.format(instant);
    }

    /** The machine-readable form for time datetime="...". */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
