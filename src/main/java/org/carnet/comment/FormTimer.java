package org.carnet.comment;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.core.Hmac;

/**
 * Tells whether a comment form was loaded by a real page view some seconds before it was sent.
 *
 * <p>Spam bots post the moment they fetch a form, or post without fetching it at all; people
 * take a while to read and type. The page embeds a token saying when the form was issued,
 * signed with a server secret so it cannot be forged or back-dated, and the submission is
 * checked against it. Nothing is stored on the server, so any app node can check a token any
 * other node issued (they share the secret), and the check costs one HMAC.
 *
 * <p>A token is not single-use: it only proves age. Rate limits and moderation do the rest.
 */
public final class FormTimer {

    public enum Verdict {
        /** Issued for this form, at least min and at most max ago. */
        OK,
        /** Genuine, but sent sooner than a person could have: treat as a bot, or ask to wait. */
        TOO_FAST,
        /** Missing, malformed, forged, for another form, from the future, or older than max. */
        INVALID
    }

    /** Tolerated clock difference between the node that issued a token and the one checking it. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /**
     * The time as issued (up to 18 digits, so it always fits a long; no sign, no leading zero, so
     * one time has one spelling), a dot, and the 43 characters of an unpadded base64url SHA-256
     * HMAC. Anything else is rejected before any parsing or hashing.
     */
    private static final Pattern TOKEN = Pattern.compile("(0|[1-9][0-9]{0,17})\\.([A-Za-z0-9_-]{43})");

    private final Hmac hmac;
    private final Clock clock;

    public FormTimer(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        this.hmac = new Hmac(secret);   // refuses a secret short enough to guess
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for the form with this id (e.g. "comment:" + postId), to put in a hidden field. */
    public String issue(String formId) {
        Objects.requireNonNull(formId, "formId");
        long issuedAt = clock.millis();
        return issuedAt + "." + hmac.sign(signed(formId, issuedAt));
    }

    /**
     * Checks a submitted token.
     *
     * @param formId the id the form was issued for; a token for another form is INVALID
     * @param token  the submitted value, possibly null or garbage
     * @param min    the least time a person needs between loading and sending the form
     * @param max    the most: an older page is INVALID (the reader can reload it)
     */
    public Verdict check(String formId, String token, Duration min, Duration max) {
        Objects.requireNonNull(formId, "formId");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (token == null) {
            return Verdict.INVALID;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Verdict.INVALID;
        }
        long issuedAt = Long.parseLong(m.group(1));
        // The signature is checked before the time (in constant time): a forged token learns nothing.
        if (!hmac.verify(signed(formId, issuedAt), m.group(2))) {
            return Verdict.INVALID;
        }
        long age = clock.millis() - issuedAt;
        if (age < -CLOCK_SKEW.toMillis() || age > max.toMillis()) {
            return Verdict.INVALID;
        }
        return age < min.toMillis() ? Verdict.TOO_FAST : Verdict.OK;
    }

    /**
     * What is signed: "formId|issuedAt". The time is digits only, so the last '|' always separates the two
     * and no other (formId, time) pair signs the same bytes.
     */
    private static String signed(String formId, long issuedAt) {
        return formId + "|" + issuedAt;
    }
}
