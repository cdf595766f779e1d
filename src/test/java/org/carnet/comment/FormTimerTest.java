package org.carnet.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.carnet.comment.FormTimer.Verdict;
import org.carnet.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A form token proves age and origin: right form, right secret, neither too fresh nor too old. */
class FormTimerTest {

    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration MIN = Duration.ofSeconds(3);
    private static final Duration MAX = Duration.ofHours(2);
    private static final String FORM = "comment:42";

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final FormTimer timer = new FormTimer(SECRET, clock);

    private Verdict check(String token) {
        return timer.check(FORM, token, MIN, MAX);
    }

    @Test
    void aFormSentAfterTheMinimumIsOk() {
        String token = timer.issue(FORM);
        clock.advance(Duration.ofSeconds(40));

        assertThat(check(token)).isEqualTo(Verdict.OK);
    }

    @Test
    void theBoundsThemselvesAreOk() {
        String token = timer.issue(FORM);

        clock.advance(MIN);
        assertThat(check(token)).isEqualTo(Verdict.OK);
        clock.advance(MAX.minus(MIN));
        assertThat(check(token)).isEqualTo(Verdict.OK);
    }

    @Test
    void aFormSentAtOnceIsTooFast() {
        String token = timer.issue(FORM);

        assertThat(check(token)).isEqualTo(Verdict.TOO_FAST);
        clock.advance(MIN.minusMillis(1));
        assertThat(check(token)).isEqualTo(Verdict.TOO_FAST);
    }

    @Test
    void anOldPageIsInvalid() {
        String token = timer.issue(FORM);
        clock.advance(MAX.plusMillis(1));

        assertThat(check(token)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aTokenForAnotherFormIsInvalid() {
        String token = timer.issue("comment:43");
        clock.advance(Duration.ofSeconds(40));

        assertThat(check(token)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsInvalid() {
        FormTimer other = new FormTimer("another-secret-of-enough-bytes".getBytes(StandardCharsets.UTF_8), clock);
        String token = other.issue(FORM);
        clock.advance(Duration.ofSeconds(40));

        assertThat(check(token)).isEqualTo(Verdict.INVALID);
        assertThat(other.check(FORM, token, MIN, MAX)).isEqualTo(Verdict.OK);
    }

    @Test
    void aBackDatedTimestampIsInvalid() {
        String token = timer.issue(FORM);
        long issuedAt = Long.parseLong(token.substring(0, token.indexOf('.')));
        String backDated = (issuedAt - 60_000) + token.substring(token.indexOf('.'));

        assertThat(check(backDated)).as("a bot cannot make a fresh token look old").isEqualTo(Verdict.INVALID);
        assertThat(check("0" + token)).as("the same time spelled differently").isEqualTo(Verdict.INVALID);
    }

    @Test
    void aTamperedSignatureIsInvalid() {
        String token = timer.issue(FORM);
        clock.advance(Duration.ofSeconds(40));
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        char first = token.charAt(token.indexOf('.') + 1);
        String tamperedFirst = token.substring(0, token.indexOf('.') + 1) + (first == 'A' ? 'B' : 'A')
                + token.substring(token.indexOf('.') + 2);

        assertThat(check(tampered)).isEqualTo(Verdict.INVALID);
        assertThat(check(tamperedFirst)).isEqualTo(Verdict.INVALID);
        assertThat(check(token)).isEqualTo(Verdict.OK);
    }

    @Test
    void aTokenFromTheFutureIsToleratedOnlyWithinTheClockSkew() {
        MutableClock ahead = new MutableClock(clock.instant().plus(FormTimer.CLOCK_SKEW));
        String slightlyAhead = new FormTimer(SECRET, ahead).issue(FORM);
        ahead.advance(Duration.ofMillis(1));
        String tooFarAhead = new FormTimer(SECRET, ahead).issue(FORM);

        assertThat(check(slightlyAhead)).as("another node's clock a minute ahead").isEqualTo(Verdict.TOO_FAST);
        assertThat(check(tooFarAhead)).isEqualTo(Verdict.INVALID);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", " ", ".", "abc", "1714557600000", "1714557600000.", ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "-1714557600000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "+1714557600000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "1714557600000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "1714557600000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "99999999999999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "1714557600000.AAAA+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "1714557600000 .AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "<script>alert(1)</script>"
    })
    void garbageIsInvalid(String token) {
        clock.advance(Duration.ofSeconds(40));

        assertThat(check(token)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aTokenIsOneUrlSafeWordSoItFitsAHiddenField() {
        assertThat(timer.issue(FORM)).matches("[0-9]+\\.[A-Za-z0-9_-]{43}");
    }

    @Test
    void anotherTimerWithTheSameSecretAcceptsTheToken() {
        String token = timer.issue(FORM);
        clock.advance(Duration.ofSeconds(40));

        assertThat(new FormTimer(SECRET.clone(), clock).check(FORM, token, MIN, MAX))
                .as("app nodes share the secret, not state").isEqualTo(Verdict.OK);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new FormTimer(new byte[15], clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
