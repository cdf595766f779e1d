package org.carnet.transfer;

import java.util.List;

/**
 * What an import did, for the CLI's last lines and the admin page.
 *
 * @param settingsNotApplied the export's settings the blog did not take, each with why (empty in the records of
 *                           imports made before they were named)
 */
public record ImportSummary(String blogName, int entries, int posts, int pages, int drafts, int comments,
                            int skipped, int alreadyThere, int redirects, List<UnappliedSetting> settingsNotApplied) {

    public ImportSummary {
        settingsNotApplied = settingsNotApplied == null ? List.of() : List.copyOf(settingsNotApplied);
    }
}
