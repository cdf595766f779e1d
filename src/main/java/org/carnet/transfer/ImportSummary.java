package org.carnet.transfer;

import java.util.List;

/**
 * What an import did, for the CLI's last lines and the admin page.
 *
 * @param settingsNotApplied the export's settings the blog did not take, each with why (empty in the records of
 *                           imports made before they were named)
 * @param images             the old blog's images brought into the blog's media library (0 in older records)
 * @param imagesNotFetched   the images that could not be fetched: their bodies keep the old address; importing
 *                           the same file again tries them again
 */
public record ImportSummary(String blogName, int entries, int posts, int pages, int drafts, int comments,
                            int skipped, int alreadyThere, int redirects, List<UnappliedSetting> settingsNotApplied,
                            int images, List<ImageNotFetched> imagesNotFetched) {

    public ImportSummary {
        settingsNotApplied = settingsNotApplied == null ? List.of() : List.copyOf(settingsNotApplied);
        imagesNotFetched = imagesNotFetched == null ? List.of() : List.copyOf(imagesNotFetched);
    }

    /** A summary of an import that fetched no images. */
    public ImportSummary(String blogName, int entries, int posts, int pages, int drafts, int comments, int skipped,
                         int alreadyThere, int redirects, List<UnappliedSetting> settingsNotApplied) {
        this(blogName, entries, posts, pages, drafts, comments, skipped, alreadyThere, redirects, settingsNotApplied,
                0, List.of());
    }
}
