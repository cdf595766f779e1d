package org.carnet.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.core.User;
import org.carnet.testkit.BrowserExtension;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An author on a phone puts images into a post from the editor (issue 15): picked with alt text, pasted, dropped
 * on the text, and one of the blog's latest images inserted with a click; readers get each with its srcset. What
 * the editor writes is the blog's own address; the server checked every file.
 */
@Tier.Browser
class EditorImagesBrowserTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @RegisterExtension
    static final BrowserExtension browser = BrowserExtension.chromium(carnet::baseUrl);

    private static final String PW = "une phrase de passe solide";
    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\((/carnet-photo/media/[0-9a-f]{64}/[a-z0-9.-]+)\\)");

    @BeforeAll
    static void aBlogWithAnAuthor() {
        User owner = carnet.user("owner@images.test", "Propriétaire", PW);
        User author = carnet.user("author@images.test", "Autrice", PW);
        Blog blog = carnet.blog(owner, "carnet-photo", "language", "fr");
        carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
    }

    @Test
    void pickedPastedAndDroppedImagesLandInTheTextAndReachReadersResponsive() throws IOException {
        Page page = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true)
                .setLocale("fr-FR"));
        page.navigate("/account/signin");
        page.locator("form#signin [name=email]").fill("author@images.test");
        page.locator("form#signin [name=password]").fill(PW);
        page.locator("form#signin button[type=submit]").click();
        page.waitForURL("**/dashboard");

        page.navigate("/carnet-photo/admin/posts/new");
        page.locator("#title").fill("Trois images");
        page.locator("#body").fill("Avant les images.");
        page.locator("details#editor-images > summary").click();
        // The script ran under the page's policy: the upload controls are shown.
        assertThat(page.locator("#editor-images-add")).isVisible();
        page.locator("#editor-image-alt").fill("Un carré rouge");
        page.locator("#editor-image-file").setInputFiles(new FilePayload("rouge.png", "image/png",
                png(900, 600, Color.RED)));
        assertThat(page.locator("#editor-image-status")).hasText("L’image est dans le texte.");

        page.evaluate("b64 => { const t = document.getElementById('body'); t.focus();"
                + " t.setSelectionRange(t.value.length, t.value.length); const dt = new DataTransfer();"
                + " dt.items.add(new File([Uint8Array.from(atob(b64), c => c.charCodeAt(0))], 'collee.png', {type: 'image/png'}));"
                + " t.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true})); }",
                Base64.getEncoder().encodeToString(png(700, 700, Color.GREEN)));
        assertThat(page.locator("#body")).hasValue(Pattern.compile(".*collee\\.png\\).*", Pattern.DOTALL));

        page.evaluate("b64 => { const t = document.getElementById('body'); const dt = new DataTransfer();"
                + " dt.items.add(new File([Uint8Array.from(atob(b64), c => c.charCodeAt(0))], 'deposee.png', {type: 'image/png'}));"
                + " t.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + " t.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); }",
                Base64.getEncoder().encodeToString(png(1200, 500, Color.BLUE)));
        assertThat(page.locator("#body")).hasValue(Pattern.compile(".*deposee\\.png\\).*", Pattern.DOTALL));

        String text = page.locator("#body").inputValue();
        Matcher m = MARKDOWN_IMAGE.matcher(text);
        List<String> alts = new java.util.ArrayList<>();
        while (m.find()) {
            alts.add(m.group(1));
        }
        org.assertj.core.api.Assertions.assertThat(text).startsWith("Avant les images.\n\n![Un carré rouge](");
        org.assertj.core.api.Assertions.assertThat(alts).containsExactly("Un carré rouge", "", "");

        page.locator("#publish").click();
        page.waitForURL(Pattern.compile(".*/carnet-photo/admin/posts.*"));
        String path = carnet.services().reader.home(carnet.services().blogs.require("carnet-photo"), null, 5)
                .entries().get(0).post().path();

        Page reader = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true));
        reader.navigate("/carnet-photo" + path);
        Locator imgs = reader.locator("article .post-body img");
        assertThat(imgs).hasCount(3);
        assertThat(imgs.first()).hasAttribute("alt", "Un carré rouge");
        assertThat(imgs.first()).hasAttribute("srcset", Pattern.compile(".*/w320/rouge\\.png 320w, .* 900w$"));
        assertThat(imgs.first()).hasAttribute("loading", "eager");
        assertThat(imgs.nth(2)).hasAttribute("loading", "lazy");
        // On a phone the browser picks a variant, never wider than the image's own size, and it decodes.
        Object natural = imgs.first().evaluate("i => i.decode().then(() => [i.naturalWidth, i.currentSrc])");
        org.assertj.core.api.Assertions.assertThat(natural.toString()).contains("/media/");

        // Editing again: the blog's latest images are offered; one click puts one where the cursor is.
        page.navigate("/carnet-photo/admin/posts");
        page.locator("#posts a", new Page.LocatorOptions().setHasText("Trois images")).first().click();
        page.locator("details#editor-images > summary").click();
        Locator insert = page.locator("#editor-images-recent button[data-insert]").first();
        assertThat(insert).isVisible();
        page.evaluate("() => { const t = document.getElementById('body'); t.focus(); t.setSelectionRange(0, 0); }");
        insert.click();
        org.assertj.core.api.Assertions.assertThat(page.locator("#body").inputValue()).startsWith("![");
    }

    @Test
    void aPrivateBlogsImageIsRefusedToASignedOutReaderAndShownToItsMembers() throws IOException {
        User owner = carnet.user("journal@images.test", "Journal", PW);
        Blog secret = carnet.blog(owner, "journal-intime", "visibility", "PRIVATE");
        var image = carnet.services().media.upload(org.carnet.core.Viewer.of(owner), secret,
                new java.io.ByteArrayInputStream(png(640, 480, Color.ORANGE)), "secret.png", "Un secret");
        String url = org.carnet.media.MediaService.url("/journal-intime", image);

        Page stranger = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true));
        org.assertj.core.api.Assertions.assertThat(stranger.navigate(url).status()).isEqualTo(403);

        Page member = browser.page(o -> o.setViewportSize(390, 844).setIsMobile(true));
        member.navigate("/account/signin");
        member.locator("form#signin [name=email]").fill("journal@images.test");
        member.locator("form#signin [name=password]").fill(PW);
        member.locator("form#signin button[type=submit]").click();
        member.waitForURL("**/dashboard");
        com.microsoft.playwright.Response shown = member.navigate(url);
        org.assertj.core.api.Assertions.assertThat(shown.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(shown.headerValue("cache-control")).startsWith("private");
    }

    private static byte[] png(int width, int height, Color color) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
