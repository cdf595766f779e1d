package org.carnet.blog;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.carnet.core.Problem;

/**
 * When new comments wait for an admin's approval: never, always, or only on posts older than N days
 * (old posts attract spam and draw little legitimate discussion). Written as never, always or older:N.
 */
public record Moderation(Kind kind, int days) {

    public enum Kind { NEVER, ALWAYS, OLDER }

    public static final int MAX_DAYS = 3650;

    public static Moderation parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("never")) {
            return new Moderation(Kind.NEVER, 0);
        }
        if (v.equals("always")) {
            return new Moderation(Kind.ALWAYS, 0);
        }
        if (v.startsWith("older:")) {
            try {
                int days = Integer.parseInt(v.substring("older:".length()));
                if (days >= 1 && days <= MAX_DAYS) {
                    return new Moderation(Kind.OLDER, days);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw Problem.invalid("blog.moderation.invalid", MAX_DAYS);
    }

    /** Does a new comment on a post published at publishedAt wait for approval? */
    public boolean holds(Instant publishedAt, Instant now) {
        return switch (kind) {
            case NEVER -> false;
            case ALWAYS -> true;
            case OLDER -> publishedAt != null && publishedAt.plus(Duration.ofDays(days)).isBefore(now);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.OLDER ? "older:" + days : kind.name().toLowerCase(Locale.ROOT);
    }
}
