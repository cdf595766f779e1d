package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.carnet.core.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the intake accepts and makes, file by file (no server): formats, limits, orientation. */
class ImageIntakeTest {

    @TempDir
    Path dir;

    private final ImageIntake intake = new ImageIntake(40_000_000);

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/media/" + name)) {
            return file(name, in.readAllBytes());
        }
    }

    @Test
    void aWebpIsServedAsAPngWithItsTransparency() throws Exception {
        for (String name : new String[] {"lossy-alpha.webp", "lossless.webp"}) {
            ImageIntake.Accepted a = intake.accept(resource(name));
            assertThat(a.format()).as(name).isEqualTo(ImageFormat.PNG);
            assertThat(a.width()).isEqualTo(120);
            assertThat(a.height()).isEqualTo(80);
            BufferedImage png = ImageIO.read(a.file().toFile());
            assertThat(png.getColorModel().hasAlpha()).as(name).isTrue();
            assertThat(a.sha256()).isEqualTo(ImageIntakeHash.sha256(Files.readAllBytes(a.file())));
        }
    }

    @Test
    void anAnimatedGifIsKeptByteForByteOnceEveryFrameDecodes() throws Exception {
        byte[] gif = animatedGif(3);
        ImageIntake.Accepted a = intake.accept(file("anim.gif", gif));
        assertThat(a.format()).isEqualTo(ImageFormat.GIF);
        assertThat(Files.readAllBytes(a.file())).isEqualTo(gif);
        assertThat(a.width()).isEqualTo(40);
        // The same, cut short, is refused.
        assertThatThrownBy(() -> intake.accept(file("cut.gif", java.util.Arrays.copyOf(gif, gif.length * 2 / 3))))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.key()).isEqualTo("media.refused.broken"));
    }

    @Test
    void thePixelLimitIsReadFromTheHeaderBeforeDecoding() throws Exception {
        // 6,000 × 4,000 = 24 MP: under the default, over a limit of 20 MP.
        Path bomb = file("bomb.png", TestImages.pngDeclaring(6000, 4000));
        assertThatThrownBy(() -> new ImageIntake(20_000_000).accept(bomb))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE);
                    assertThat(p.key()).isEqualTo("media.refused.pixels");
                });
        // An absurd declaration (2^31-1 on each side) is refused the same way, not by running out of memory.
        Path absurd = file("absurd.png", TestImages.pngDeclaring(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThatThrownBy(() -> intake.accept(absurd)).isInstanceOf(Problem.class);
    }

    @Test
    void everyExifOrientationEndsUpright() throws Exception {
        // A 40 × 20 picture whose red mark is top-left once upright, stored as each orientation would store it.
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] jpeg = TestImages.jpegWithGps(40, 20, orientation);
            ImageIntake.Accepted a = intake.accept(file("o" + orientation + ".jpg", jpeg));
            boolean turned = orientation >= 5;
            assertThat(a.width()).as("orientation " + orientation).isEqualTo(turned ? 20 : 40);
            assertThat(a.height()).as("orientation " + orientation).isEqualTo(turned ? 40 : 20);
        }
    }

    @Test
    void aFileThatIsNoImageIsRefusedWhateverItsName() throws Exception {
        assertThatThrownBy(() -> intake.accept(file("x.jpg", "GIF89a but not really".getBytes())))
                .isInstanceOf(Problem.class);
        assertThatThrownBy(() -> intake.accept(file("x.png", new byte[] {0, 1, 2, 3})))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.key()).isEqualTo("media.refused.notImage"));
        assertThatThrownBy(() -> intake.accept(file("y.svg", "  <svg viewBox=\"0 0 1 1\"/>".getBytes())))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.key()).isEqualTo("media.refused.svg"));
    }

    /** A looping GIF of frames 40 × 30 frames, each a different colour. */
    private static byte[] animatedGif(int frames) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
                var g = frame.createGraphics();
                g.setColor(new Color(80 * i, 100, 200 - 50 * i));
                g.fillRect(0, 0, 40, 30);
                g.dispose();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
                        null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "10");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
