package org.carnet.media;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Makes a post's own images responsive where readers see it: each {@code <img>} whose address is one of the blog's
 * images (/media/{hash}/…, on the blog's own host or under /{blog}) gets a {@code srcset} of its variants and
 * {@code sizes}, and {@code width}/{@code height} from the stored picture (the browser keeps its place: no layout
 * shift). The page's first such image is loaded at once, the others lazily (the sanitiser marks every image
 * lazy). Other images, and bodies without one of the blog's images, are left exactly as they are, unparsed.
 *
 * <p>Done when a page is rendered, not when a post is saved: whichever way a body was written (editor, import,
 * API) it is treated alike, the stored HTML holds only what the author chose, and a page is rendered once per
 * content version anyway (the page cache).
 */
public final class ResponsiveImages {

    /** The blog's column for a post's text is at most 46rem (736 px) wide (carnet.css .main-col). */
    static final int COLUMN_PX = 736;

    private static final Pattern HASH_IN_HTML = Pattern.compile("/media/([0-9a-f]{64})/");
    private static final Pattern MEDIA_SRC = Pattern.compile(
            "^(?<base>(?:https?://[^/?#]+)?(?:/[^/?#]+)?)/media/(?<hash>[0-9a-f]{64})/(?:w[0-9]{1,5}/)?[^/?#]+$");
    private static final Pattern PIXELS = Pattern.compile("[0-9]{1,4}");

    private final MediaTable table = new MediaTable();

    /** The content hashes of the images a body names (in any attribute: a quick scan, no parsing). */
    public static Set<String> hashesIn(String html) {
        Set<String> hashes = new LinkedHashSet<>();
        if (html == null || !html.contains("/media/")) {
            return hashes;
        }
        Matcher m = HASH_IN_HTML.matcher(html);
        while (m.find()) {
            hashes.add(m.group(1));
        }
        return hashes;
    }

    /** The blog's images with these hashes, by hash: one query for a whole page. */
    public Map<String, Media> find(Handle h, long blogId, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        return table.byHashes(h, blogId, List.copyOf(hashes)).stream()
                .collect(Collectors.toMap(Media::contentHash, m -> m, (a, b) -> a));
    }

    /**
     * The body with the blog's images in it made responsive. firstOnPage: no image of the blog came before on the
     * page, so this body's first one is loaded at once; every other keeps loading lazily.
     */
    public static String enrich(String html, Map<String, Media> images, boolean firstOnPage) {
        if (html == null || images.isEmpty() || !html.contains("<img") || hashesIn(html).stream()
                .noneMatch(images::containsKey)) {
            return html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
        boolean changed = false;
        boolean first = firstOnPage;
        for (Element img : doc.body().select("img[src]")) {
            Matcher m = MEDIA_SRC.matcher(img.attr("src"));
            Media media = m.matches() ? images.get(m.group("hash")) : null;
            if (media == null) {
                continue;
            }
            changed = true;
            if (first) {
                img.attr("loading", "eager");
                first = false;
            }
            // A width the author chose (Blogger's exports always carry one) is kept, the height follows the
            // picture's own proportions; otherwise the picture's own size, which CSS scales down to the column.
            String chosen = img.attr("width");
            int width = PIXELS.matcher(chosen).matches() ? Math.max(1, Integer.parseInt(chosen)) : media.width();
            img.attr("width", Integer.toString(width));
            img.attr("height", Integer.toString(media.heightAt(width)));
            img.attr("decoding", "async");
            if (media.resizable() && !Variants.of(media).isEmpty()) {
                img.attr("srcset", MediaService.srcset(m.group("base"), media));
                int shown = Math.min(width, COLUMN_PX);
                img.attr("sizes", "(max-width: " + shown + "px) 100vw, " + shown + "px");
            }
        }
        return changed ? doc.body().html() : html;
    }
}
