package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportTextTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "fr, fr", "fr_FR, fr", "fr-FR, fr", "fr-CA, fr", "fr_CA, fr", "FR_be, fr", "' fr ', fr",
            "en, en", "en_GB, en", "en-US, en", "EN-us, en",
            "de, null", "de-DE, null", "pt_BR, null", "'', null", "null, null"})
    void localesMapToTheTwoLanguagesCarnetSpeaks(String locale, String language) {
        assertThat(ExportText.language(locale)).isEqualTo(language);
    }

    @Test
    void trimmedValuesAreStrippedAndBlankOnesAreNull() {
        assertThat(ExportText.trimmed("  Carnet d’Asie\n")).isEqualTo("Carnet d’Asie");
        assertThat(ExportText.trimmed(" \t\n ")).isNull();
        assertThat(ExportText.trimmed("")).isNull();
        assertThat(ExportText.trimmed(null)).isNull();
    }

    @Test
    void aMissingTitleIsEmptyNotNull() {
        assertThat(ExportText.title("  Samarcande ")).isEqualTo("Samarcande");
        assertThat(ExportText.title("  ")).isEmpty();
        assertThat(ExportText.title(null)).isEmpty();
    }
}
