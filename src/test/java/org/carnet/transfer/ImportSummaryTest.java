package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An import's summary is kept as JSON (import_job.summary) for the status page of any node. */
class ImportSummaryTest {

    @Test
    void theSettingsNotAppliedSurviveTheRecord() throws Exception {
        ImportSummary summary = new ImportSummary("asie", 9, 3, 1, 1, 3, 1, 0, 1, List.of(
                new UnappliedSetting(UnappliedSetting.Setting.POSTS_PER_PAGE, "7", UnappliedSetting.Reason.POSTS_BY_DAYS),
                new UnappliedSetting(UnappliedSetting.Setting.TITLE, null, UnappliedSetting.Reason.BLOG_KEEPS_ITS_OWN)));

        String json = ImportJobStore.json(summary);

        assertThat(ImportJobStore.JSON.readValue(json, ImportSummary.class)).isEqualTo(summary);
    }

    @Test
    void aRecordFromBeforeSettingsWereNamedReadsAsNoneNamed() throws Exception {
        String old = "{\"blogName\":\"asie\",\"entries\":9,\"posts\":3,\"pages\":1,\"drafts\":1,\"comments\":3,"
                + "\"skipped\":1,\"alreadyThere\":0,\"redirects\":1}";

        ImportSummary summary = ImportJobStore.JSON.readValue(old, ImportSummary.class);

        assertThat(summary.posts()).isEqualTo(3);
        assertThat(summary.settingsNotApplied()).isEmpty();
    }
}
