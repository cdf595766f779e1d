package org.carnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.media.Media;
import org.carnet.media.MediaService;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `carnet export blogger --zip` (issue 15): the Atom file names the blog's images by their absolute Carnet
 * addresses, and the images are beside it in the zip at the path of those addresses, the very bytes served.
 */
class ExportZipTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Test
    void theZipHoldsTheAtomFileAndEveryImageAtItsAddressPath() throws Exception {
        User owner = carnet.user("zip@export.test", "Zip", "une phrase de passe solide");
        Blog blog = carnet.blog(owner, "album-zip");
        Media photo = carnet.services().media.upload(Viewer.of(owner), blog, new ByteArrayInputStream(jpeg()),
                "Été à Nice.JPG", "La baie");
        carnet.services().posts.create(Viewer.of(owner), blog, new PostInput(Post.Kind.POST, "Souvenir",
                BodyFormat.HTML, "<p><img src=\"" + MediaService.url("/album-zip", photo) + "\" alt=\"La baie\"></p>",
                "", "", "", ""), PostService.Intent.PUBLISH);
        Path zip = Files.createTempDirectory(carnet.dataDir(), "export").resolve("album.zip");

        var run = carnet.cli("export", "blogger", "--blog", "album-zip", "--out", zip.toString(), "--zip",
                "--base-url", "https://carnet.example");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("with 1 images");

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        String path = "media/" + photo.contentHash() + "/" + photo.fileName();
        assertThat(entries.keySet()).containsExactly("album-zip.xml", path);
        String atom = new String(entries.get("album-zip.xml"), StandardCharsets.UTF_8);
        assertThat(atom).contains("https://carnet.example/album-zip/" + path);
        byte[] image = entries.get(path);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)))
                .isEqualTo(photo.contentHash());
        assertThat(ImageIO.read(new ByteArrayInputStream(image)).getWidth()).isEqualTo(800);
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.CYAN);
        g.fillRect(0, 0, 800, 500);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(100, 100, 300, 200);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
