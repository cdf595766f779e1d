package org.carnet.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.coobird.thumbnailator.Thumbnails;

/**
 * The narrower copies of an image that pages offer in srcset (320, 640, 1024 and 1600 px wide): a phone loads a
 * 640 px file, not the 4000 px original. Each is made the first time it is asked for, by Thumbnailator (good
 * downscaling, not a hand-written scaler), kept in the media store beside the original, and never wider than it.
 */
public final class Variants {

    public static final List<Integer> WIDTHS = List.of(320, 640, 1024, 1600);
    private static final double JPEG_QUALITY = 0.85;

    private Variants() {
    }

    /** The widths an image has variants at: those narrower than it (none for a GIF, served as is). */
    public static List<Integer> of(Media media) {
        List<Integer> widths = new ArrayList<>();
        if (media.resizable()) {
            for (int w : WIDTHS) {
                if (w < media.width()) {
                    widths.add(w);
                }
            }
        }
        return widths;
    }

    /** The path segment of a variant ("w640"), or -1 when name is not one of the widths. */
    public static int widthOf(String segment) {
        if (segment == null || !segment.matches("w\\d{3,4}")) {
            return -1;
        }
        int w = Integer.parseInt(segment.substring(1));
        return WIDTHS.contains(w) ? w : -1;
    }

    /** Writes the variant of width w of original (a file of the given format) to out. */
    static void make(Path original, ImageFormat format, int width, Path out) throws IOException {
        // From the file (not a stream, which ImageIO would copy to a cache first); the original has no EXIF left
        // for Thumbnailator to turn it by.
        try (OutputStream o = Files.newOutputStream(out)) {
            var builder = Thumbnails.of(original.toFile()).width(width).outputFormat(format.writer);
            if (format == ImageFormat.JPEG) {
                builder.outputQuality(JPEG_QUALITY);
            }
            builder.toOutputStream(o);
        }
    }
}
