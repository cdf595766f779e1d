package org.carnet.media;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;

/**
 * An image of a blog, as its row says. Its address is /{blog}/media/{contentHash}/{fileName} (see MediaUrls):
 * the hash makes it stable and immutable, the name is there for people and search engines.
 */
public record Media(long id, long blogId, String contentHash, String originalName, String mime, int width,
                    int height, long bytes, String alt, Long uploaderId, String uploaderName, Instant createdAt) {

    /** Animated GIFs are served as uploaded, at every width (no variant). */
    public boolean resizable() {
        return !mime.equals("image/gif");
    }

    /** The height the image has when shown w pixels wide (for width/height attributes: no layout shift). */
    public int heightAt(int w) {
        return (int) Math.max(1, Math.round((double) height * Math.min(w, width) / width));
    }

    /**
     * The name in the address: the uploaded name folded to lower-case ASCII letters, digits and dashes, with the
     * extension of what is served ("Été à Nice.JPG" → "ete-a-nice.jpg"; a WebP becomes ".png").
     */
    public String fileName() {
        String base = originalName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String folded = Normalizer.normalize(base, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (folded.length() > 60) {
            folded = folded.substring(0, 60).replaceAll("-+$", "");
        }
        return (folded.isEmpty() ? "image" : folded) + "." + ImageFormat.ofMime(mime).extension();
    }
}
