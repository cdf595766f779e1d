package org.carnet.media;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.carnet.core.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an uploaded file is an image Carnet serves, and makes what is served from it. Nothing about
 * the file is trusted but its bytes: not its name, not the Content-Type the browser gave.
 * <ol>
 * <li>Its format is what an ImageIO reader recognises in its first bytes: JPEG, PNG, GIF or WebP. SVG (a
 *     document that can carry scripts) and anything else is refused.</li>
 * <li>Its dimensions are read from its header, before any pixel is decoded: a small file declaring a huge
 *     picture (a decompression bomb) is refused without taking the heap.</li>
 * <li>It is decoded whole; a file that does not decode (truncated, corrupt) is refused.</li>
 * <li>JPEG, PNG and WebP are re-encoded from their pixels, EXIF orientation applied: what is served carries no
 *     metadata (no GPS position, no camera serial, no comment) and nothing appended after the image (a script
 *     glued to a JPEG is gone). WebP becomes PNG (lossless; Java has no WebP writer). GIFs, animated ones
 *     included, are kept byte for byte once every frame decoded: GIF has no EXIF.</li>
 * </ol>
 */
final class ImageIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ImageIntake.class);
    /** ImageIO's format names (lower-case) of what is accepted, and what each is served as. */
    private static final Map<String, ImageFormat> ACCEPTED = Map.of("jpeg", ImageFormat.JPEG, "jpg", ImageFormat.JPEG,
            "png", ImageFormat.PNG, "gif", ImageFormat.GIF, "webp", ImageFormat.PNG);
    /** An animated GIF of more frames than this is refused (each frame is decoded to check it). */
    static final int MAX_FRAMES = 1000;
    private static final float JPEG_QUALITY = 0.9f;

    static {
        // TwelveMonkeys' readers (JPEG, WebP) registered whatever class loader first touched ImageIO. Files are read
        // through FileImageInputStream (ImageIO.createImageInputStream(File)): no cache of ImageIO's own.
        ImageIO.scanForPlugins();
    }

    /** What is served: a file in the work folder (the caller deletes it), its type, size and SHA-256. */
    record Accepted(Path file, ImageFormat format, int width, int height, long bytes, String sha256) {
    }

    private final long maxPixels;

    ImageIntake(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The image to serve made from upload (a file), written beside it; a Problem says why not. */
    Accepted accept(Path upload) throws IOException {
        if (looksLikeSvg(upload)) {
            throw Problem.invalid("media.refused.svg");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(upload.toFile())) {
            if (in == null) {
                throw Problem.invalid("media.refused.notImage");
            }
            ImageReader reader = readerFor(in);
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            ImageFormat served = ACCEPTED.get(format);
            try {
                reader.setInput(in, false, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkPixels(width, height);
                if (served == ImageFormat.GIF) {
                    return keepGif(upload, reader, width, height);
                }
                if (format.equals("webp") && reader.getNumImages(true) > 1) {
                    throw Problem.invalid("media.refused.animatedWebp");
                }
                Warnings warnings = new Warnings();
                reader.addIIOReadWarningListener(warnings);
                BufferedImage image = reader.read(0);
                warnings.refuseIfTruncated();
                if (served == ImageFormat.JPEG) {
                    image = Orientation.upright(image, exifOrientation(upload));
                }
                Path out = Files.createTempFile(upload.getParent(), "media-", "." + served.extension());
                try {
                    write(image, served, out);
                    return accepted(out, served, image.getWidth(), image.getHeight());
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(out);
                    throw e;
                }
            } catch (Problem p) {
                throw p;
            } catch (IOException | RuntimeException e) {
                // A reader's failure on hostile bytes may be any exception (an index out of bounds, a negative
                // array size): all say the same to the uploader.
                LOG.debug("refused an upload that does not decode as {}: {}", format, e.toString());
                throw Problem.invalid("media.refused.broken");
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader readerFor(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            try {
                if (ACCEPTED.containsKey(r.getFormatName().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            } catch (IOException e) {
                // not this one
            }
            r.dispose();
        }
        throw Problem.invalid("media.refused.notImage");
    }

    private void checkPixels(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw Problem.invalid("media.refused.broken");
        }
        if (width * height > maxPixels) {
            throw new Problem(Problem.Kind.TOO_LARGE, "media.refused.pixels", width, height,
                    Math.max(1, maxPixels / 1_000_000));
        }
    }

    /** Every frame decoded (each checked for its size first), the file kept as uploaded. */
    private Accepted keepGif(Path upload, ImageReader reader, int width, int height) throws IOException {
        Warnings warnings = new Warnings();
        reader.addIIOReadWarningListener(warnings);
        int frames = 0;
        for (int i = 0; ; i++) {
            // getNumImages(true) would scan the file once more: frames are counted as they are read.
            try {
                checkPixels(reader.getWidth(i), reader.getHeight(i));
            } catch (IndexOutOfBoundsException end) {
                break;
            }
            reader.read(i);
            if (++frames > MAX_FRAMES) {
                throw Problem.invalid("media.refused.frames", MAX_FRAMES);
            }
        }
        if (frames == 0) {
            throw Problem.invalid("media.refused.broken");
        }
        warnings.refuseIfTruncated();
        Path out = Files.createTempFile(upload.getParent(), "media-", ".gif");
        Files.copy(upload, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return accepted(out, ImageFormat.GIF, width, height);
    }

    private static Accepted accepted(Path file, ImageFormat format, int width, int height) throws IOException {
        return new Accepted(file, format, width, height, Files.size(file), sha256(file));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes pixels alone (no metadata given to the writer: none is written). */
    static void write(BufferedImage image, ImageFormat format, Path out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.writer);
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The EXIF orientation of a JPEG (1, upright, when it has none or it cannot be read). */
    private static int exifOrientation(Path jpeg) {
        try {
            var metadata = JpegMetadataReader.readMetadata(jpeg.toFile(),
                    List.of(new com.drew.metadata.exif.ExifReader()));
            var ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            LOG.debug("no readable EXIF orientation: {}", e.toString());
        }
        return 1;
    }

    /** An SVG (or any XML) file: refused by name, so the uploader reads why. */
    private static boolean looksLikeSvg(Path file) throws IOException {
        byte[] head = new byte[1024];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        return text.startsWith("<svg") || (text.startsWith("<?xml") || text.startsWith("\u00ef\u00bb\u00bf<?xml")
                || text.startsWith("<!doctype svg")) && text.contains("<svg");
    }

    /**
     * The readers' warnings while decoding. A truncated JPEG decodes "successfully" to a grey bottom with a
     * warning: that one refuses the file. Others (an odd but readable marker) are logged.
     */
    private static final class Warnings implements javax.imageio.event.IIOReadWarningListener {
        private final List<String> seen = new ArrayList<>();

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            seen.add(warning);
        }

        void refuseIfTruncated() {
            for (String w : seen) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.contains("premature") || lower.contains("truncat") || lower.contains("end of")) {
                    throw Problem.invalid("media.refused.broken");
                }
                LOG.debug("image reader warning, file accepted: {}", w);
            }
        }
    }
}
