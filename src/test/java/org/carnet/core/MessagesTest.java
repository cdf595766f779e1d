package org.carnet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both languages say the same things, and every message formats. */
class MessagesTest {

    private final Messages fr = Messages.of("fr");
    private final Messages en = Messages.of("en");

    @Test
    void bothBundlesHaveExactlyTheSameKeys() {
        Set<String> onlyFr = new TreeSet<>(fr.keys());
        onlyFr.removeAll(en.keys());
        Set<String> onlyEn = new TreeSet<>(en.keys());
        onlyEn.removeAll(fr.keys());
        assertThat(onlyFr).as("keys only in French").isEmpty();
        assertThat(onlyEn).as("keys only in English").isEmpty();
        assertThat(fr.keys()).hasSizeGreaterThan(100);
    }

    @Test
    void noKeyIsDefinedTwice() throws Exception {
        for (String lang : new String[] {"fr", "en"}) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            try (var in = getClass().getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    int eq = line.indexOf('=');
                    if (line.isBlank() || line.startsWith("#") || eq < 0) {
                        continue;
                    }
                    assertThat(seen.add(line.substring(0, eq).trim())).as(lang + " " + line).isTrue();
                }
            }
        }
    }

    @Test
    void noStraightApostrophesWhichMessageFormatWouldEat() {
        for (Messages m : new Messages[] {fr, en}) {
            for (String key : m.keys()) {
                assertThat(m.t(key)).as(m.lang() + " " + key).doesNotContain("'");
            }
        }
    }

    @Test
    void everyPatternFormatsInItsLocale() {
        for (Messages m : new Messages[] {fr, en}) {
            for (String key : m.keys()) {
                String pattern = m.t(key);
                if (pattern.contains("{")) {
                    String formatted = new MessageFormat(pattern, Locale.forLanguageTag(m.lang()))
                            .format(new Object[] {3, 3, 3, 3});
                    assertThat(formatted).as(m.lang() + " " + key).doesNotContain("{0").doesNotContain("{1");
                }
            }
        }
    }

    @Test
    void theReferenceNotesAreWordForWord() {
        assertThat(fr.t("comment.policy.members"))
                .isEqualTo("Remarque\u00a0: Seul un membre de ce blog est autorisé à enregistrer un commentaire.");
        assertThat(en.t("comment.policy.members")).isEqualTo("Note: Only a member of this blog may post a comment.");
    }

    @Test
    void frenchTypographyKeepsItsSpacesFromBreaking() {
        for (String key : fr.keys()) {
            String text = fr.t(key);
            assertThat(text).as("fr " + key + ": a non-breaking space before : ; ! ? and inside « »")
                    .doesNotContain(" :").doesNotContain(" ;").doesNotContain(" !").doesNotContain(" ?")
                    .doesNotContain("« ").doesNotContain(" »");
        }
    }

    @Test
    void countsAgreeWithTheirNouns() {
        assertThat(fr.t("import.done", 1, 1, 0, 2)).isEqualTo("Importé\u00a0: 1 article, 1 page, aucun brouillon et "
                + "2 commentaires.");
        assertThat(en.t("import.done", 2, 1, 1, 0)).isEqualTo("Imported: 2 posts, 1 page, 1 draft and no comments.");
        assertThat(en.t("import.done.more", 1, 0, 3, 1200)).isEqualTo("1 entry skipped, none already there, "
                + "3 old addresses redirected (1,200 entries read).");
    }

    @Test
    void pluralsUseARealRule() {
        assertThat(en.t("signin.tooMany", 1)).endsWith("in 1 minute.");
        assertThat(en.t("signin.tooMany", 12)).endsWith("in 12 minutes.");
        assertThat(fr.t("signin.tooMany", 1)).endsWith("dans 1 minute.");
        assertThat(fr.t("signin.tooMany", 3)).endsWith("dans 3 minutes.");
    }

    @Test
    void unsupportedLanguagesFallBackToEnglish() {
        assertThat(Messages.of("de").lang()).isEqualTo("en");
        assertThat(Messages.of(null).lang()).isEqualTo("en");
        assertThat(Messages.supports("fr")).isTrue();
        assertThat(Messages.supports("de")).isFalse();
    }
}
