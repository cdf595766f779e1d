package org.carnet.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogSettings;
import org.carnet.core.Problem;
import org.carnet.transfer.UnappliedSetting.Reason;
import org.carnet.transfer.UnappliedSetting.Setting;

/**
 * What a blog takes of an export's settings. A blog the import creates takes every one Carnet accepts, each checked
 * on its own by BlogSettings, so that one value Carnet refuses (an unknown time zone, 80 posts a page) keeps its
 * default instead of refusing the file. A blog that already existed keeps its own settings, chosen by its owner
 * since; the export's that differ are named, so that the owner can take them by hand.
 */
final class SettingsFromExport {

    /** The settings for BlogService.newBlog, and the export's settings left out, for the import's summary. */
    record Outcome(Map<String, String> settings, List<UnappliedSetting> notApplied) {
    }

    private SettingsFromExport() {
    }

    /** For the blog named blogName that the import creates; like is a blog with every new blog's defaults. */
    static Outcome forNewBlog(Blog like, String blogName, ImportedBlog imported) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("title", blogName);
        List<UnappliedSetting> notApplied = new ArrayList<>(imported.notUnderstood());
        wanted(imported).forEach((key, value) -> {
            if (accepted(like, key, value) != null) {
                settings.put(key, value);
            } else {
                notApplied.add(new UnappliedSetting(Setting.ofKey(key), value, Reason.UNKNOWN_VALUE));
            }
        });
        return new Outcome(settings, notApplied);
    }

    /** For a blog that existed before the import: nothing to apply; what the export says otherwise, named. */
    static Outcome forExistingBlog(Blog blog, ImportedBlog imported) {
        List<UnappliedSetting> notApplied = new ArrayList<>(imported.notUnderstood());
        Map<String, String> own = BlogSettings.describe(blog);
        wanted(imported).forEach((key, value) -> {
            Blog changed = accepted(blog, key, value);
            if (changed == null) {
                notApplied.add(new UnappliedSetting(Setting.ofKey(key), value, Reason.UNKNOWN_VALUE));
            } else if (!BlogSettings.describe(changed).get(key).equals(own.get(key))) {
                notApplied.add(new UnappliedSetting(Setting.ofKey(key), null, Reason.BLOG_KEEPS_ITS_OWN));
            }
        });
        return new Outcome(Map.of(), notApplied);
    }

    /** Every setting the export gives, by its BlogSettings key, the title and description cut to Carnet's limits. */
    private static Map<String, String> wanted(ImportedBlog imported) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (imported.title() != null && !imported.title().isBlank()) {
            wanted.put("title", ImportService.truncate(imported.title().strip(), 200));
        }
        if (imported.description() != null) {
            wanted.put("description", ImportService.truncate(imported.description().strip(), 1000));
        }
        if (imported.language() != null) {
            wanted.put("language", imported.language());
        }
        if (imported.timeZone() != null) {
            wanted.put("time-zone", imported.timeZone());
        }
        // Only the settings an export can carry: never a host name, which only the instance's admins give.
        imported.settings().forEach((key, value) -> {
            if (Setting.ofKey(key) != null) {
                wanted.put(key, value);
            }
        });
        return wanted;
    }

    /** blog with that one setting changed, or null when Carnet refuses the value. */
    private static Blog accepted(Blog blog, String key, String value) {
        try {
            return BlogSettings.apply(blog, Map.of(key, value), blog.updatedAt());
        } catch (Problem refused) {
            return null;
        }
    }
}
